package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationPosition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The source's replication position at the instant of a consistent snapshot, for exporters: a
 * replica started there misses and repeats nothing. Empty when the server writes no binary log or
 * cannot tell the position exactly, or the account may not read it.
 */
public final class SnapshotPositions {

    private SnapshotPositions() {
    }

    /**
     * The position while {@code connection} holds {@code FLUSH TABLES WITH READ LOCK}, when nothing
     * can commit: MariaDB's {@code @@gtid_binlog_pos}, MySQL's {@code gtid_executed} or, without
     * GTIDs, its binary log file and offset.
     */
    public static Optional<ReplicationPosition> underReadLock(Connection connection) {
        try {
            return binaryLogOn(connection) ? Optional.of(ReplicationDialect.of(connection).position(connection))
                    : Optional.empty();
        } catch (SQLException notPermitted) {
            // e.g. no privilege to read the binary log status: a snapshot without a position
            return Optional.empty();
        }
    }

    /**
     * The position of the consistent snapshot {@code connection}'s transaction reads, without a lock:
     * MariaDB's {@code Binlog_snapshot_file}/{@code Binlog_snapshot_position} as a GTID position; empty
     * on MySQL, which cannot say.
     */
    public static Optional<ReplicationPosition> ofTransaction(Connection connection) {
        try {
            return binaryLogOn(connection) ? ReplicationDialect.of(connection).snapshotPosition(connection)
                    : Optional.empty();
        } catch (SQLException notPermitted) {
            return Optional.empty();
        }
    }

    private static boolean binaryLogOn(Connection connection) throws SQLException {
        return ReplicationStatements.text(connection, "SELECT @@GLOBAL.log_bin").map(v -> v.equals("1")).orElse(false);
    }
}
