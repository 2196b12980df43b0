package io.cutkit.mysql.replication;

import static io.cutkit.mysql.replication.ReplicatedPair.assertEveryAcknowledgedWriteOnce;
import static io.cutkit.mysql.replication.ReplicatedPair.awaitCaughtUp;
import static io.cutkit.mysql.replication.ReplicatedPair.execute;
import static io.cutkit.mysql.replication.ReplicatedPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.Snapshot;
import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.SwitchAbortedException;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.core.replication.SwitchStage;
import io.cutkit.core.replication.TableDifference;
import io.cutkit.mysql.dump.ChunkManifest;
import io.cutkit.mysql.testing.AcknowledgedWrites;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class NativeReplicationLinkIT {

    private static final String ACCOUNTS = ReplicatedPair.DATABASE + ".accounts";

    @TempDir
    Path tmp;

    private ReplicatedPair pair;

    @BeforeEach
    void startServers() throws Exception {
        pair = ReplicatedPair.start();
    }

    @AfterEach
    void stopServers() {
        pair.close();
    }

    @Test
    void writesMadeDuringAndAfterTheExportReachTheTargetAfterCatchUp() throws Exception {
        AtomicBoolean written = new AtomicBoolean();
        Snapshot snapshot = pair.exportAndImport(tmp.resolve("snap"),
                () -> {
                    if (written.compareAndSet(false, true)) {
                        execute(pair.source, "INSERT INTO " + ACCOUNTS + " VALUES (100001, 'during export', 1)");
                    }
                },
                () -> execute(pair.source, "INSERT INTO " + ACCOUNTS + " VALUES (100002, 'after export', 2)"));
        assertThat(snapshot.position()).isPresent();
        assertThat(ChunkManifest.read(tmp.resolve("snap")).position()).isEqualTo(snapshot.position());
        assertThat(text(pair.target, "SELECT COUNT(*) FROM " + ACCOUNTS)).isEqualTo(String.valueOf(ReplicatedPair.ACCOUNTS));

        NativeReplicationLink link = pair.link().build();
        link.start(snapshot.position().orElseThrow());
        awaitCaughtUp(link);

        assertThat(text(pair.target, "SELECT GROUP_CONCAT(name ORDER BY id) FROM " + ACCOUNTS + " WHERE id > 100000"))
                .isEqualTo("during export,after export");
        assertThat(text(pair.target, "SELECT COUNT(*) FROM " + ACCOUNTS))
                .isEqualTo(String.valueOf(ReplicatedPair.ACCOUNTS + 2));
    }

    @Test
    void verificationWhileWritesContinueNamesTheKeyOfARowChangedOnTheTarget() throws Exception {
        NativeReplicationLink link = pair.replicating(tmp.resolve("snap"));
        execute(pair.target, "UPDATE " + ACCOUNTS + " SET name = 'planted' WHERE id = 77");
        LiveVerification verification;
        try (AcknowledgedWrites writer = pair.writes(pair.source, 200)) {
            Thread.sleep(500);
            verification = link.verify();
            Thread.sleep(300);
            assertThat(writer.acknowledged()).hasSizeGreaterThan(100);
        }

        assertThat(verification.tables()).isEqualTo(2);
        assertThat(verification.differences()).singleElement().satisfies(d -> {
            assertThat(d.table()).isEqualTo("accounts");
            assertThat(d.firstDifferingKey()).contains("77");
        });
        awaitCaughtUp(link);
    }

    @Test
    void switchUnderContinuousWritesLosesAndDuplicatesNoAcknowledgedWrite() throws Exception {
        NativeReplicationLink link = pair.replicating(tmp.resolve("snap"));
        SwitchReport report;
        AcknowledgedWrites writer = pair.writes(pair.source, 200);
        try (writer) {
            Thread.sleep(1_500);
            report = link.switchOver();
            writer.writeTo(ReplicatedPair.url(pair.target));
            Thread.sleep(1_500);
        }

        assertEveryAcknowledgedWriteOnce(writer, pair.target, 400);
        assertThat(report.freeze()).isLessThan(Duration.ofSeconds(5));
        assertThat(report.stages()).extracting(s -> s.stage()).containsSubsequence(SwitchStage.COUNTS_AT_POSITION,
                SwitchStage.STOP_WRITES, SwitchStage.FINAL_POSITION, SwitchStage.CATCH_UP, SwitchStage.EXACT_POSITION,
                SwitchStage.OPEN_WRITES, SwitchStage.REVERSE_REPLICATION);
        assertThat(text(pair.source, "SELECT @@read_only")).isEqualTo("1");
        System.out.printf("SWITCH freeze %d ms, longest gap between acknowledged writes %d ms, %d acknowledged, %d in doubt%n",
                report.freeze().toMillis(), writer.longestGapMillis(), writer.acknowledged().size(), writer.inDoubt().size());
    }

    @Test
    void rollbackThroughReverseReplicationLosesNoWriteTakenByTheNewSide() throws Exception {
        NativeReplicationLink link = pair.replicating(tmp.resolve("snap"));
        link.switchOver();
        AcknowledgedWrites writer = pair.writes(pair.target, 200);
        try (writer) {
            Thread.sleep(1_000);
            link.rollBack();
            writer.writeTo(ReplicatedPair.url(pair.source));
            Thread.sleep(500);
        }

        Map<Long, Integer> stored = assertEveryAcknowledgedWriteOnce(writer, pair.source, 200);
        assertThat(text(pair.source, "SELECT @@read_only")).isEqualTo("0");
        assertThat(text(pair.target, "SELECT @@read_only")).isEqualTo("1");
        awaitCaughtUp(link);
        assertThat(ReplicatedPair.stored(pair.target)).isEqualTo(stored);
    }

    @Test
    void lagOverTheThresholdRefusesTheSwitchBeforeTheSourceIsMadeReadOnly() throws Exception {
        NativeReplicationLink link = pair.link().maxLag(Duration.ofSeconds(30), 10).build();
        link.start(pair.exportAndImport(tmp.resolve("snap"), () -> { }, () -> { }).position().orElseThrow());
        try (Connection blocker = pair.target.connect(null); Statement s = blocker.createStatement()) {
            s.execute("LOCK TABLES " + ACCOUNTS + " WRITE");
            for (int i = 0; i < 30; i++) {
                execute(pair.source, "UPDATE " + ACCOUNTS + " SET balance = balance + 1 WHERE id = " + (i + 1));
            }
            assertThat(link.lag().transactions()).isGreaterThanOrEqualTo(30);

            assertThatThrownBy(link::switchOver)
                    .isInstanceOfSatisfying(SwitchAbortedException.class,
                            e -> assertThat(e.stage()).isEqualTo(SwitchStage.CHECK_LAG))
                    .hasMessageContaining("30 transaction(s) behind").hasMessageContaining("nothing was changed");
            assertThat(text(pair.source, "SELECT @@read_only")).isEqualTo("0");
            s.execute("UNLOCK TABLES");
        }
        awaitCaughtUp(link);
    }

    @Test
    void aReplicationErrorStopsTheSwitchWithTheServersErrorAndTheSourceTakesWritesAgain() throws Exception {
        NativeReplicationLink link = pair.replicating(tmp.resolve("snap"));
        execute(pair.target, "INSERT INTO " + ACCOUNTS + " VALUES (9001, 'planted on the target', 0)");
        execute(pair.source, "INSERT INTO " + ACCOUNTS + " VALUES (9001, 'written on the source', 0)");

        assertThatThrownBy(link::switchOver)
                .isInstanceOfSatisfying(SwitchAbortedException.class,
                        e -> assertThat(e.stage()).isIn(SwitchStage.CHECK_LAG, SwitchStage.COUNTS_AT_POSITION,
                                SwitchStage.CATCH_UP))
                .hasMessageContaining("1062").hasMessageContaining("Duplicate entry '9001'");
        assertThat(text(pair.source, "SELECT @@read_only")).isEqualTo("0");
        execute(pair.source, "INSERT INTO " + ACCOUNTS + " VALUES (9002, 'the source takes writes', 0)");
    }

    @Test
    void aRowOnlyOnTheTargetRefusesTheSwitchAtTheCountsBeforeTheSourceIsMadeReadOnly() throws Exception {
        NativeReplicationLink link = pair.replicating(tmp.resolve("snap"));
        execute(pair.target, "INSERT INTO " + ACCOUNTS + " VALUES (9500, 'only on the target', 0)");

        assertThatThrownBy(link::switchOver)
                .isInstanceOfSatisfying(SwitchAbortedException.class,
                        e -> assertThat(e.stage()).isEqualTo(SwitchStage.COUNTS_AT_POSITION))
                .hasMessageContaining("row counts differ").hasMessageContaining("accounts " + ReplicatedPair.ACCOUNTS
                        + " -> " + (ReplicatedPair.ACCOUNTS + 1))
                .hasMessageContaining("nothing was changed");
        assertThat(text(pair.source, "SELECT @@read_only")).isEqualTo("0");
        assertThat(link.lag().error()).isEmpty();
    }

    @Test
    void refusesToStartNamingEveryUnmetRequirementBeforeChangingAnything() throws Exception {
        Snapshot snapshot = pair.exportAndImport(tmp.resolve("snap"), () -> { }, () -> { });
        execute(pair.source, "SET GLOBAL binlog_format = 'STATEMENT'");
        execute(pair.target, "REVOKE REPLICATION SLAVE ON *.* FROM '" + ReplicatedPair.REPLICATION_USER + "'@'%'");
        NativeReplicationLink link = pair.link().build();

        assertThatThrownBy(() -> link.start(snapshot.position().orElseThrow()))
                .isInstanceOf(ReplicationException.class)
                .hasMessageContaining("source: binlog_format is STATEMENT, needs ROW")
                .hasMessageContaining("target: account 'repl' lacks REPLICATION SLAVE")
                .hasMessageNotContaining(pair.replicationPassword);
        assertThat(text(pair.target, "SELECT @@read_only")).isEqualTo("0");
        assertThat(text(pair.target, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = 'system user'"))
                .isEqualTo("0");
    }

    @Test
    void theReplicationPasswordAppearsInNoExceptionOrToString() throws Exception {
        Snapshot snapshot = pair.exportAndImport(tmp.resolve("snap"), () -> { }, () -> { });
        String wrong = "wrong-" + pair.replicationPassword;
        String tooLong = "long-" + "x".repeat(200) + pair.replicationPassword;
        for (String password : new String[] {wrong, tooLong}) {
            NativeReplicationLink link = pair.link()
                    .replicationAccount(ReplicatedPair.REPLICATION_USER, ReplicatedPair.secret(password)).build();

            assertThatThrownBy(() -> link.start(snapshot.position().orElseThrow()))
                    .isInstanceOf(ReplicationException.class)
                    .satisfies(e -> assertThat(e.toString()).doesNotContain(password)
                            .doesNotContain(pair.replicationPassword))
                    .satisfies(e -> assertThat(e.getCause() == null ? "" : e.getCause().toString()).doesNotContain(password));
            assertThat(link.toString()).contains("repl").doesNotContain(password);
            assertThat(link.lag().describe()).doesNotContain(password);
        }
    }
}
