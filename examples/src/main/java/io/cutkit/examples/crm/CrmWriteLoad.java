package io.cutkit.examples.crm;

import io.cutkit.core.secret.Secret;
import io.cutkit.examples.WriteRouting;
import io.cutkit.mysql.testing.AcknowledgedWrites;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The CRM API's writes during an online cutover: a bounded {@link AcknowledgedWrites} load through the
 * application account on whichever database the {@link WriteRouting} points at. Every write inserts its
 * sequence id into {@code activity_log} (unique on {@code seq}) and {@code activity_feed} (no unique key
 * on {@code seq}, so a write applied twice shows) in one transaction.
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
    private final AcknowledgedWrites writes;

    private CrmWriteLoad(String sourceUrl, String destinationUrl, AcknowledgedWrites writes) {
        this.sourceUrl = sourceUrl;
        this.destinationUrl = destinationUrl;
        this.writes = writes;
    }

    /**
     * A load that, once {@link #start() started}, writes {@code perSecond} times a second (1 to 1000) to
     * the source, as {@code user}; the JDBC URLs name the CRM database on each side.
     */
    public static CrmWriteLoad of(String sourceUrl, String destinationUrl, String user, Secret password, int perSecond) {
        return new CrmWriteLoad(sourceUrl, destinationUrl,
                AcknowledgedWrites.of(sourceUrl, user, password, perSecond, CrmWriteLoad::write));
    }

    /** Starts writing; a load starts once. */
    public void start() {
        writes.start();
    }

    @Override
    public void toDestination() {
        writes.writeTo(destinationUrl);
    }

    @Override
    public void toSource() {
        writes.writeTo(sourceUrl);
    }

    /** Stops writing (if it started) and waits for the write in flight. */
    @Override
    public void close() {
        writes.close();
    }

    /** After {@link #close()}: how the acknowledged writes are stored in the database {@code crm} connects to. */
    public AcknowledgedWrites.Tally tally(DataSource crm) throws SQLException {
        return writes.tally(crm, "activity_log", "activity_feed");
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
}
