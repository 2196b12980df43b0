package io.cutkit.mysql.replication;

import static io.cutkit.mysql.replication.ReplicationStatements.quoted;
import static io.cutkit.mysql.replication.ReplicationStatements.run;
import static io.cutkit.mysql.replication.ReplicationStatements.text;

import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.secret.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * MySQL 8.0.23 and later: GTID sets ({@code gtid_executed}) or binary log file and offset without
 * GTIDs, {@code CHANGE REPLICATION SOURCE TO}, {@code WAIT_FOR_EXECUTED_GTID_SET}.
 */
final class MySqlDialect implements ReplicationDialect {

    @Override
    public ReplicationPosition.Flavour flavour() {
        return ReplicationPosition.Flavour.MYSQL;
    }

    @Override
    public ReplicationPosition position(Connection connection) throws SQLException {
        if ("ON".equalsIgnoreCase(text(connection, "SELECT @@GLOBAL.gtid_mode").orElse("OFF"))) {
            return ReplicationPosition.mySqlGtids(text(connection, "SELECT @@GLOBAL.gtid_executed").orElse(""));
        }
        try (Statement s = connection.createStatement(); ResultSet rs = binaryLogStatus(s)) {
            if (!rs.next()) {
                throw new SQLException("The server writes no binary log (log_bin is OFF)");
            }
            return ReplicationPosition.binlog(ReplicationPosition.Flavour.MYSQL, rs.getString(1), rs.getLong(2));
        }
    }

    private static ResultSet binaryLogStatus(Statement s) throws SQLException {
        try {
            return s.executeQuery("SHOW BINARY LOG STATUS");
        } catch (SQLException before84) {
            return s.executeQuery("SHOW MASTER STATUS");
        }
    }

    /** MySQL cannot tell the position of a snapshot without a lock. */
    @Override
    public Optional<ReplicationPosition> snapshotPosition(Connection connection) {
        return Optional.empty();
    }

    @Override
    public void replicateFrom(Connection replica, ReplicationEndpoint primary, String user, Secret password,
                              ReplicationPosition from) throws SQLException {
        if (status(replica).configured()) {
            run(replica, "STOP REPLICA");
        }
        String start;
        if (from.usesGtids()) {
            // the replica counts what the snapshot holds as executed, so auto-positioning starts after it
            String missing = text(replica, "SELECT GTID_SUBTRACT(" + quoted(from.gtids()) + ", @@GLOBAL.gtid_executed)")
                    .orElse("");
            if (!missing.isBlank()) {
                run(replica, "SET GLOBAL gtid_purged = " + quoted("+" + missing.replace("\n", "")));
            }
            start = ", SOURCE_AUTO_POSITION = 1";
        } else {
            start = ", SOURCE_LOG_FILE = " + quoted(from.binlogFile()) + ", SOURCE_LOG_POS = " + from.binlogOffset()
                    + ", SOURCE_AUTO_POSITION = 0";
        }
        ReplicationStatements.runWithPassword(replica, "CHANGE REPLICATION SOURCE TO SOURCE_HOST = "
                        + quoted(primary.host()) + ", SOURCE_PORT = " + primary.port() + ", SOURCE_USER = " + quoted(user)
                        + ", SOURCE_PASSWORD = ", password,
                ", SOURCE_CONNECT_RETRY = 1, GET_SOURCE_PUBLIC_KEY = 1, SOURCE_SSL = " + (primary.tls() ? 1 : 0) + start);
        run(replica, "START REPLICA");
    }

    @Override
    public void startReplica(Connection replica) throws SQLException {
        run(replica, "START REPLICA");
    }

    @Override
    public void stopReplica(Connection replica) throws SQLException {
        run(replica, "STOP REPLICA");
    }

    @Override
    public void forgetPrimary(Connection replica) throws SQLException {
        run(replica, "RESET REPLICA ALL");
    }

