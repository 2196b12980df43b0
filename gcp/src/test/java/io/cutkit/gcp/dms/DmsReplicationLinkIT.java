package io.cutkit.gcp.dms;

import static io.cutkit.gcp.dms.DmsFixture.awaitCaughtUp;
import static io.cutkit.mysql.replication.ReplicatedPair.assertEveryAcknowledgedWriteOnce;
import static io.cutkit.mysql.replication.ReplicatedPair.execute;
import static io.cutkit.mysql.replication.ReplicatedPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.clouddms.v1.MigrationJob;
import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.SwitchAbortedException;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.core.replication.SwitchStage;
import io.cutkit.mysql.replication.ReplicatedPair;
import io.cutkit.mysql.testing.AcknowledgedWrites;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The link contract of the native ITs, run through Database Migration Service's stand-in. */
@Timeout(90)
class DmsReplicationLinkIT {

    private static final String ACCOUNTS = ReplicatedPair.DATABASE + ".accounts";

    private DmsFixture fixture;

    @BeforeEach
    void startServers() throws Exception {
        fixture = DmsFixture.start();
    }

    @AfterEach
    void stopServers() {
        fixture.close();
    }

    private DmsReplicationLink started(DmsReplicationLink.Builder builder) {
        DmsReplicationLink link = builder.build();
        link.start(null);
        return link;
    }

    @Test
    void writesDuringTheFullDumpReachTheDestinationOnceEach() throws Exception {
        DmsReplicationLink link;
        AcknowledgedWrites writes = fixture.pair.writes(fixture.source, 200);
        try (writes) {
            link = started(fixture.link());
            Thread.sleep(300);
        }
        awaitCaughtUp(link);

        assertThat(assertEveryAcknowledgedWriteOnce(writes, fixture.destination, 100))
                .isEqualTo(ReplicatedPair.stored(fixture.source));
    }

    @Test
    void theJobDumpsTheSourceAndAWriteAfterTheDumpReachesTheDestinationAfterCatchUp() throws Exception {
        DmsReplicationLink link = started(fixture.link());
        MigrationJob job = fixture.dms.job(fixture.jobName());
        assertThat(job.getState()).isEqualTo(MigrationJob.State.RUNNING);
        assertThat(job.getPhase()).isEqualTo(MigrationJob.Phase.CDC);
        assertThat(job.getType()).isEqualTo(MigrationJob.Type.CONTINUOUS);
        assertThat(text(fixture.destination, "SELECT COUNT(*) FROM " + ACCOUNTS)).isEqualTo(String.valueOf(ReplicatedPair.ACCOUNTS));
        assertThat(text(fixture.destination, "SELECT @@read_only")).isEqualTo("1");

        execute(fixture.source, "INSERT INTO " + ACCOUNTS + " VALUES (100001, 'after the dump', 1)");
        execute(fixture.source, "UPDATE " + ACCOUNTS + " SET name = 'changed after the dump' WHERE id = 5");
        awaitCaughtUp(link);

        assertThat(text(fixture.destination, "SELECT name FROM " + ACCOUNTS + " WHERE id = 100001")).isEqualTo("after the dump");
        assertThat(text(fixture.destination, "SELECT name FROM " + ACCOUNTS + " WHERE id = 5"))
                .isEqualTo("changed after the dump");
        assertThat(link.lag().error()).isEmpty();
    }

