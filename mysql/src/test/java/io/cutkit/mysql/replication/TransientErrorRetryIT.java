package io.cutkit.mysql.replication;

import static io.cutkit.mysql.replication.ReplicatedPair.awaitCaughtUp;
import static io.cutkit.mysql.replication.ReplicatedPair.execute;
import static io.cutkit.mysql.replication.ReplicatedPair.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationLag;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class TransientErrorRetryIT {

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
    void lagSucceedsAfterTheSourceServerRestartsWhileItIsRead() throws Exception {
        NativeReplicationLink link = replicating(pair.link().retry(8, Duration.ofMillis(200)));

        pair.source.stop();
        CompletableFuture<ReplicationLag> lag = CompletableFuture.supplyAsync(link::lag);
        Thread.sleep(1_000);
        assertThat(lag).as("still retrying while the source is down").isNotDone();
        pair.source.restart();

        // the replica may still be reconnecting (it retries every second): what counts is an answer, not an exception
        assertThat(lag).succeedsWithin(Duration.ofSeconds(60))
                .satisfies(l -> assertThat(l.transactions()).isNotNegative());
        execute(pair.source, "INSERT INTO " + ACCOUNTS + " VALUES (9100, 'after the restart', 0)");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (text(pair.target, "SELECT name FROM " + ACCOUNTS + " WHERE id = 9100") == null
                && System.nanoTime() < deadline) {
            Thread.sleep(100); // the replica reconnects by itself, once a second
        }
        assertThat(text(pair.target, "SELECT name FROM " + ACCOUNTS + " WHERE id = 9100")).isEqualTo("after the restart");
        assertThat(link.lag().error()).isEmpty();
    }

    @Test
    void verificationSucceedsAfterItsConnectionIsKilledMidWay() throws Exception {
        NativeReplicationLink link = replicating(pair.link());
        LiveVerification verification;
        try (Connection blocker = pair.source.connect(null); Statement s = blocker.createStatement()) {
            // the verifier's FLUSH TABLES WITH READ LOCK waits behind this lock: a moment to kill it in
            s.execute("LOCK TABLES " + ACCOUNTS + " WRITE");
            CompletableFuture<LiveVerification> running = CompletableFuture.supplyAsync(link::verify);
            String victim = awaitStatement("FLUSH TABLES WITH READ LOCK");
            s.execute("KILL CONNECTION " + victim);
            s.execute("UNLOCK TABLES");
            verification = running.get(60, TimeUnit.SECONDS);
        }

        assertThat(verification.matches()).as(verification.toText()).isTrue();
        assertThat(verification.tables()).isEqualTo(2);
        assertThat(text(pair.source, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'FLUSH%'"))
                .isEqualTo("0");
        execute(pair.source, "INSERT INTO " + ACCOUNTS + " VALUES (9101, 'replication resumed', 0)");
        awaitCaughtUp(link);
    }

    @Test
    void aWrongPasswordFailsAtOnceWithTheServersMessage() throws Exception {
        replicating(pair.link());
        String wrong = "wrong-" + UUID.randomUUID();
        MysqlDataSource badTarget = new MysqlDataSource();
        badTarget.setURL(pair.target.jdbcUrl(""));
        badTarget.setUser(pair.target.user());
        badTarget.setPassword(wrong);
        NativeReplicationLink link = pair.link().retry(8, Duration.ofSeconds(5))
                .target(badTarget, new ReplicationEndpoint("127.0.0.1", pair.target.port(), false)).build();

        long started = System.nanoTime();
        assertThatThrownBy(link::lag).isInstanceOf(ReplicationException.class)
                .hasMessageContaining("Cannot read the lag of target").hasMessageContaining("Access denied")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(wrong));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no retry, no 5 s backoff").isLessThan(Duration.ofSeconds(4));
    }

    private NativeReplicationLink replicating(NativeReplicationLink.Builder builder) {
        NativeReplicationLink link = builder.build();
        link.start(pair.exportAndImport(tmp.resolve("snap"), () -> { }, () -> { }).position().orElseThrow());
        return link;
    }

    private String awaitStatement(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            String id = text(pair.source, "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '" + prefix + "%'");
            if (id != null) {
                return id;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no statement '" + prefix + "' ran on the source within 10 s");
    }
}
