package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rails' {@code schema_migrations}: one {@code version} column, so migrations are identified by version only. */
final class RailsSchemaMigrationsHistory implements MigrationHistory {

    private final String table;

    RailsSchemaMigrationsHistory(String table) {
        this.table = table;
    }

    @Override
    public String describe() {
        return HistoryTables.quote(table) + " (Rails)";
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public List<AppliedMigration> read(Connection connection) throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        if (!HistoryTables.exists(connection, table)) {
            return rows;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT `version` FROM " + HistoryTables.quote(table))) {
            while (rs.next()) {
                String version = rs.getString(1).strip();
                rows.add(new AppliedMigration(version, MigrationNames.version(version), Optional.empty(), "main",
                        AppliedMigration.Identity.VERSION, true, describe()));
            }
        }
        return rows;
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + HistoryTables.quote(table)
                    + " (`version` VARCHAR(255) NOT NULL PRIMARY KEY)");
        }
    }

    @Override
    public void recordSuccess(Connection connection, Entry entry) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO " + HistoryTables.quote(table) + " (`version`) VALUES (?)")) {
            ps.setString(1, MigrationNames.versionDigits(entry.migration().name()));
            ps.executeUpdate();
        }
    }
}
