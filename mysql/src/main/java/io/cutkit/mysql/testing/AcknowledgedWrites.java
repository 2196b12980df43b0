package io.cutkit.mysql.testing;

import io.cutkit.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import javax.sql.DataSource;

/**
 * An application's writes during a cutover, counted as the application saw them: once
 * {@link #start() started}, one thread writes at a fixed rate through one account to whichever JDBC URL
 * it was last told is the primary, every write one transaction with a new sequence id. A write is
 * acknowledged once its COMMIT returned; in doubt when the connection broke during the COMMIT; neither
 * when it was refused as read-only (error 1290) or failed before the COMMIT. Nothing is retried.
 */
public final class AcknowledgedWrites implements AutoCloseable {

    private static final int READ_ONLY = 1290;

    /** The statements of one write; they run in a transaction that the load commits. */
    @FunctionalInterface
    public interface Write {

        /**
         * Writes sequence id {@code seq} on {@code connection}, without committing.
         *
         * @throws SQLException when a statement fails
         */
        void write(Connection connection, long seq) throws SQLException;
    }

    /**
     * How the acknowledged writes are stored.
     *
     * @param acknowledged writes whose COMMIT returned
     * @param lost acknowledged writes missing from one of the tables
     * @param duplicated sequence ids stored more than once, counted in each table
     * @param inDoubt writes whose connection broke during the COMMIT
     */
    public record Tally(long acknowledged, long lost, long duplicated, long inDoubt) {
    }

    private final String user;
    private final Secret password;
    private final int perSecond;
    private final Write write;
    private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final Set<Long> inDoubt = new ConcurrentSkipListSet<>();
    private final Thread thread;
    private volatile String primary;
    private volatile boolean stopping;
    private volatile long longestGapNanos;

    private AcknowledgedWrites(String url, String user, Secret password, int perSecond, Write write) {
        this.primary = url;
        this.user = user;
        this.password = password;
        this.perSecond = perSecond;
        this.write = write;
        this.thread = new Thread(this::run, "acknowledged-writes");
        thread.setDaemon(true);
    }

    /**
     * A load, not started yet, that runs {@code write} {@code perSecond} times a second (1 to 1000) as
     * {@code user} on the database the JDBC {@code url} names.
     */
    public static AcknowledgedWrites of(String url, String user, Secret password, int perSecond, Write write) {
        if (perSecond < 1 || perSecond > 1_000) {
            throw new IllegalArgumentException("perSecond must be between 1 and 1000, got " + perSecond);
        }
        return new AcknowledgedWrites(url, user, password, perSecond, write);
    }

    /** Starts writing (a load starts once) and returns this load. */
    public AcknowledgedWrites start() {
        thread.start();
        return this;
    }

    /** From the next write on, writes go to the database the JDBC {@code url} names. */
    public void writeTo(String url) {
        primary = url;
    }

    /** The sequence ids of the acknowledged writes. */
    public Set<Long> acknowledged() {
        return acknowledged;
    }

    /** The sequence ids of the writes in doubt. */
    public Set<Long> inDoubt() {
        return inDoubt;
    }

    /** The longest time between two acknowledgements (from the start, for the first), in milliseconds. */
    public long longestGapMillis() {
        return longestGapNanos / 1_000_000;
    }

    /**
     * After {@link #close()}: the acknowledged writes counted against the {@code seq} column of each of
     * {@code tables} in {@code database}.
     *
     * @throws SQLException when a table cannot be read
     */
    public Tally tally(DataSource database, String... tables) throws SQLException {
        Set<Long> lost = new HashSet<>();
        long duplicated = 0;
        for (String table : tables) {
            Map<Long, Integer> copies = copies(database, table);
            acknowledged.stream().filter(seq -> !copies.containsKey(seq)).forEach(lost::add);
            duplicated += copies.values().stream().filter(n -> n > 1).count();
        }
        return new Tally(acknowledged.size(), lost.size(), duplicated, inDoubt.size());
    }

    /**
     * How many rows of {@code table} in {@code database} carry each sequence id.
     *
     * @throws SQLException when the table cannot be read
     */
    public static Map<Long, Integer> copies(DataSource database, String table) throws SQLException {
        Map<Long, Integer> copies = new TreeMap<>();
        try (Connection c = database.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT seq, COUNT(*) FROM " + table + " GROUP BY seq");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                copies.put(rs.getLong(1), rs.getInt(2));
            }
        }
        return copies;
    }

    private void run() {
        long started = System.nanoTime();
        long lastAck = started;
        Connection connection = null;
        String connectedTo = null;
        for (long seq = 1; !stopping; seq++) {
            pace(started, seq);
            boolean sent = false;
            try {
                if (connection == null || !primary.equals(connectedTo)) {
                    close(connection);
                    connectedTo = primary;
                    connection = connect(connectedTo);
                }
                write.write(connection, seq);
                sent = true;
                connection.commit();
                acknowledged.add(seq);
                long now = System.nanoTime();
                longestGapNanos = Math.max(longestGapNanos, now - lastAck);
                lastAck = now;
            } catch (SQLException e) {
                if (sent && e.getErrorCode() != READ_ONLY) {
                    inDoubt.add(seq);
                }
                close(connection);
                connection = null;
            }
        }
        close(connection);
    }

    private Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password.withBytes(p -> new String(p, StandardCharsets.UTF_8)));
        c.setAutoCommit(false);
        return c;
    }

    private void pace(long started, long seq) {
        long wait = started + seq * 1_000_000_000L / perSecond - System.nanoTime();
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
                // broken already; an uncommitted write on it is rolled back by the server
            }
        }
    }

    /** Stops writing (if it started) and waits for the write in flight. */
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
