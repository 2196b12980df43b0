package io.cutkit.mysql.migration;

import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;

/**
 * One migration: a name, the version taken from the name's numeric prefix, a content checksum, and the
 * work. Identity is the name plus the checksum: the same name with other content is a changed migration,
 * the same content under another name is a renamed one. Implementations: SQL files from a directory or
 * the classpath ({@link MigrationSource}), and {@link JavaMigration} classes.
 */
public interface Migration {

    /** The name without extension, e.g. {@code 046-add-dedup-hash}. */
    String name();

    /** The numeric prefix of the name (after an optional {@code V}), empty when the name has none. */
    default OptionalLong version() {
        return MigrationNames.version(name());
    }

    /** The content checksum, {@code sha256:<hex>}. */
    String checksum();

    /**
     * Every checksum form this migration can produce, the primary one first. SQL migrations add Flyway's
     * {@code crc32:<int>} so histories written by Flyway can be verified and renames recognised.
     */
    default List<String> checksums() {
        return List.of(checksum());
    }

    /** Where it comes from, for messages (a path, a classpath resource, a class name). */
    String origin();

    /**
     * Whether a runner can apply it. False for another tool's files ({@link MigrationSource#toolFiles}),
     * which are planned by name and checksum but applied only by their own tool.
     */
    default boolean runnable() {
        return true;
    }

    /** Runs the migration's statements through {@code context}, which records each as it succeeds. */
    void apply(MigrationContext context) throws SQLException;
}
