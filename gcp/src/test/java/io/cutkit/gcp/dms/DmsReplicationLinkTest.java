package io.cutkit.gcp.dms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.clouddms.v1.ConnectionProfile;
import com.google.cloud.clouddms.v1.DataMigrationServiceClient;
import com.google.cloud.clouddms.v1.MigrationJob;
import com.google.cloud.clouddms.v1.MySqlConnectionProfile;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.testing.DmsStandIn;
import io.cutkit.mysql.replication.ReplicatedPair;
import io.cutkit.mysql.replication.ReplicationEndpoint;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the link refuses before it calls anything, and where the source's password goes; no database servers. */
@Timeout(30)
class DmsReplicationLinkTest {

    private static final String PARENT = "projects/cutkit-test/locations/europe-west1";
    private static final String PASSWORD = "dms-password-7f3a";
    private static final DataSource NO_SERVER = new com.mysql.cj.jdbc.MysqlDataSource();

    private final DmsStandIn dms = DmsStandIn.start();

    @AfterEach
    void close() {
        dms.close();
    }

    private DmsReplicationLink.Builder builder(DataMigrationServiceClient client) {
        return DmsReplicationLink.builder()
                .service(client, PARENT)
                .job("crm-cutover", MigrationJob.getDefaultInstance())
                .sourceProfile("crm-source", MySqlConnectionProfile.newBuilder().setHost("127.0.0.1").setPort(3306)
                        .setUsername("dms").build(), ReplicatedPair.secret(PASSWORD))
                .destinationProfile("crm-destination", ConnectionProfile.newBuilder().setMysql(
                        MySqlConnectionProfile.newBuilder().setHost("127.0.0.1").setPort(3307)).build())
                .source(NO_SERVER, new ReplicationEndpoint("127.0.0.1", 3306, false))
                .destination(NO_SERVER, new ReplicationEndpoint("127.0.0.1", 3307, false))
                .applicationAccount("crm_app")
                .databases(List.of("crm"))
                .waits(new Backoff(Duration.ofMillis(10), 1.5, Duration.ofMillis(50)), Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void badSettingsAreRefusedWithWhatIsExpected() {
        DataMigrationServiceClient client = dms.client();
        assertThatThrownBy(() -> DmsReplicationLink.builder().service(client, "europe-west1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projects/<id>/locations/<region>");
        assertThatThrownBy(() -> DmsReplicationLink.builder().job("Crm_Cutover", MigrationJob.getDefaultInstance()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lower-case letters");
        assertThatThrownBy(() -> DmsReplicationLink.builder().sourceProfile("crm-source",
                MySqlConnectionProfile.newBuilder().setPassword(PASSWORD).build(), ReplicatedPair.secret(PASSWORD)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as the Secret")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> DmsReplicationLink.builder().verifyRounds(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
        assertThatThrownBy(() -> DmsReplicationLink.builder().service(client, PARENT).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sourceProfile");
        assertThat(dms.faults().callCount("CreateConnectionProfile")).isZero();
    }

    @Test
    void theSourcePasswordReachesOnlyTheServiceAndTheServiceKeepsItWriteOnly() {
        DataMigrationServiceClient client = dms.client();
        DmsReplicationLink link = builder(client).build();

        assertThatThrownBy(() -> link.start(null)).isInstanceOf(ReplicationException.class)
                .hasMessageContaining("StartMigrationJob").hasMessageContaining("cannot connect to 127.0.0.1:3306")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));

        ConnectionProfile stored = client.getConnectionProfile(PARENT + "/connectionProfiles/crm-source");
        assertThat(stored.getMysql().getPassword()).isEmpty();
        assertThat(stored.getMysql().getPasswordSet()).isTrue();
        assertThat(stored.getState()).isEqualTo(ConnectionProfile.State.READY);
        assertThat(dms.job(link.jobName()).getState()).isEqualTo(MigrationJob.State.NOT_STARTED);
        assertThat(dms.job(link.jobName()).getType()).isEqualTo(MigrationJob.Type.CONTINUOUS);
        assertThat(link.toString()).contains("crm-cutover").doesNotContain(PASSWORD);
    }
}
