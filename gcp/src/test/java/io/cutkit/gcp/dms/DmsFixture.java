package io.cutkit.gcp.dms;

import static io.cutkit.mysql.replication.ReplicatedPair.APPLICATION_USER;
import static io.cutkit.mysql.replication.ReplicatedPair.DATABASE;
import static io.cutkit.mysql.replication.ReplicatedPair.REPLICATION_USER;
import static io.cutkit.mysql.replication.ReplicatedPair.execute;
import static io.cutkit.mysql.replication.ReplicatedPair.secret;

import com.google.cloud.clouddms.v1.ConnectionProfile;
import com.google.cloud.clouddms.v1.MigrationJob;
import com.google.cloud.clouddms.v1.MySqlConnectionProfile;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.testing.DmsStandIn;
import io.cutkit.gcp.testing.MigrationBackend;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.replication.ReplicatedPair;
import io.cutkit.mysql.replication.ReplicationEndpoint;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/**
 * mysql's {@link ReplicatedPair} (its target is the destination here), the replication account also
 * allowed to dump, and a {@link DmsStandIn} that reaches both servers.
 */
final class DmsFixture implements AutoCloseable {

    static final String PARENT = "projects/cutkit-test/locations/europe-west1";

    final ReplicatedPair pair;
    final EmbeddedMariaDb source;
    final EmbeddedMariaDb destination;
    final DmsStandIn dms;

    private DmsFixture(ReplicatedPair pair) {
        this.pair = pair;
        this.source = pair.source;
        this.destination = pair.target;
        this.dms = DmsStandIn.start()
                .server("127.0.0.1", source.port(), MigrationBackend.Server.of(address(source), endpoint(source)))
                .server("127.0.0.1", destination.port(), MigrationBackend.Server.of(address(destination),
                        endpoint(destination)));
    }

    static DmsFixture start() throws SQLException {
        ReplicatedPair pair = ReplicatedPair.start();
        for (EmbeddedMariaDb server : List.of(pair.source, pair.target)) {
            execute(server, "GRANT REPLICATION CLIENT, SELECT, RELOAD ON *.* TO '" + REPLICATION_USER + "'@'%'");
        }
        return new DmsFixture(pair);
    }

    /** A link on the stand-in with short waits; tests add limits and build it. */
    DmsReplicationLink.Builder link() {
        return DmsReplicationLink.builder()
                .service(dms.client(), PARENT)
                .job("crm-cutover", MigrationJob.newBuilder().setDisplayName("crm cutover").build())
                .sourceProfile("crm-source", MySqlConnectionProfile.newBuilder().setHost("127.0.0.1")
                        .setPort(source.port()).setUsername(REPLICATION_USER).build(), secret(pair.replicationPassword))
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

    static void awaitCaughtUp(DmsReplicationLink link) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (link.lag().transactions() > 0 || link.lag().error().isPresent() || link.lag().behind().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the destination did not catch up: " + link.lag().describe());
            }
            Thread.sleep(50);
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
            pair.close();
        }
    }
}
