package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What both servers of a link need before replication starts: binary log on, in ROW format with
 * full row images, replicated changes logged (each side is a primary at some point), rows that
 * cannot be applied stopping replication (strict mode, no skipped errors), distinct
 * non-zero server ids, and a replication account with {@code REPLICATION SLAVE} on both.
 */
final class ReplicationRequirements {

    private ReplicationRequirements() {
    }

    /** @throws ReplicationException listing every unmet requirement */
    static void check(ReplicationDialect dialect, Side source, Side target, String replicationUser) {
        List<String> problems = new ArrayList<>();
        Map<String, Long> ids = new HashMap<>();
        for (Side side : List.of(source, target)) {
            try (Connection c = side.admin().getConnection()) {
                Map<String, String> v = variables(c, dialect);
                expect(problems, side, v, "log_bin", "ON", "start it with --log-bin");
                expect(problems, side, v, "binlog_format", "ROW", "set binlog_format=ROW");
                expect(problems, side, v, "binlog_row_image", "FULL", "set binlog_row_image=FULL");
                expect(problems, side, v, dialect.logReplicaUpdatesVariable(), "ON",
                        "start it with --" + dialect.logReplicaUpdatesVariable().replace('_', '-')
                                + " (after a switch it serves the changes it replicated)");
                expect(problems, side, v, dialect.execModeVariable(), "STRICT", "set " + dialect.execModeVariable()
                        + "=STRICT (a row the replica cannot apply must stop it, not be skipped)");
                expect(problems, side, v, dialect.skipErrorsVariable(), "OFF", "start it without --"
                        + dialect.skipErrorsVariable().replace('_', '-') + " (a skipped error is a lost write)");
                long id = Long.parseLong(v.getOrDefault("server_id", "0"));
                if (id == 0) {
                    problems.add(side.name() + ": server_id is 0; give it a server id of its own");
                }
                ids.put(side.name(), id);
                if (!hasReplicationGrant(c, replicationUser)) {
                    problems.add(side.name() + ": account '" + replicationUser + "' lacks REPLICATION SLAVE;"
                            + " GRANT REPLICATION SLAVE ON *.* TO it");
                }
            } catch (SQLException e) {
                problems.add(side.name() + ": cannot be inspected: " + e.getMessage());
            }
        }
        if (ids.size() == 2 && ids.get(source.name()).equals(ids.get(target.name())) && ids.get(source.name()) != 0) {
            problems.add("source and target share server_id " + ids.get(source.name()) + "; each needs its own");
        }
        if (!problems.isEmpty()) {
            throw new ReplicationException("Replication cannot start, nothing was changed:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private static Map<String, String> variables(Connection c, ReplicationDialect dialect) throws SQLException {
        Map<String, String> v = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SHOW GLOBAL VARIABLES WHERE Variable_name IN"
                + " ('log_bin', 'binlog_format', 'binlog_row_image', 'server_id', ?, ?, ?)")) {
            s.setString(1, dialect.logReplicaUpdatesVariable());
            s.setString(2, dialect.execModeVariable());
            s.setString(3, dialect.skipErrorsVariable());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    v.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
                }
            }
        }
        return v;
    }

    private static void expect(List<String> problems, Side side, Map<String, String> v, String name, String wanted,
                               String fix) {
        String actual = v.getOrDefault(name, "(missing)");
        if (!actual.equalsIgnoreCase(wanted)) {
            problems.add(side.name() + ": " + name + " is " + actual + ", needs " + wanted + "; " + fix);
        }
    }

    private static boolean hasReplicationGrant(Connection c, String user) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.USER_PRIVILEGES"
                + " WHERE GRANTEE LIKE ? AND PRIVILEGE_TYPE IN ('REPLICATION SLAVE', 'REPLICATION REPLICA')")) {
            s.setString(1, "'" + user.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%") + "'@%");
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
