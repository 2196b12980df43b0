package io.cutkit.mysql.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A migration written in Java. The name defaults to the class's simple name (e.g. {@code V055_AddDedupHash},
 * version 55) and the checksum to a SHA-256 of the compiled class, so a changed body is a changed migration.
 * Implement {@link #apply(MigrationContext)} and run statements through the context so each is recorded.
 * Classes found by {@link MigrationSource#classpath(String)} need a public no-argument constructor.
 */
public interface JavaMigration extends Migration {

    @Override
    default String name() {
        return getClass().getSimpleName();
    }

    @Override
    default String checksum() {
        String resource = getClass().getSimpleName() + ".class";
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            if (in == null) {
                return Checksums.sha256(getClass().getName());
            }
            return Checksums.sha256(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource + " to checksum it", e);
        }
    }

    @Override
    default String origin() {
        return "class " + getClass().getName();
    }
}