    @Test
    void verificationWhileWritesContinueNamesTheKeyOfARowChangedOnTheDestination() throws Exception {
        DmsReplicationLink link = started(fixture.link());
        execute(fixture.destination, "UPDATE " + ACCOUNTS + " SET name = 'planted' WHERE id = 77");
        execute(fixture.destination, "DELETE FROM " + ACCOUNTS + " WHERE id = 1500");
        LiveVerification verification;
        try (AcknowledgedWrites writes = fixture.pair.writes(fixture.source, 200)) {
            Thread.sleep(500);
            verification = link.verify();
            assertThat(writes.acknowledged()).hasSizeGreaterThan(50);
        }

        assertThat(verification.tables()).isEqualTo(2);
        assertThat(verification.differences()).singleElement().satisfies(d -> {
            assertThat(d.table()).isEqualTo("accounts");
            assertThat(d.differingKeys()).hasSize(2).satisfies(keys -> {
                assertThat(keys.get(0)).contains("77");
                assertThat(keys.get(1)).contains("1500");
            });
            assertThat(d.differingKeyCount()).isEqualTo(2);
        });
        System.out.println("DMS " + verification.toText());
    }

    @Test
    void verificationUnderWritesReportsAnExtraRowInATableWithoutAKeyButNotTheRowsStillInFlight() throws Exception {
        DmsReplicationLink link = started(fixture.link());
        execute(fixture.source, "CREATE TABLE " + ReplicatedPair.DATABASE + ".notes (body VARCHAR(40))");
        execute(fixture.source, "INSERT INTO " + ReplicatedPair.DATABASE + ".notes VALUES ('one'), ('two')");
        awaitCaughtUp(link);
        execute(fixture.destination, "INSERT INTO " + ReplicatedPair.DATABASE + ".notes VALUES ('only here')");
        LiveVerification verification;
        try (AcknowledgedWrites writes = fixture.pair.writes(fixture.source, 200)) {
            Thread.sleep(500);
            verification = link.verify();
        }

        assertThat(verification.differences()).singleElement().satisfies(d -> {
            assertThat(d.table()).isEqualTo("notes");
            assertThat(d.targetRows() - d.sourceRows()).isEqualTo(1);
            assertThat(d.firstDifferingKey()).isEmpty();
        });
    }

    @Test
    void switchUnderContinuousWritesLosesAndDuplicatesNoAcknowledgedWrite() throws Exception {
        DmsReplicationLink link = started(fixture.link());
        SwitchReport report;
        AcknowledgedWrites writes = fixture.pair.writes(fixture.source, 200);
        try (writes) {
            Thread.sleep(1_500);
            report = link.switchOver();
            writes.writeTo(ReplicatedPair.url(fixture.destination));
            Thread.sleep(1_000);
        }

        assertEveryAcknowledgedWriteOnce(writes, fixture.destination, 300);
        assertThat(report.freeze()).isPositive().isLessThan(Duration.ofSeconds(5));
        assertThat(report.stages()).extracting(s -> s.stage()).containsSubsequence(SwitchStage.CHECK_LAG,
                SwitchStage.STOP_WRITES, SwitchStage.FINAL_POSITION, SwitchStage.CATCH_UP, SwitchStage.STOP_REPLICATION,
                SwitchStage.OPEN_WRITES);
        assertThat(fixture.dms.job(fixture.jobName()).getState()).isEqualTo(MigrationJob.State.COMPLETED);
        assertThat(text(fixture.source, "SELECT @@read_only")).isEqualTo("1");
        assertThat(text(fixture.destination, "SELECT @@read_only")).isEqualTo("0");
        System.out.printf("DMS SWITCH freeze %d ms, %d acknowledged, %d in doubt%n", report.freeze().toMillis(),
                writes.acknowledged().size(), writes.inDoubt().size());
    }

    @Test
    void rollbackThroughReverseReplicationLosesNoWriteTakenByThePromotedDestination() throws Exception {
        DmsReplicationLink link = started(fixture.link()
                .reverseReplication(ReplicatedPair.REPLICATION_USER, ReplicatedPair.secret(fixture.pair.replicationPassword)));
        link.switchOver();
        AcknowledgedWrites writes = fixture.pair.writes(fixture.destination, 200);
        try (writes) {
            Thread.sleep(1_000);
            link.rollBack();
            writes.writeTo(ReplicatedPair.url(fixture.source));
            Thread.sleep(500);
        }

        assertEveryAcknowledgedWriteOnce(writes, fixture.source, 150);
        assertThat(text(fixture.source, "SELECT @@read_only")).isEqualTo("0");
        assertThat(text(fixture.destination, "SELECT @@read_only")).isEqualTo("1");
    }

