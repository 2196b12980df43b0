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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** MariaDB: GTID positions ({@code domain-server-sequence} per domain), {@code CHANGE MASTER TO}, {@code MASTER_GTID_WAIT}. */
final class MariaDbDialect implements ReplicationDialect {

    @Override
    public ReplicationPosition.Flavour flavour() {
        return ReplicationPosition.Flavour.MARIADB;
    }

    @Override
    public ReplicationPosition position(Connection connection) throws SQLException {
        return ReplicationPosition.mariaDbGtid(text(connection, "SELECT @@GLOBAL.gtid_binlog_pos").orElse(""));
    }

    @Override
    public Optional<ReplicationPosition> snapshotPosition(Connection connection) throws SQLException {
        String file = null;
        long offset = -1;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SHOW STATUS LIKE 'binlog_snapshot_%'")) {
            while (rs.next()) {
                if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_file")) {
                    file = rs.getString(2);
                } else if (rs.getString(1).equalsIgnoreCase("Binlog_snapshot_position")) {
                    offset = rs.getLong(2);
                }
            }
        }
        if (file == null || file.isEmpty() || offset < 0) {
            return Optional.empty();
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT BINLOG_GTID_POS(?, ?)")) {
            s.setString(1, file);
            s.setLong(2, offset);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getString(1) != null
                        ? Optional.of(ReplicationPosition.mariaDbGtid(rs.getString(1))) : Optional.empty();
            }
        }
    }

    @Override
    public void replicateFrom(Connection replica, ReplicationEndpoint primary, String user, Secret password,
                              ReplicationPosition from) throws SQLException {
        if (status(replica).configured()) {
            run(replica, "STOP SLAVE");
        }
        String start;
        if (from.usesGtids()) {
            run(replica, "SET GLOBAL gtid_slave_pos = " + quoted(from.gtids()));
            start = ", MASTER_USE_GTID = slave_pos";
        } else {
            start = ", MASTER_LOG_FILE = " + quoted(from.binlogFile()) + ", MASTER_LOG_POS = " + from.binlogOffset()
                    + ", MASTER_USE_GTID = no";
        }
        ReplicationStatements.runWithPassword(replica, "CHANGE MASTER TO MASTER_HOST = " + quoted(primary.host())
                        + ", MASTER_PORT = " + primary.port() + ", MASTER_USER = " + quoted(user) + ", MASTER_PASSWORD = ",
                password, ", MASTER_CONNECT_RETRY = 1, MASTER_SSL = " + (primary.tls() ? 1 : 0)
                        + (primary.tls() ? "" : ", MASTER_SSL_VERIFY_SERVER_CERT = 0") + start);
        run(replica, "START SLAVE");
    }

    @Override
    public void startReplica(Connection replica) throws SQLException {
        run(replica, "START SLAVE");
    }

    @Override
    public void stopReplica(Connection replica) throws SQLException {
        run(replica, "STOP SLAVE");
    }

    @Override
    public void forgetPrimary(Connection replica) throws SQLException {
        run(replica, "RESET SLAVE ALL");
    }

    @Override
    public void startUntil(Connection replica, ReplicationPosition position) throws SQLException {
        run(replica, "START SLAVE UNTIL master_gtid_pos = " + quoted(position.gtids()));
    }

    @Override
    public boolean awaitExecuted(Connection replica, ReplicationPosition position, Duration timeout) throws SQLException {
        try (PreparedStatement s = replica.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
            s.setString(1, position.gtids());
            s.setDouble(2, Math.max(0.001, timeout.toNanos() / 1e9));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 0;
            }
        }
    }

    @Override
    public ReplicaStatus status(Connection replica) throws SQLException {
        try (Statement s = replica.createStatement(); ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            if (!rs.next()) {
                return ReplicaStatus.NOT_CONFIGURED;
            }
            long behind = rs.getLong("Seconds_Behind_Master");
            boolean known = !rs.wasNull();
            return new ReplicaStatus(true, "Yes".equals(rs.getString("Slave_IO_Running")),
                    "Yes".equals(rs.getString("Slave_SQL_Running")), known ? Optional.of(behind) : Optional.empty(),
                    error(rs.getInt("Last_SQL_Errno"), rs.getString("Last_SQL_Error"))
                            .or(() -> error(rs, "Last_IO_Errno", "Last_IO_Error")));
        }
    }

    @Override
    public long transactionsBehind(Connection replica, ReplicationPosition primaryPosition) throws SQLException {
        return transactionsBehind(primaryPosition.gtids(), text(replica, "SELECT @@GLOBAL.gtid_slave_pos").orElse(""));
    }

    /** Per domain, how many sequence numbers the replica's position trails the primary's. */
    static long transactionsBehind(String primaryGtids, String replicaGtids) {
        Map<Long, Long> applied = sequences(replicaGtids);
        long behind = 0;
        for (Map.Entry<Long, Long> domain : sequences(primaryGtids).entrySet()) {
            behind += Math.max(0, domain.getValue() - applied.getOrDefault(domain.getKey(), 0L));
        }
        return behind;
    }

    @Override
    public String ownTransactions(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_binlog_state, @@GLOBAL.server_id")) {
            rs.next();
            return ownGtids(rs.getString(1), rs.getLong(2));
        }
    }

    /** The members of a binlog GTID state ({@code domain-server-sequence}, one per domain and server) with this server id. */
    static String ownGtids(String binlogState, long serverId) {
        StringBuilder own = new StringBuilder();
        for (String gtid : String.valueOf(binlogState).split(",")) {
            String[] parts = gtid.strip().split("-");
            if (parts.length == 3 && parts[1].equals(Long.toString(serverId))) {
                own.append(own.length() == 0 ? "" : ",").append(gtid.strip());
            }
        }
        return own.toString();
    }

    @Override
    public String execModeVariable() {
        return "slave_exec_mode";
    }

    @Override
    public String skipErrorsVariable() {
        return "slave_skip_errors";
    }

    @Override
    public String logReplicaUpdatesVariable() {
        return "log_slave_updates";
    }

    private static Map<Long, Long> sequences(String gtids) {
        Map<Long, Long> last = new HashMap<>();
        for (String gtid : gtids.split(",")) {
            String[] parts = gtid.strip().split("-");
            if (parts.length == 3) {
                last.merge(Long.parseLong(parts[0]), Long.parseLong(parts[2]), Math::max);
            }
        }
        return last;
    }

    private static Optional<String> error(ResultSet rs, String codeColumn, String messageColumn) {
        try {
            return error(rs.getInt(codeColumn), rs.getString(messageColumn));
        } catch (SQLException e) {
            return Optional.of("status unreadable: " + e.getMessage());
        }
    }

    static Optional<String> error(int code, String message) {
        return code == 0 ? Optional.empty() : Optional.of("error " + code + ": " + message);
    }
}
