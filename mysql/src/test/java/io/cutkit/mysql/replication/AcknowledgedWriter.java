package io.cutkit.mysql.replication;

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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application under test: inserts into {@code writes} at a fixed rate through the application
 * account on whichever server is the primary, every attempt with a new sequence id that counts as
 * acknowledged only once its autocommit INSERT returned. A failed attempt is not retried: it is
 * refused (read-only), or in doubt when its connection broke. Records the longest gap between
 * acknowledgements.
 */
final class AcknowledgedWriter implements AutoCloseable {

    private final AtomicReference<DatabaseServer> primary;
    private final String user;
    private final String password;
    private final int perSecond;
    private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final Set<Long> inDoubt = new ConcurrentSkipListSet<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long longestGapNanos;

    AcknowledgedWriter(DatabaseServer primary, String user, String password, int perSecond) {
        this.primary = new AtomicReference<>(primary);
        this.user = user;
        this.password = password;
        this.perSecond = perSecond;
        this.thread = new Thread(this::run, "acknowledged-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /** From now on the writer connects to {@code server}. */
    void writeTo(DatabaseServer server) {
        primary.set(server);
    }

    Set<Long> acknowledged() {
        return acknowledged;
    }

    Set<Long> inDoubt() {
        return inDoubt;
    }

    long longestGapMillis() {
        return longestGapNanos / 1_000_000;
    }

    private void run() {
        long started = System.nanoTime();
        long lastAck = started;
        Connection connection = null;
        DatabaseServer connectedTo = null;
        for (long seq = 1; !stopping; seq++) {
            pace(started, seq);
            boolean sent = false;
            try {
                if (connection == null || connectedTo != primary.get()) {
                    close(connection);
                    connectedTo = primary.get();
                    connection = DriverManager.getConnection(connectedTo.jdbcUrl(ReplicatedPair.DATABASE), user, password);
                }
                try (PreparedStatement s = connection.prepareStatement("INSERT INTO writes (seq) VALUES (?)")) {
                    s.setLong(1, seq);
                    sent = true;
                    s.executeUpdate();
                }
                acknowledged.add(seq);
                long now = System.nanoTime();
                longestGapNanos = Math.max(longestGapNanos, now - lastAck);
                lastAck = now;
            } catch (SQLException e) {
                if (sent && e.getErrorCode() != 1290) {
                    inDoubt.add(seq);
                }
                close(connection);
                connection = null;
            }
        }
        close(connection);
    }

    private void pace(long started, long seq) {
        long due = started + seq * 1_000_000_000L / perSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            } catch (InterruptedException e) {
                stopping = true;
            }
        }
    }

    private static void close(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // broken already
            }
        }
    }

    /** How often each sequence id is stored on {@code server}. */
    static Map<Long, Integer> stored(DatabaseServer server) throws SQLException {
        Map<Long, Integer> counts = new TreeMap<>();
        try (Connection c = server.connect(ReplicatedPair.DATABASE);
             PreparedStatement s = c.prepareStatement("SELECT seq, COUNT(*) FROM writes GROUP BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getLong(1), rs.getInt(2));
            }
        }
        return counts;
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