    @Test
    void withoutReverseReplicationARollbackIsRefusedWithWhatToDo() throws Exception {
        DmsReplicationLink link = started(fixture.link());
        link.switchOver();

        assertThatThrownBy(link::rollBack).isInstanceOf(ReplicationException.class)
                .hasMessageContaining("no reverse replication").hasMessageContaining("reverseReplication(");
        assertThat(text(fixture.destination, "SELECT @@read_only")).isEqualTo("0");
    }

    @Test
    void lagOverTheThresholdRefusesTheSwitchBeforeTheSourceIsMadeReadOnly() throws Exception {
        DmsReplicationLink link = started(fixture.link().maxLag(Duration.ofSeconds(30), 10));
        try (Connection blocker = fixture.destination.connect(null); Statement s = blocker.createStatement()) {
            s.execute("LOCK TABLES " + ACCOUNTS + " WRITE");
            for (int i = 1; i <= 30; i++) {
                execute(fixture.source, "UPDATE " + ACCOUNTS + " SET balance = balance + 1 WHERE id = " + i);
            }
            assertThat(link.lag().transactions()).isGreaterThanOrEqualTo(30);

            assertThatThrownBy(link::switchOver)
                    .isInstanceOfSatisfying(SwitchAbortedException.class,
                            e -> assertThat(e.stage()).isEqualTo(SwitchStage.CHECK_LAG))
                    .hasMessageContaining("30 transaction(s) behind").hasMessageContaining("nothing was changed");
            assertThat(text(fixture.source, "SELECT @@read_only")).isEqualTo("0");
            s.execute("UNLOCK TABLES");
        }
        awaitCaughtUp(link);
    }

    @Test
    void aJobThatFailsDuringTheFreezeStopsTheSwitchWithTheServicesErrorAndTheSourceTakesWritesAgain() throws Exception {
        DmsReplicationLink link = started(fixture.link().maxLag(Duration.ofSeconds(30), 10));
        execute(fixture.destination, "INSERT INTO " + ACCOUNTS + " VALUES (9001, 'planted on the destination', 0)");
        CompletableFuture<SwitchReport> switching;
        try (Connection blocker = fixture.destination.connect(null); Statement s = blocker.createStatement()) {
            s.execute("LOCK TABLES " + ACCOUNTS + " WRITE");
            execute(fixture.source, "INSERT INTO " + ACCOUNTS + " VALUES (9001, 'written on the source', 0)");
            switching = CompletableFuture.supplyAsync(link::switchOver);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!"1".equals(text(fixture.source, "SELECT @@read_only")) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(text(fixture.source, "SELECT @@read_only")).isEqualTo("1");
            s.execute("UNLOCK TABLES");
        }

        assertThatThrownBy(switching::join).cause()
                .isInstanceOfSatisfying(SwitchAbortedException.class,
                        e -> assertThat(e.stage()).isIn(SwitchStage.CATCH_UP, SwitchStage.EXACT_POSITION))
                .hasMessageContaining("FAILED").hasMessageContaining("1062")
                .hasMessageContaining("Duplicate entry '9001'").hasMessageContaining("the old primary takes writes again");
        assertThat(text(fixture.source, "SELECT @@read_only")).isEqualTo("0");
        assertThat(fixture.dms.job(fixture.jobName()).getState()).isEqualTo(MigrationJob.State.FAILED);
        assertThat(link.lag().error()).hasValueSatisfying(e -> assertThat(e).contains("Duplicate entry '9001'"));
        execute(fixture.source, "INSERT INTO " + ACCOUNTS + " VALUES (9002, 'the source takes writes', 0)");
    }
}
