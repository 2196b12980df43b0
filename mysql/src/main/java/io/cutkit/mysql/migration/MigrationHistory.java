package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A table that records which migrations ran: cutkit's own ({@link #cutkit()}), or another tool's, read
 * (and where sensible written) so a runner can take over a database that tool migrated: Sequelize's
 * {@code SequelizeMeta} ({@link #sequelizeMeta()}), Rails' {@code schema_migrations}
 * ({@link #railsSchemaMigrations()}), Flyway's {@code flyway_schema_history} ({@link #flyway()}, read only).
 * Reading costs one query; a missing table reads as empty. Methods throw {@link SQLException} as JDBC does.
 */
public interface MigrationHistory {

    /** The table and tool, for plans and messages, e.g. {@code `SequelizeMeta` (Sequelize)}. */
    String describe();

    /** Whether the runner may record migrations here. */
    boolean writable();

    /** Every row, in the order the tool applied them; empty when the table does not exist. */
    List<AppliedMigration> read(Connection connection) throws SQLException;

    /** Creates the table if missing. Only called on the history a runner writes to. */
    void prepare(Connection connection) throws SQLException;

    /**
     * Records, before its first statement, that a migration is starting, where the table can hold
     * failures (others ignore it): if the process dies part-way the row stays, and the next plan
     * sees the migration as not applied and refuses to repeat it. {@link #recordSuccess} and
     * {@link #recordFailure} replace the row.
     */
    default void recordStart(Connection connection, Entry entry) throws SQLException {
    }

    /** Records a migration that completed. */
    void recordSuccess(Connection connection, Entry entry) throws SQLException;

    /** Records a migration that failed part-way, where the table can hold failures; others ignore it. */
    default void recordFailure(Connection connection, Entry entry) throws SQLException {
    }

    /** What a runner records for one migration. */
    record Entry(Migration migration, String lineage, Instant appliedAt, Duration duration, String appliedBy,
                 int statementsDone, String detail) {
        public Entry {
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(lineage, "lineage");
            Objects.requireNonNull(appliedAt, "appliedAt");
            Objects.requireNonNull(duration, "duration");
            Objects.requireNonNull(appliedBy, "appliedBy");
        }
    }

    /** cutkit's table {@code cutkit_schema_history}: name, version, checksum, lineage, applied at, duration, outcome, applied by. */
    static MigrationHistory cutkit() {
        return new CutkitHistory("cutkit_schema_history");
    }

    /** cutkit's table under another name. */
    static MigrationHistory cutkit(String table) {
        return new CutkitHistory(table);
    }

    /**
     * Sequelize/umzug's {@code SequelizeMeta} (one column, {@code name}, e.g. {@code 001-create-users.js}).
     * Names are compared without their extension; new rows are written with {@code .js} so the Node
     * application's own runner sees them as applied.
     */
    static MigrationHistory sequelizeMeta() {
        return new SequelizeMetaHistory("SequelizeMeta", ".js");
    }

    /** {@code SequelizeMeta} writing new rows with {@code writeExtension} (e.g. {@code .cjs}, or empty). */
    static MigrationHistory sequelizeMeta(String writeExtension) {
        return new SequelizeMetaHistory("SequelizeMeta", writeExtension);
    }

    /**
     * Rails' {@code schema_migrations} (one column, {@code version}). It identifies migrations by version only,
     * so a local migration with an applied version counts as applied and collisions cannot be told apart.
     */
    static MigrationHistory railsSchemaMigrations() {
        return new RailsSchemaMigrationsHistory("schema_migrations");
    }

    /** Flyway's {@code flyway_schema_history}, read only: script names, versions, CRC32 checksums, success. */
    static MigrationHistory flyway() {
        return new FlywayHistory("flyway_schema_history");
    }

    /** Flyway's history under another table name. */
    static MigrationHistory flyway(String table) {
        return new FlywayHistory(table);
    }
}
