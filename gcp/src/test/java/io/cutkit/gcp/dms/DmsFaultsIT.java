package io.cutkit.gcp.dms;

import static io.cutkit.mysql.replication.ReplicatedPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.clouddms.v1.MigrationJob;
import io.cutkit.core.replication.SwitchAbortedException;
import io.cutkit.core.replication.SwitchStage;
import io.cutkit.gcp.DeadlineExceededException;
import io.cutkit.gcp.testing.Fault;
import io.cutkit.gcp.testing.OperationOutcome;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The DMS link against the service's failures: quota and availability answers, stuck and failing operations. */
@Timeout(60)
class DmsFaultsIT {

    private DmsFixture fixture;

    @BeforeEach
    void startServers() throws Exception {
        fixture = DmsFixture.start();
    }

    @AfterEach
    void stopServers() {
        fixture.close();
    }

    @Test
    void answers429And503AreRetriedWithBackoffAndTheJobStillStreams() {
        fixture.dms.faults().failNext("CreateConnectionProfile", Fault.RATE_LIMITED, 2)
                .failNext("StartMigrationJob", Fault.UNAVAILABLE, 2)
                .failNext("GetMigrationJob", Fault.UNAVAILABLE, 1)
                .failNext("GetOperation", Fault.RATE_LIMITED, 1);

        DmsReplicationLink link = fixture.link().build();
        link.start(null);

        assertThat(fixture.dms.job(fixture.jobName()).getPhase()).isEqualTo(MigrationJob.Phase.CDC);
        assertThat(fixture.dms.faults().callCount("CreateConnectionProfile")).isEqualTo(4);
        assertThat(fixture.dms.faults().callCount("StartMigrationJob")).isEqualTo(3);
    }

    @Test
    void anOperationThatNeverFinishesEndsInADeadlineErrorWithinSeconds() {
        fixture.dms.nextOperation(OperationOutcome.neverFinish());
        DmsReplicationLink link = fixture.link().build();

        long started = System.nanoTime();
        assertThatThrownBy(() -> link.start(null)).isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("CreateConnectionProfile crm-source").hasMessageContaining("last state: running");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aServiceThatStaysUnavailableEndsInADeadlineErrorNamingTheLastAnswer() {
        fixture.dms.faults().failAlways("CreateConnectionProfile", Fault.UNAVAILABLE);
        DmsReplicationLink link = fixture.link().build();

        long started = System.nanoTime();
        assertThatThrownBy(() -> link.start(null)).isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("UNAVAILABLE");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void aPromotionTheServiceFailsAbortsTheSwitchWithItsMessageAndTheSourceTakesWritesAgain() {
        DmsReplicationLink link = fixture.link().build();
        link.start(null);
        fixture.dms.nextOperation(OperationOutcome.failAfter(Duration.ofMillis(50), "FAILED_PRECONDITION",
                "The destination instance is under maintenance; promote later"));

        assertThatThrownBy(link::switchOver)
                .isInstanceOfSatisfying(SwitchAbortedException.class,
                        e -> assertThat(e.stage()).isEqualTo(SwitchStage.STOP_REPLICATION))
                .hasMessageContaining("FAILED_PRECONDITION: The destination instance is under maintenance")
                .hasMessageContaining("the old primary takes writes again");
        assertThat(text(fixture.source, "SELECT @@read_only")).isEqualTo("0");
    }
}
