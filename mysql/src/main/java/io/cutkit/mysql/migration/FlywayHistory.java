package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;
import io.cutkit.core.migration.MigrationException;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
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
        List<AppliedMigration> rows = new ArrayList<>();
        if (!HistoryTables.exists(connection, table)) {
            return rows;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT `version`, `type`, `script`, `checksum`, `success` FROM "
                     + HistoryTables.quote(table) + " ORDER BY `installed_rank`")) {
            while (rs.next()) {
                String type = rs.getString(2);
                if ("SCHEMA".equals(type) || "DELETE".equals(type)) {
                    continue;
                }
                String versionText = rs.getString(1);
                OptionalLong version = versionText == null ? OptionalLong.empty() : MigrationNames.version(versionText);
                int checksum = rs.getInt(4);
                Optional<String> crc = rs.wasNull() ? Optional.empty() : Optional.of("crc32:" + checksum);
                boolean success = rs.getBoolean(5);
                if ("BASELINE".equals(type)) {
                    rows.add(new AppliedMigration(versionText == null ? "baseline" : versionText, version, Optional.empty(),
                            "main", AppliedMigration.Identity.VERSION, success, describe()));
                    continue;
                }
                String script = rs.getString(3);
                String name = type != null && type.contains("JDBC")
                        ? script.substring(script.lastIndexOf('.') + 1)
                        : MigrationNames.logicalName(script.substring(script.lastIndexOf('/') + 1));
                rows.add(new AppliedMigration(name, version, crc, "main", AppliedMigration.Identity.NAME, success, describe()));
            }
        }
        return rows;
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
