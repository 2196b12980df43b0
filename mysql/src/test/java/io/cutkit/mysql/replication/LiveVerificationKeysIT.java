package io.cutkit.mysql.replication;

import static io.cutkit.mysql.replication.ReplicatedPair.awaitCaughtUp;
import static io.cutkit.mysql.replication.ReplicatedPair.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.TableDifference;
import io.cutkit.mysql.testing.AcknowledgedWrites;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(90)
class LiveVerificationKeysIT {

    private static final String ACCOUNTS = ReplicatedPair.DATABASE + ".accounts";
    private static final String WRITES = ReplicatedPair.DATABASE + ".writes";
    private static final String NOTES = ReplicatedPair.DATABASE + ".notes";

    @TempDir
    Path tmp;

    private ReplicatedPair pair;
    private NativeReplicationLink link;

    @BeforeEach
    void replicateAndPlant() throws Exception {
        pair = ReplicatedPair.start();
        link = pair.replicating(tmp.resolve("snap"));
        for (int i = 1; i <= 50; i++) {
            execute(pair.source, "INSERT INTO " + WRITES + " (id, seq) VALUES (" + i + ", " + -i + ")");
        }
        execute(pair.source, "CREATE TABLE " + NOTES + " (account INT NOT NULL, tag VARCHAR(20) NOT NULL,"
                + " body VARCHAR(100) NULL, PRIMARY KEY (account, tag))");
        execute(pair.source, "INSERT INTO " + NOTES + " SELECT seq DIV 3, CONCAT('t', seq MOD 3), CONCAT('body ', seq)"
                + " FROM " + ReplicatedPair.DATABASE + ".seq_0_to_2999");
        awaitCaughtUp(link);
        // accounts (2,000 rows, an integer key: ranges of equal width)
        execute(pair.target, "UPDATE " + ACCOUNTS + " SET name = 'changed on the target' WHERE id = 3");
        execute(pair.target, "UPDATE " + ACCOUNTS + " SET balance = balance + 0.01 WHERE id = 1200");
        execute(pair.target, "DELETE FROM " + ACCOUNTS + " WHERE id = 1500");
        execute(pair.target, "INSERT INTO " + ACCOUNTS + " VALUES (9500, 'only on the target', 0)");
        execute(pair.target, "INSERT INTO " + ACCOUNTS + " VALUES (0, 'only on the target, before every key', 0)");
        // writes
        execute(pair.target, "DELETE FROM " + WRITES + " WHERE id = 10");
        execute(pair.target, "UPDATE " + WRITES + " SET written_at = written_at + INTERVAL 1 SECOND WHERE id = 20");
        execute(pair.target, "INSERT INTO " + WRITES + " (id, seq) VALUES (900000001, 0)");
        // notes (3,000 rows, a two-column key: ranges bounded by a key scan)
        execute(pair.target, "UPDATE " + NOTES + " SET body = NULL WHERE account = 5 AND tag = 't1'");
        execute(pair.target, "DELETE FROM " + NOTES + " WHERE account = 600 AND tag = 't0'");
        execute(pair.target, "INSERT INTO " + NOTES + " VALUES (600, 't00', 'only on the target')");
        execute(pair.target, "INSERT INTO " + NOTES + " VALUES (5000, 'a', 'only on the target, after every key')");
    }

    @AfterEach
    void stopServers() {
        pair.close();
    }

    @Test
    void namesEveryDifferingKeyOfEveryTableWhileWritesContinue() throws Exception {
        LiveVerification verification;
        try (AcknowledgedWrites writer = pair.writes(pair.source, 100)) {
            Thread.sleep(300);
            verification = link.verify();
            Thread.sleep(300);
            assertThat(writer.acknowledged()).hasSizeGreaterThan(20);
        }

        Map<String, TableDifference> byTable = verification.differences().stream()
                .collect(Collectors.toMap(TableDifference::table, Function.identity()));
        assertThat(byTable).containsOnlyKeys("accounts", "notes", "writes");
        TableDifference accounts = byTable.get("accounts");
        assertThat(accounts.differingKeys()).containsExactly("0", "3", "1200", "1500", "9500");
        assertThat(accounts.differingKeyCount()).isEqualTo(5);
        assertThat(accounts.keysTruncated()).isFalse();
        assertThat(accounts.firstDifferingKey()).contains("0");
        assertThat(accounts.targetRows()).isEqualTo(accounts.sourceRows() + 1);
        TableDifference writes = byTable.get("writes");
        assertThat(writes.differingKeys()).containsExactly("10", "20", "900000001");
        assertThat(writes.differingKeyCount()).isEqualTo(3);
        assertThat(byTable.get("notes").differingKeys()).containsExactly("account=5, tag=t1", "account=600, tag=t0",
                "account=600, tag=t00", "account=5000, tag=a");
        assertThat(byTable.get("notes").differingKeyCount()).isEqualTo(4);
        assertThat(verification.toText()).contains("\n    key 1500\n").contains("\n    key 900000001")
                .contains("5 differing key(s)");
        awaitCaughtUp(link);
    }

    @Test
    void listsKeysUpToTheLimitAndCountsTheRest() {
        NativeReplicationLink limited = pair.link().differingKeysLimit(2).build();

        LiveVerification verification = limited.verify();

        TableDifference accounts = verification.differences().stream().filter(d -> d.table().equals("accounts"))
                .findFirst().orElseThrow();
        assertThat(accounts.differingKeys()).isEqualTo(List.of("0", "3"));
        assertThat(accounts.differingKeyCount()).isEqualTo(5);
        assertThat(accounts.keysTruncated()).isTrue();
        assertThat(accounts.describe()).contains("5 differing key(s), first 2 listed").endsWith("... and 3 more");
    }
}
