package io.cutkit.gcp.dms;

import io.cutkit.mysql.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The application during a cutover: one thread inserting {@code crm.writes(seq)} at a steady rate
 * through the application account into whichever server it is told is the primary. A sequence
 * number is acknowledged once its autocommit INSERT returned; one whose connection broke after it
 * was sent is in doubt; one refused as read-only (error 1290) is neither. Nothing is retried.
 */
final class CountedWrites implements AutoCloseable {

    private final String user;
    private final String password;
    private final long intervalNanos;
    private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final Set<Long> inDoubt = new ConcurrentSkipListSet<>();
    private final Thread thread;
    private volatile DatabaseServer primary;
    private volatile boolean stopping;

    CountedWrites(DatabaseServer primary, String user, String password, int perSecond) {
        this.primary = primary;
        this.user = user;
        this.password = password;
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.thread = new Thread(this::run, "counted-writes");
        thread.setDaemon(true);
        thread.start();
    }

    void writeTo(DatabaseServer server) {
        primary = server;
    }

    Set<Long> acknowledged() {
        return acknowledged;
    }

    Set<Long> inDoubt() {
        return inDoubt;
    }

    private void run() {
        long next = System.nanoTime();
        Connection connection = null;
        DatabaseServer connected = null;
        for (long seq = 1; !stopping; seq++) {
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            boolean sent = false;
            try {
                if (connection == null || connected != primary) {
                    closeQuietly(connection);
                    connected = primary;
                    connection = DriverManager.getConnection(connected.jdbcUrl(DmsFixture.DATABASE), user, password);
                }
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO writes (seq) VALUES (?)")) {
                    s.setLong(1, seq);
                    sent = true;
                    s.executeUpdate();
                }
                acknowledged.add(seq);
            } catch (SQLException e) {
                if (sent && e.getErrorCode() != 1290) {
                    inDoubt.add(seq);
                }
                closeQuietly(connection);
                connection = null;
            }
        }
        closeQuietly(connection);
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection broke already
        }
    }

    /** How many rows each sequence number has on {@code server}. */
    static Map<Long, Integer> stored(DatabaseServer server) throws SQLException {
        Map<Long, Integer> copies = new TreeMap<>();
        try (Connection c = server.connect(DmsFixture.DATABASE);
             PreparedStatement s = c.prepareStatement("SELECT seq, COUNT(*) FROM writes GROUP BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                copies.put(rs.getLong(1), rs.getInt(2));
            }
        }
        return copies;
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(10_000);
    }
}
