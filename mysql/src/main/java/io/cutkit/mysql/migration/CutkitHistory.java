package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** cutkit's own history: one row per attempt, with checksum, lineage, timing, outcome and who applied it. */
final class CutkitHistory implements MigrationHistory {

    /** The outcome of a migration under way, or of one whose process died part-way. */
    private static final String STARTED = "STARTED";

    private final String table;

    CutkitHistory(String table) {
        this.table = table;
    }

    @Override
    public String describe() {
        return HistoryTables.quote(table) + " (cutkit)";
    }

    @Override
    public boolean writable() {
        return true;
    }

    @Override
    public List<AppliedMigration> read(Connection connection) throws SQLException {
        return HistoryTables.read(connection, table, "SELECT `name`, `version`, `checksum`, `lineage`, `outcome` FROM "
                + HistoryTables.quote(table) + " ORDER BY `id`", rs -> {
                    long version = rs.getLong(2);
                    OptionalLong v = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(version);
                    return Optional.of(new AppliedMigration(rs.getString(1), v, Optional.ofNullable(rs.getString(3)),
                            rs.getString(4), AppliedMigration.Identity.NAME, "SUCCESS".equals(rs.getString(5)),
                            describe()));
                });
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        HistoryTables.createIfMissing(connection, table, "("
                + "`id` BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                + "`name` VARCHAR(255) NOT NULL,"
                + "`version` BIGINT NULL,"
                + "`checksum` VARCHAR(80) NOT NULL,"
                + "`lineage` VARCHAR(100) NOT NULL,"
                + "`applied_at` TIMESTAMP(3) NOT NULL,"
                + "`duration_ms` BIGINT NOT NULL,"
                + "`outcome` VARCHAR(16) NOT NULL,"
                + "`applied_by` VARCHAR(255) NOT NULL,"
                + "`statements_done` INT NOT NULL,"
                + "`detail` TEXT NULL,"
                + "KEY `idx_name` (`name`)"
                + ") DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
    }

    @Override
    public void recordStart(Connection connection, Entry entry) throws SQLException {
        insert(connection, entry, STARTED);
    }

    @Override
    public void recordSuccess(Connection connection, Entry entry) throws SQLException {
        replaceStart(connection, entry, "SUCCESS");
    }

    @Override
    public void recordFailure(Connection connection, Entry entry) throws SQLException {
        replaceStart(connection, entry, "FAILED");
    }

    private void replaceStart(Connection connection, Entry entry, String outcome) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("DELETE FROM " + HistoryTables.quote(table)
                + " WHERE `name` = ? AND `checksum` = ? AND `outcome` = '" + STARTED + "'")) {
            ps.setString(1, entry.migration().name());
            ps.setString(2, entry.migration().checksum());
            ps.executeUpdate();
        }
        insert(connection, entry, outcome);
    }

    private void insert(Connection connection, Entry entry, String outcome) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + HistoryTables.quote(table)
                + " (`name`, `version`, `checksum`, `lineage`, `applied_at`, `duration_ms`, `outcome`, `applied_by`,"
                + " `statements_done`, `detail`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Migration m = entry.migration();
            ps.setString(1, m.name());
            if (m.version().isPresent()) {
                ps.setLong(2, m.version().getAsLong());
            } else {
                ps.setNull(2, java.sql.Types.BIGINT);
            }
            ps.setString(3, m.checksum());
            ps.setString(4, entry.lineage());
            ps.setTimestamp(5, Timestamp.from(entry.appliedAt()));
            ps.setLong(6, entry.duration().toMillis());
            ps.setString(7, outcome);
            ps.setString(8, entry.appliedBy());
            ps.setInt(9, entry.statementsDone());
            ps.setString(10, entry.detail());
            ps.executeUpdate();
        }
    }
}
