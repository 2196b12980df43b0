package io.cutkit.examples.crm;

import io.cutkit.core.secret.Secret;
import io.cutkit.examples.WriteRouting;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import javax.sql.DataSource;

/**
 * The CRM API's writes during an online cutover: a bounded load at a fixed rate through the
 * application account on whichever database the {@link WriteRouting} points at. Every write is one
 * transaction with a new sequence id, inserted into {@code activity_log} (unique on {@code seq}) and
 * {@code activity_feed} (no unique key on {@code seq}, so a write applied twice shows); it counts as
 * acknowledged only once COMMIT returned. A refused write (read-only, error 1290) is not counted; one
 * whose connection broke after it was sent is in doubt. No write is retried.
 */
public final class CrmWriteLoad implements WriteRouting, AutoCloseable {

    /** Creates the two tables the load writes to in the database {@code crm} connects to. */
    public static void createTables(Connection crm) throws SQLException {
        try (Statement s = crm.createStatement()) {
            s.execute("CREATE TABLE activity_log (id BIGINT AUTO_INCREMENT PRIMARY KEY, seq BIGINT NOT NULL UNIQUE,"
                    + " note VARCHAR(64) NOT NULL, at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))");
            s.execute("CREATE TABLE activity_feed (id BIGINT AUTO_INCREMENT PRIMARY KEY, seq BIGINT NOT NULL)");
        }
    }

    private final String sourceUrl;
    private final String destinationUrl;
    private final String user;
    private final Secret password;
    private final int perSecond;
    private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
    private final Set<Long> inDoubt = new ConcurrentSkipListSet<>();
    private final Thread thread;
    private volatile String target;
    private volatile boolean stopping;

    private CrmWriteLoad(String sourceUrl, String destinationUrl, String user, Secret password, int perSecond) {
        this.sourceUrl = sourceUrl;
        this.destinationUrl = destinationUrl;
        this.user = user;
        this.password = password;
        this.perSecond = perSecond;
        this.target = sourceUrl;
        this.thread = new Thread(this::run, "crm-write-load");
        thread.setDaemon(true);
    }

    /**
     * A load that, once {@link #start() started}, writes {@code perSecond} times a second to the
     * source, as {@code user}; the JDBC URLs name the CRM database on each side.
     */
    public static CrmWriteLoad of(String sourceUrl, String destinationUrl, String user, Secret password, int perSecond) {
        if (perSecond < 1 || perSecond > 1_000) {
            throw new IllegalArgumentException("perSecond must be between 1 and 1000, got " + perSecond);
        }
        return new CrmWriteLoad(sourceUrl, destinationUrl, user, password, perSecond);
    }

    /** Starts writing; a load starts once. */
    public void start() {
        thread.start();
    }

    @Override
    public void toDestination() {
        target = destinationUrl;
    }

    @Override
    public void toSource() {
        target = sourceUrl;
    }

    /** Stops writing (if it started) and waits for the write in flight. */
    @Override
    public void close() {
        stopping = true;
        try {
            if (thread.isAlive()) {
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** After {@link #close()}: how the acknowledged writes are stored in the database {@code crm} connects to. */
    public WriteTally tally(DataSource crm) throws SQLException {
        Map<Long, Integer> logged = copies(crm, "activity_log");
        Map<Long, Integer> fed = copies(crm, "activity_feed");
        long lost = acknowledged.stream().filter(seq -> !logged.containsKey(seq) || !fed.containsKey(seq)).count();
        long duplicated = fed.values().stream().filter(n -> n > 1).count()
                + logged.values().stream().filter(n -> n > 1).count();
        return new WriteTally(acknowledged.size(), lost, duplicated, inDoubt.size());
    }

    private static Map<Long, Integer> copies(DataSource crm, String table) throws SQLException {
        Map<Long, Integer> copies = new HashMap<>();
        try (Connection c = crm.getConnection();
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
        Connection connection = null;
        String connectedTo = null;
        for (long seq = 1; !stopping; seq++) {
            pace(started, seq);
            boolean sent = false;
            try {
                if (connection == null || !target.equals(connectedTo)) {
                    close(connection);
                    connectedTo = target;
                    connection = connect(connectedTo);
                }
                write(connection, seq);
                sent = true;
                connection.commit();
                acknowledged.add(seq);
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

    private Connection connect(String url) throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password.withBytes(p -> new String(p, StandardCharsets.UTF_8)));
        c.setAutoCommit(false);
        return c;
    }

    private static void write(Connection connection, long seq) throws SQLException {
        try (PreparedStatement log = connection.prepareStatement("INSERT INTO activity_log (seq, note) VALUES (?, ?)");
             PreparedStatement feed = connection.prepareStatement("INSERT INTO activity_feed (seq) VALUES (?)")) {
            log.setLong(1, seq);
            log.setString(2, "call logged " + seq);
            log.executeUpdate();
            feed.setLong(1, seq);
            feed.executeUpdate();
        }
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

    /** Acknowledged writes, those missing from the database, those stored more than once, and those in doubt. */
    public record WriteTally(long acknowledged, long lost, long duplicated, long inDoubt) {
    }
}
