package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;
import io.cutkit.core.migration.MigrationException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Flyway's {@code flyway_schema_history}, read only (its ranks and types belong to Flyway). Script names
 * lose their {@code .sql} extension (Java migrations their package), checksums become {@code crc32:<int>},
 * a baseline row identifies by version, and {@code SCHEMA}/{@code DELETE} marker rows are left out.
 */
final class FlywayHistory implements MigrationHistory {

    private final String table;

    FlywayHistory(String table) {
        this.table = table;
    }

    @Override
    public String describe() {
        return HistoryTables.quote(table) + " (Flyway, read only)";
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public List<AppliedMigration> read(Connection connection) throws SQLException {
        return HistoryTables.read(connection, table, "SELECT `version`, `type`, `script`, `checksum`, `success` FROM "
                + HistoryTables.quote(table) + " ORDER BY `installed_rank`", this::toApplied);
    }

    private Optional<AppliedMigration> toApplied(ResultSet rs) throws SQLException {
        String type = rs.getString(2);
        if ("SCHEMA".equals(type) || "DELETE".equals(type)) {
            return Optional.empty();
        }
        String versionText = rs.getString(1);
        OptionalLong version = versionText == null ? OptionalLong.empty() : MigrationNames.version(versionText);
        int checksum = rs.getInt(4);
        Optional<String> crc = rs.wasNull() ? Optional.empty() : Optional.of("crc32:" + checksum);
        boolean success = rs.getBoolean(5);
        if ("BASELINE".equals(type)) {
            return Optional.of(new AppliedMigration(versionText == null ? "baseline" : versionText, version,
                    Optional.empty(), "main", AppliedMigration.Identity.VERSION, success, describe()));
        }
        String script = rs.getString(3);
        String name = type != null && type.contains("JDBC")
                ? script.substring(script.lastIndexOf('.') + 1)
                : MigrationNames.logicalName(script.substring(script.lastIndexOf('/') + 1));
        return Optional.of(new AppliedMigration(name, version, crc, "main", AppliedMigration.Identity.NAME, success,
                describe()));
    }

    @Override
    public void prepare(Connection connection) {
        throw new MigrationException("Flyway's history " + describe() + " is read only; write to MigrationHistory.cutkit()"
                + " and read Flyway's with alsoRead(MigrationHistory.flyway()).");
    }

    @Override
    public void recordSuccess(Connection connection, Entry entry) {
        prepare(connection);
    }
}
