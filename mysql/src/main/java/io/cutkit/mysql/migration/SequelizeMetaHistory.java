package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;

import java.sql.Connection;
import java.sql.SQLException;
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
        return HistoryTables.read(connection, table, "SELECT `name` FROM " + HistoryTables.quote(table), rs -> {
            String name = MigrationNames.logicalName(rs.getString(1));
            return Optional.of(new AppliedMigration(name, MigrationNames.version(name), Optional.empty(), "main",
                    AppliedMigration.Identity.NAME, true, describe()));
        });
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        HistoryTables.createIfMissing(connection, table,
                "(`name` VARCHAR(255) NOT NULL PRIMARY KEY) DEFAULT CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci");
    }

    @Override
    public void recordSuccess(Connection connection, Entry entry) throws SQLException {
        HistoryTables.insertValue(connection, table, "name", entry.migration().name() + writeExtension);
    }
}