    @Override
    public void startUntil(Connection replica, ReplicationPosition position) throws SQLException {
        run(replica, position.usesGtids()
                ? "START REPLICA UNTIL SQL_AFTER_GTIDS = " + quoted(position.gtids())
                : "START REPLICA UNTIL SOURCE_LOG_FILE = " + quoted(position.binlogFile()) + ", SOURCE_LOG_POS = "
                        + position.binlogOffset());
    }

    @Override
    public boolean awaitExecuted(Connection replica, ReplicationPosition position, Duration timeout) throws SQLException {
        double seconds = Math.max(0.001, timeout.toNanos() / 1e9);
        String sql = position.usesGtids() ? "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)" : "SELECT SOURCE_POS_WAIT(?, ?, ?)";
        try (PreparedStatement s = replica.prepareStatement(sql)) {
            if (position.usesGtids()) {
                s.setString(1, position.gtids());
                s.setDouble(2, seconds);
            } else {
                s.setString(1, position.binlogFile());
                s.setLong(2, position.binlogOffset());
                s.setDouble(3, seconds);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long result = rs.getLong(1);
                return !rs.wasNull() && (position.usesGtids() ? result == 0 : result >= 0);
            }
        }
    }

    @Override
    public ReplicaStatus status(Connection replica) throws SQLException {
        try (Statement s = replica.createStatement(); ResultSet rs = s.executeQuery("SHOW REPLICA STATUS")) {
            if (!rs.next()) {
                return ReplicaStatus.NOT_CONFIGURED;
            }
            long behind = rs.getLong("Seconds_Behind_Source");
            boolean known = !rs.wasNull();
            Optional<String> sqlError = MariaDbDialect.error(rs.getInt("Last_SQL_Errno"), rs.getString("Last_SQL_Error"));
            Optional<String> ioError = MariaDbDialect.error(rs.getInt("Last_IO_Errno"), rs.getString("Last_IO_Error"));
            return new ReplicaStatus(true, "Yes".equals(rs.getString("Replica_IO_Running")),
                    "Yes".equals(rs.getString("Replica_SQL_Running")), known ? Optional.of(behind) : Optional.empty(),
                    sqlError.or(() -> ioError));
        }
    }

    @Override
    public long transactionsBehind(Connection replica, ReplicationPosition primaryPosition) throws SQLException {
        if (!primaryPosition.usesGtids()) {
            return 0;
        }
        try (PreparedStatement s = replica.prepareStatement("SELECT GTID_SUBTRACT(?, @@GLOBAL.gtid_executed)")) {
            s.setString(1, primaryPosition.gtids());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return countTransactions(rs.getString(1));
            }
        }
    }

    /** Transactions in a GTID set such as {@code uuid:1-5:9,uuid2:3}. */
    static long countTransactions(String gtidSet) {
        long count = 0;
        for (String member : gtidSet.replace("\n", "").split(",")) {
            String[] parts = member.strip().split(":");
            for (int i = 1; i < parts.length; i++) {
                if (parts[i].matches("\\d+(-\\d+)?")) {
                    String[] range = parts[i].split("-");
                    count += range.length == 1 ? 1 : Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
                }
            }
        }
        return count;
    }

    @Override
    public String ownTransactions(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_mode, @@GLOBAL.gtid_executed, @@GLOBAL.server_uuid")) {
            rs.next();
            if (!"ON".equalsIgnoreCase(rs.getString(1))) {
                return "";
            }
            String uuid = rs.getString(3).toLowerCase(Locale.ROOT);
            for (String member : rs.getString(2).replace("\n", "").split(",")) {
                if (member.strip().toLowerCase(Locale.ROOT).startsWith(uuid + ":")) {
                    return member.strip();
                }
            }
            return "";
        }
    }

    @Override
    public String execModeVariable() {
        return "replica_exec_mode";
    }

    @Override
    public String skipErrorsVariable() {
        return "replica_skip_errors";
    }

    @Override
    public String logReplicaUpdatesVariable() {
        return "log_replica_updates";
    }
}
