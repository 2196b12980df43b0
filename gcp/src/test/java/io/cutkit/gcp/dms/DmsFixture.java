package io.cutkit.gcp.dms;

import com.google.cloud.clouddms.v1.ConnectionProfile;
import com.google.cloud.clouddms.v1.MigrationJob;
import com.google.cloud.clouddms.v1.MySqlConnectionProfile;
import io.cutkit.core.secret.Secret;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.testing.DmsStandIn;
import io.cutkit.gcp.testing.MigrationBackend;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.replication.ReplicationEndpoint;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A source and a destination embedded MariaDB (binary logs, server ids 1 and 2) with the same
 * replication and application accounts, a {@value #DATABASE} database on the source ({@value #ACCOUNTS}
 * accounts and an insert-only {@code writes} table), and a {@link DmsStandIn} that reaches both.
 */
final class DmsFixture implements AutoCloseable {

    static final String DATABASE = "crm";
    static final int ACCOUNTS = 2_000;
    static final String REPLICATION_USER = "repl";
    static final String APPLICATION_USER = "crm_app";
    static final String PARENT = "projects/cutkit-test/locations/europe-west1";

    final EmbeddedMariaDb source;
    final EmbeddedMariaDb destination;
    final DmsStandIn dms;
    final String replicationPassword = "repl-" + UUID.randomUUID();
    final String applicationPassword = "app-" + UUID.randomUUID();

    private DmsFixture(EmbeddedMariaDb source, EmbeddedMariaDb destination) {
        this.source = source;
        this.destination = destination;
        this.dms = DmsStandIn.start()
                .server("127.0.0.1", source.port(), MigrationBackend.Server.of(address(source), endpoint(source)))
                .server("127.0.0.1", destination.port(), MigrationBackend.Server.of(address(destination),
                        endpoint(destination)));
    }

    static DmsFixture start() throws SQLException {
        EmbeddedMariaDb source = EmbeddedMariaDb.builder().binaryLog(1).start();
        EmbeddedMariaDb destination;
        try {
            destination = EmbeddedMariaDb.builder().binaryLog(2).start();
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        DmsFixture fixture = new DmsFixture(source, destination);
        fixture.accounts(source);
        fixture.accounts(destination);
        execute(source, "CREATE DATABASE " + DATABASE);
        execute(source, "CREATE TABLE " + DATABASE + ".accounts (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL,"
                + " balance DECIMAL(12,2) NOT NULL)");
        execute(source, "CREATE TABLE " + DATABASE + ".writes (id BIGINT AUTO_INCREMENT PRIMARY KEY, seq BIGINT NOT NULL,"
                + " KEY (seq))");
        StringBuilder rows = new StringBuilder("INSERT INTO " + DATABASE + ".accounts VALUES ");
        for (int i = 1; i <= ACCOUNTS; i++) {
            rows.append(i == 1 ? "" : ",").append('(').append(i).append(", 'account ").append(i).append("', ")
                    .append(i).append(".50)");
        }
        execute(source, rows.toString());
        return fixture;
    }

    private void accounts(EmbeddedMariaDb server) {
        execute(server, "CREATE USER '" + REPLICATION_USER + "'@'%' IDENTIFIED BY '" + replicationPassword + "'");
        execute(server, "GRANT REPLICATION SLAVE, REPLICATION CLIENT, SELECT, RELOAD ON *.* TO '" + REPLICATION_USER
                + "'@'%'");
        execute(server, "CREATE USER '" + APPLICATION_USER + "'@'%' IDENTIFIED BY '" + applicationPassword + "'");
        execute(server, "GRANT SELECT, INSERT, UPDATE, DELETE ON `" + DATABASE + "`.* TO '" + APPLICATION_USER + "'@'%'");
    }

    /** A link on the stand-in with short waits; tests add limits and build it. */
    DmsReplicationLink.Builder link() {
        return DmsReplicationLink.builder()
                .service(dms.client(), PARENT)
                .job("crm-cutover", MigrationJob.newBuilder().setDisplayName("crm cutover").build())
                .sourceProfile("crm-source", MySqlConnectionProfile.newBuilder().setHost("127.0.0.1")
                        .setPort(source.port()).setUsername(REPLICATION_USER).build(), secret(replicationPassword))
                .destinationProfile("crm-destination", ConnectionProfile.newBuilder().setMysql(MySqlConnectionProfile
                        .newBuilder().setHost("127.0.0.1").setPort(destination.port()).setUsername(destination.user())
                        .setPassword(destination.password())).build())
                .source(source.dataSource(null), endpoint(source))
                .destination(destination.dataSource(null), endpoint(destination))
                .applicationAccount(APPLICATION_USER)
                .databases(List.of(DATABASE))
                .drainGrace(Duration.ofMillis(500))
                .waits(new Backoff(Duration.ofMillis(20), 1.5, Duration.ofMillis(200)), Duration.ofSeconds(2),
                        Duration.ofSeconds(3), Duration.ofSeconds(60));
    }

    String jobName() {
        return PARENT + "/migrationJobs/crm-cutover";
    }

    static Secret secret(String value) {
        return Secret.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    static void awaitCaughtUp(DmsReplicationLink link) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (link.lag().transactions() > 0 || link.lag().error().isPresent() || link.lag().behind().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the destination did not catch up: " + link.lag().describe());
            }
            Thread.sleep(50);
        }
    }

    static void execute(EmbeddedMariaDb server, String sql) {
        try (Connection c = server.connect(null); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    static String text(EmbeddedMariaDb server, String sql) {
        try (Connection c = server.connect(null); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    private static ServerAddress address(EmbeddedMariaDb server) {
        return ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
    }

    private static ReplicationEndpoint endpoint(EmbeddedMariaDb server) {
        return new ReplicationEndpoint("127.0.0.1", server.port(), false);
    }

    @Override
    public void close() {
        try {
            dms.close();
        } finally {
            try {
                destination.close();
            } finally {
                source.close();
            }
        }
    }
}
