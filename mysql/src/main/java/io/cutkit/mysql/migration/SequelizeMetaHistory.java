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

/** Sequelize/umzug's {@code SequelizeMeta}: names only (no checksum, no order column; row order is insertion order). */
final class SequelizeMetaHistory implements MigrationHistory {

    private final String table;
    private final String writeExtension;

    SequelizeMetaHistory(String table, String writeExtension) {
        this.table = table;
        this.writeExtension = writeExtension;
    }

    @Override
    public String describe() {
        return HistoryTables.quote(table) + " (Sequelize)";
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
             ResultSet rs = st.executeQuery("SELECT `name` FROM " + HistoryTables.quote(table))) {
            while (rs.next()) {
                String name = MigrationNames.logicalName(rs.getString(1));
                rows.add(new AppliedMigration(name, MigrationNames.version(name), Optional.empty(), "main",
                        AppliedMigration.Identity.NAME, true, describe()));
            }
        }
        return rows;
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + HistoryTables.quote(table)
                    + " (`name` VARCHAR(255) NOT NULL PRIMARY KEY) DEFAULT CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci");
        }
    }

    @Override
    public void recordSuccess(Connection connection, Entry entry) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO " + HistoryTables.quote(table) + " (`name`) VALUES (?)")) {
            ps.setString(1, entry.migration().name() + writeExtension);
            ps.executeUpdate();
        }
    }
}
