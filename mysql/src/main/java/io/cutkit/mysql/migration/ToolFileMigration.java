package io.cutkit.mysql.migration;

import io.cutkit.core.migration.MigrationException;
import java.util.List;
import java.util.Objects;

/**
 * A migration file of another tool (a Sequelize/umzug {@code .js}, a Knex {@code .ts}, a Rails {@code .rb},
 * an Alembic {@code .py}): planned by name and content like any migration, never run, since only its own
 * tool can interpret it.
 *
 * @param name the file name without extension
 * @param extension the extension, e.g. {@code js}
 * @param origin the file's path
 * @param checksum SHA-256 of the content with normalised line endings
 */
record ToolFileMigration(String name, String extension, String origin, String checksum) implements Migration {

    /** The extensions {@link MigrationSource#toolFiles} reads. */
    static final List<String> EXTENSIONS = List.of("js", "cjs", "mjs", "ts", "rb", "py");

    ToolFileMigration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(extension, "extension");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(checksum, "checksum");
    }

    /** The migration in file {@code origin}, whose text is {@code content}. */
    static ToolFileMigration of(String name, String extension, String origin, String content) {
        return new ToolFileMigration(name, extension, origin, Checksums.sha256(content));
    }

    @Override
    public boolean runnable() {
        return false;
    }

    @Override
    public void apply(MigrationContext context) {
        throw new MigrationException("Migration " + name + " (" + origin + ") is a ." + extension + " file of another"
                + " tool: cutkit plans it but cannot run it. Apply it with its own tool (for example sequelize-cli"
                + " db:migrate for Sequelize), then plan again; nothing of it was run.");
    }
}
