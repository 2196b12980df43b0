package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;

import java.sql.Connection;
import java.sql.SQLException;
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
        return HistoryTables.read(connection, table, "SELECT `version` FROM " + HistoryTables.quote(table), rs -> {
            String version = rs.getString(1).strip();
            return Optional.of(new AppliedMigration(version, MigrationNames.version(version), Optional.empty(), "main",
                    AppliedMigration.Identity.VERSION, true, describe()));
        });
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        HistoryTables.createIfMissing(connection, table, "(`version` VARCHAR(255) NOT NULL PRIMARY KEY)");
    }

    @Override
    public void recordSuccess(Connection connection, Entry entry) throws SQLException {
        HistoryTables.insertValue(connection, table, "version", MigrationNames.versionDigits(entry.migration().name()));
    }
}
