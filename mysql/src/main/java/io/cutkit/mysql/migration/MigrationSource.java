package io.cutkit.mysql.migration;

import io.cutkit.core.migration.MigrationException;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Where migrations come from: {@code .sql} files in a directory, {@code .sql} files and {@link JavaMigration}
 * classes under a classpath location (a directory or a jar), or given instances. Loading reads and hashes
 * every file once; it refuses names without a numeric prefix and duplicate names, saying which files.
 */
@FunctionalInterface
public interface MigrationSource {

    /** The migrations, sorted by version then name. Throws {@link MigrationException} when they cannot be read. */
    List<Migration> load();

    /** {@code .sql} files directly in {@code directory} (not its subdirectories). */
    static MigrationSource directory(Path directory) {
        return () -> checked(MigrationFolder.read(directory, "MigrationSource.directory", "the .sql files",
                (fileName, file) -> fileName.endsWith(".sql")
                        ? Optional.of(new SqlMigration(fileName.substring(0, fileName.length() - 4), file.toString(),
                                Files.readString(file, StandardCharsets.UTF_8)))
                        : Optional.empty()), directory.toString());
    }

    /**
     * Another tool's migration files directly in {@code directory}: {@code .js}, {@code .cjs}, {@code .mjs},
     * {@code .ts}, {@code .rb} and {@code .py} (Sequelize/umzug, Knex, Rails, Alembic). Each is identified by its
     * file name without extension and the checksum of its content, so it can be planned against the tool's
     * history (collisions, renames, foreign rows); applying one throws {@link MigrationException}, since only
     * its own tool can run it ({@link Migration#runnable()} is false).
     */
    static MigrationSource toolFiles(Path directory) {
        return () -> checked(MigrationFolder.read(directory, "MigrationSource.toolFiles", "the tool's migration files",
                (fileName, file) -> {
                    int dot = fileName.lastIndexOf('.');
                    String extension = dot < 0 ? "" : fileName.substring(dot + 1);
                    return ToolFileMigration.EXTENSIONS.contains(extension)
                            ? Optional.of(ToolFileMigration.of(fileName.substring(0, dot), extension, file.toString(),
                                    Files.readString(file, StandardCharsets.UTF_8)))
                            : Optional.empty();
                }), directory.toString());
    }

    /** {@code .sql} files and {@link JavaMigration} classes under {@code location} on the context class loader. */
    static MigrationSource classpath(String location) {
        return classpath(location, Thread.currentThread().getContextClassLoader());
    }

    /** {@code .sql} files and {@link JavaMigration} classes directly under {@code location} (e.g. {@code db/migration}). */
    static MigrationSource classpath(String location, ClassLoader loader) {
        String base = location.replaceAll("^/+|/+$", "");
        return () -> {
            TreeSet<String> names = new TreeSet<>();
            try {
                for (URL url : Collections.list(loader.getResources(base))) {
                    names.addAll(ClasspathListing.list(url, base));
                }
                if (names.isEmpty()) {
                    // jars written without directory entries do not resolve a folder as a resource
                    for (Path jar : ClasspathListing.jarsOf(loader)) {
                        names.addAll(ClasspathListing.listJar(jar, base));
                    }
                }
            } catch (IOException e) {
                throw new MigrationException("Cannot list classpath location " + base + ": " + e.getMessage(), e);
            }
            List<Migration> found = new ArrayList<>();
            for (String entry : names) {
                String resource = base + "/" + entry;
                if (entry.endsWith(".sql")) {
                    try (InputStream in = loader.getResourceAsStream(resource)) {
                        found.add(new SqlMigration(entry.substring(0, entry.length() - 4), "classpath:" + resource,
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new MigrationException("Cannot read classpath:" + resource + ": " + e.getMessage(), e);
                    }
                } else if (entry.endsWith(".class") && !entry.contains("$")) {
                    String className = resource.substring(0, resource.length() - 6).replace('/', '.');
                    javaMigration(loader, className).ifPresent(found::add);
                }
            }
            if (names.isEmpty()) {
                throw new MigrationException("Classpath location " + base + " holds no migrations (nothing found by "
                        + loader + "); check the location, e.g. \"db/migration\" for src/main/resources/db/migration.");
            }
            return checked(found, "classpath:" + base);
        };
    }

    /** The given migrations, e.g. Java migrations constructed by the caller. */
    static MigrationSource of(Migration... migrations) {
        List<Migration> list = List.of(migrations);
        return () -> checked(new ArrayList<>(list), "given migrations");
    }

    /** This source's migrations followed by {@code other}'s, checked together for duplicate names. */
    default MigrationSource and(MigrationSource other) {
        return () -> {
            List<Migration> all = new ArrayList<>(load());
            all.addAll(other.load());
            return checked(all, "combined sources");
        };
    }

    private static Optional<Migration> javaMigration(ClassLoader loader, String className) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            if (!JavaMigration.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())
                    || type.isInterface()) {
                return Optional.empty();
            }
            return Optional.of((Migration) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MigrationException("Cannot instantiate Java migration " + className
                    + ": it needs a public no-argument constructor (" + e + ").", e);
        }
    }

    private static List<Migration> checked(List<Migration> found, String where) {
        Map<String, Migration> byName = new HashMap<>();
        for (Migration m : found) {
            OptionalLong version = m.version();
            if (version.isEmpty()) {
                throw new MigrationException("Migration " + m.origin() + " in " + where + " has no numeric prefix;"
                        + " rename it to start with its version, e.g. 055-" + m.name() + ".");
            }
            Migration previous = byName.putIfAbsent(m.name(), m);
            if (previous != null) {
                throw new MigrationException("Two migrations named " + m.name() + " in " + where + ": "
                        + previous.origin() + " and " + m.origin() + "; names identify migrations, rename one.");
            }
        }
        found.sort(Comparator.comparingLong((Migration m) -> m.version().getAsLong()).thenComparing(Migration::name));
        return List.copyOf(found);
    }
}
