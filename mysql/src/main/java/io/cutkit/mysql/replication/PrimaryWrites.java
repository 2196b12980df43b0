package io.cutkit.mysql.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a server takes writes from applications: {@code read_only}, and {@code super_read_only}
 * where the server has it (MySQL); and ending the application's connections.
 */
final class PrimaryWrites {

    private PrimaryWrites() {
    }

    /**
     * Stops writes. The server waits for transactions in flight to end, at most {@code lockWait}
     * (the session's {@code lock_wait_timeout}); the statement then fails with error 1205.
     */
    static void stop(Connection connection, Duration lockWait) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + Math.max(1, (lockWait.toMillis() + 999) / 1000));
            s.execute("SET GLOBAL read_only = 1");
            if (hasSuperReadOnly(connection)) {
                s.execute("SET GLOBAL super_read_only = 1");
            }
        }
    }

    /** Takes writes again. */
    static void open(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (hasSuperReadOnly(connection)) {
                s.execute("SET GLOBAL super_read_only = 0");
            }
            s.execute("SET GLOBAL read_only = 0");
        }
    }

    static boolean readOnly(Connection connection) throws SQLException {
        return ReplicationStatements.text(connection, "SELECT @@GLOBAL.read_only").map(v -> !v.equals("0")).orElse(false);
    }

    /** Ends every connection of {@code user} but this one; returns how many. */
    static int endConnections(Connection connection, String user) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ? AND ID <> CONNECTION_ID()")) {
            s.setString(1, user);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        int ended = 0;
        try (Statement s = connection.createStatement()) {
            for (long id : ids) {
                try {
                    s.execute("KILL CONNECTION " + id);
                    ended++;
                } catch (SQLException gone) {
                    // error 1094: it ended by itself in the meantime
                }
            }
        }
        return ended;
    }

    private static boolean hasSuperReadOnly(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW VARIABLES LIKE 'super_read_only'")) {
            return rs.next();
        }
    }
}
