package io.cutkit.mysql.replication;

import static io.cutkit.mysql.replication.ReplicatedPair.assertEveryAcknowledgedWriteOnce;
import static io.cutkit.mysql.replication.ReplicatedPair.awaitCaughtUp;
import static io.cutkit.mysql.replication.ReplicatedPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.replication.SwitchAbortedException;
import io.cutkit.core.replication.SwitchStage;
import io.cutkit.mysql.testing.AcknowledgedWrites;
import io.cutkit.mysql.testing.ChildJvm;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch whose controlling process dies at a chosen stage (a child JVM halts right after the
 * journal says the stage is done), then {@link NativeReplicationLink#recover()} in this JVM: exactly
 * one side writable, replication the right way round, every acknowledged write there once.
 */
@Timeout(150)
class SwitchRecoveryIT {

    @TempDir
    Path tmp;

    private ReplicatedPair pair;
    private Path journal;

    @BeforeEach
    void replicate() throws SQLException {
        pair = ReplicatedPair.start();
        journal = tmp.resolve("switch.jsonl");
        NativeReplicationLink link = pair.link().journal(journal).build();
        link.start(pair.exportAndImport(tmp.resolve("snap"), () -> { }, () -> { }).position().orElseThrow());
    }

    @AfterEach
    void stopServers() {
        pair.close();
    }

    @Test
    void aSwitchThatDiesAfterCatchingUpIsUndoneAndTheSourceTakesWritesAgain() throws Exception {
        AcknowledgedWrites writer = pair.writes(pair.source, 200);
        SwitchRecovery recovery;
        NativeReplicationLink link = pair.link().journal(journal).build();
        try (writer) {
            Thread.sleep(1_000);
            runSwitchUntilItDiesAfter(SwitchStage.CATCH_UP);
            assertThat(text(pair.source, "SELECT @@read_only")).as("frozen when the controller died").isEqualTo("1");

            recovery = link.recover();
            Thread.sleep(1_000);
        }

        assertThat(recovery.action()).isEqualTo(SwitchRecovery.Action.UNDONE);
        assertThat(recovery.primary()).isEqualTo("source");
        assertThat(recovery.detail()).contains("after CATCH_UP").contains("before the point of no return");
        assertRecoveredTo(pair.source, pair.target, writer, link);
    }

    @Test
    void aSwitchThatDiesAfterOpeningTheTargetIsCompletedWithReverseReplication() throws Exception {
        AcknowledgedWrites writer = pair.writes(pair.source, 200);
        SwitchRecovery recovery;
        NativeReplicationLink link = pair.link().journal(journal).build();
        try (writer) {
            Thread.sleep(1_000);
            runSwitchUntilItDiesAfter(SwitchStage.OPEN_WRITES);
            // the application found the new primary before anyone recovered the switch
            writer.writeTo(ReplicatedPair.url(pair.target));
            Thread.sleep(500);

            recovery = link.recover();
            Thread.sleep(1_000);
        }

        assertThat(recovery.action()).isEqualTo(SwitchRecovery.Action.COMPLETED);
        assertThat(recovery.primary()).isEqualTo("target");
        assertThat(recovery.detail()).contains("after OPEN_WRITES").contains("past the point of no return");
        assertRecoveredTo(pair.target, pair.source, writer, link);
        assertThat(link.toString()).contains("primary target");
    }

    @Test
    void aSwitchAbortedAndUndoneInItsOwnProcessNeedsNoRecovery() throws Exception {
        NativeReplicationLink link = pair.link().journal(journal).build();
        ReplicatedPair.execute(pair.target, "INSERT INTO " + ReplicatedPair.DATABASE
                + ".accounts VALUES (9500, 'only on the target', 0)");

        assertThatThrownBy(link::switchOver).isInstanceOf(SwitchAbortedException.class);

        assertThat(Files.readString(journal)).contains("\"outcome\":\"aborted\"");
        SwitchRecovery recovery = link.recover();
        assertThat(recovery.action()).isEqualTo(SwitchRecovery.Action.NONE);
        assertThat(recovery.primary()).isEqualTo("source");
        assertOnlyWritable(pair.source, pair.target);
    }

    private void runSwitchUntilItDiesAfter(SwitchStage stage) throws Exception {
        Map<String, String> environment = Map.of(
                "CUTKIT_SOURCE_URL", pair.source.jdbcUrl(""), "CUTKIT_SOURCE_USER", pair.source.user(),
                "CUTKIT_SOURCE_PASSWORD", pair.source.password(),
                "CUTKIT_TARGET_URL", pair.target.jdbcUrl(""), "CUTKIT_TARGET_USER", pair.target.user(),
                "CUTKIT_TARGET_PASSWORD", pair.target.password(),
                "CUTKIT_REPL_PASSWORD", pair.replicationPassword);
        try (ChildJvm child = ChildJvm.start(SwitchChild.class, environment, journal.toString(), stage.name())) {
            child.awaitLine("HALT after " + stage, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(child.isAlive()).as("the controller halted").isFalse();
        }
        assertThat(Files.readString(journal)).contains("\"done\":\"" + stage + "\"").doesNotContain("switch-ended");
    }

    private static void assertOnlyWritable(EmbeddedMariaDb writable, EmbeddedMariaDb readOnly) {
        assertThat(text(writable, "SELECT @@read_only")).isEqualTo("0");
        assertThat(text(readOnly, "SELECT @@read_only")).isEqualTo("1");
    }

    /** Whether both replication threads of {@code server} run. */
    private static boolean replicating(EmbeddedMariaDb server) throws SQLException {
        try (Connection c = server.connect(null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW SLAVE STATUS")) {
            return rs.next() && "Yes".equals(rs.getString("Slave_IO_Running")) && "Yes".equals(rs.getString("Slave_SQL_Running"));
        }
    }

    /**
     * Only {@code primary} writable, {@code replica} replicating from it and, once caught up, holding
     * the same writes, every acknowledged one once; a second recovery has nothing to do.
     */
    private static void assertRecoveredTo(EmbeddedMariaDb primary, EmbeddedMariaDb replica, AcknowledgedWrites writer,
                                          NativeReplicationLink link) throws Exception {
        assertOnlyWritable(primary, replica);
        assertThat(replicating(replica)).isTrue();
        assertThat(replicating(primary)).isFalse();
        awaitCaughtUp(link);
        Map<Long, Integer> stored = assertEveryAcknowledgedWriteOnce(writer, primary, 200);
        assertThat(ReplicatedPair.stored(replica)).isEqualTo(stored);
        assertThat(link.recover().action()).isEqualTo(SwitchRecovery.Action.NONE);
    }
}
