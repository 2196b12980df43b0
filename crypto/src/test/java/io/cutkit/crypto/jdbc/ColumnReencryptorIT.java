package io.cutkit.crypto.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.guard.WrongKeyException;
import io.cutkit.core.secret.Secret;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.KeyRing;
import io.cutkit.crypto.RefData;
import io.cutkit.mysql.testing.ChildJvm;
import io.cutkit.mysql.testing.DatabaseExtension;
import io.cutkit.mysql.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabaseExtension.class)
class ColumnReencryptorIT {

    private static final int ROWS = 2500;

    private TestDatabase database;
    private DataSource dataSource;
    private EncryptionKey oldKey;
    private EncryptionKey newKey;
    private KeyRing oldRing;

    @BeforeEach
    void leadsUnderTheOldKey(TestDatabase db) throws Exception {
        database = db;
        dataSource = db.dataSource();
        oldKey = RefData.key();
        newKey = EncryptionKey.generate();
        oldRing = KeyRing.of(oldKey);
        LeadsTable.create(dataSource, "leads");
        LeadsTable.fill(dataSource, "leads", ROWS, oldRing);
    }

    @AfterEach
    void closeKeys() {
        oldRing.close();
        newKey.close();
    }

    private ColumnReencryptor.Builder reencryptor() {
        return ColumnReencryptor.builder(dataSource).table("leads").columns(LeadsTable.COLUMNS)
                .from(oldRing).to(newKey).chunkSize(100);
    }

    /** Every value decrypts under the new key alone, once, to the plaintext it had before. */
    private void assertAllUnderNewKeyWithOriginalPlaintext() throws Exception {
        EnvelopeCodec newOnly = EnvelopeCodec.of(KeyRing.of(newKey));
        Map<Long, String[]> stored = LeadsTable.stored(dataSource, "leads");
        assertThat(stored).hasSize(ROWS);
        stored.forEach((id, values) -> {
            for (int col = 0; col < 3; col++) {
                String expected = LeadsTable.plaintext(id, col);
                if (expected == null) {
                    assertThat(values[col]).as("id %d col %d", id, col).isNull();
                } else {
                    assertThat(newOnly.decrypt(values[col]).plaintext()).as("id %d col %d", id, col).isEqualTo(expected);
                }
            }
        });
    }

    @Test
    void rotatesEveryValueAndVerifies() throws Exception {
        ReencryptionPlan plan = reencryptor().build().dryRun();
        long nonNull = LeadsTable.stored(dataSource, "leads").values().stream()
                .flatMap(Arrays::stream).filter(v -> v != null).count();
        assertThat(plan.toReencrypt()).isEqualTo(nonNull);
        assertThat(plan.nulls()).isEqualTo(ROWS * 3L - nonNull);
        assertThat(plan.canRun()).isTrue();

        ReencryptionProgress done = reencryptor().protection(ConcurrentWriteProtection.LOCK_CHUNK).build().run();
        assertThat(done.finished()).isTrue();
        assertThat(done.rowsScanned()).isEqualTo(ROWS);
        assertThat(done.valuesReencrypted()).isEqualTo(nonNull);
        assertThat(reencryptor().build().verify().complete()).isTrue();
        assertAllUnderNewKeyWithOriginalPlaintext();
    }

    @Test
    void dryRunChangesNothing() throws Exception {
        Map<Long, String[]> before = LeadsTable.stored(dataSource, "leads");
        reencryptor().build().dryRun();
        Map<Long, String[]> after = LeadsTable.stored(dataSource, "leads");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((id, values) -> assertThat(after.get(id)).containsExactly(values));
        assertThat(reencryptor().build().verify().notUnderNewKey().count()).isPositive();
    }

    @Test
    void resumesAfterACrashMidRunWithNothingLostOrDoubleEncrypted() throws Exception {
        AtomicInteger committed = new AtomicInteger();
        ColumnReencryptor crashing = reencryptor().listener(new ReencryptionListener() {
            @Override
            public void chunkRead(long firstKey, long lastKey, int rows) {
                if (committed.get() == 7) {
                    throw new IllegalStateException("simulated crash in the middle of chunk 8");
                }
            }

            @Override
            public void chunkCommitted(ReencryptionProgress progress) {
                committed.incrementAndGet();
            }
        }).build();
        List<ReencryptionProgress> resumedRun = new ArrayList<>();
        String output = CapturedOutput.during(() -> {
            assertThatThrownBy(crashing::run).hasMessageContaining("simulated crash");

            VerificationReport partial = reencryptor().build().verify();
            assertThat(partial.complete()).isFalse();
            assertThat(partial.notUnderNewKey().firstIds().get(0)).startsWith("701:");

            resumedRun.add(reencryptor().build().run());
        });
        assertThat(output).contains("re-encryption").contains(newKey.fingerprint());
        assertThat(output).doesNotContain("@example.com").doesNotContain("Lead Nümber");
        CiphertextGuardIT.assertNoSecrets(output);
        try (Secret newKeyText = newKey.toBase64()) {
            assertThat(output).doesNotContain(new String(newKeyText.copyBytes(), StandardCharsets.US_ASCII));
        }
        ReencryptionProgress resumed = resumedRun.get(0);
        assertThat(resumed.resumedAfterKey()).isEqualTo(700L);
        assertThat(resumed.rowsScanned()).isEqualTo(ROWS - 700);
        assertThat(resumed.valuesAlreadyCurrent()).isZero();
        assertThat(resumed.finished()).isTrue();
        assertAllUnderNewKeyWithOriginalPlaintext();

        ReencryptionProgress again = reencryptor().build().run();
        assertThat(again.rowsScanned()).isZero();
        assertThat(again.finished()).isTrue();
    }

    @Test
    @Timeout(90)
    void aJvmKilledMidRotationResumesAfterItsLastCommittedChunkWithNothingLostOrDoubleEncrypted() throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of("CUTKIT_CHILD_URL",
                database.server().jdbcUrl(database.name()), "CUTKIT_CHILD_USER", database.server().user(),
                "CUTKIT_CHILD_PASSWORD", database.server().password()));
        try (Secret oldText = oldKey.toBase64(); Secret newText = newKey.toBase64()) {
            environment.put("CUTKIT_OLD_KEY", new String(oldText.copyBytes(), StandardCharsets.US_ASCII));
            environment.put("CUTKIT_NEW_KEY", new String(newText.copyBytes(), StandardCharsets.US_ASCII));
        }
        try (ChildJvm child = ChildJvm.start(ReencryptionChild.class, environment)) {
            child.awaitLine("committed 7", Duration.ofSeconds(60));
            child.kill();
        }
        VerificationReport partial = reencryptor().build().verify();
        assertThat(partial.complete()).isFalse();
        assertThat(partial.notUnderNewKey().firstIds().get(0)).startsWith("701:");

        ReencryptionProgress resumed = reencryptor().build().run();

        assertThat(resumed.resumedAfterKey()).isEqualTo(700L);
        assertThat(resumed.rowsScanned()).isEqualTo(ROWS - 700);
        assertThat(resumed.valuesAlreadyCurrent()).isZero();
        assertThat(resumed.finished()).isTrue();
        assertThat(reencryptor().build().verify().complete()).isTrue();
        assertAllUnderNewKeyWithOriginalPlaintext();
    }

    @Test
    void aFreshJobOverRotatedDataChangesNothing() throws Exception {
        reencryptor().build().run();
        Map<Long, String[]> before = LeadsTable.stored(dataSource, "leads");
        ReencryptionProgress second = reencryptor().job("second pass").build().run();
        assertThat(second.valuesReencrypted()).isZero();
        assertThat(second.valuesAlreadyCurrent()).isPositive();
        Map<Long, String[]> after = LeadsTable.stored(dataSource, "leads");
        before.forEach((id, values) -> assertThat(after.get(id)).containsExactly(values));
    }

    @Test
    void neverOverwritesAConcurrentApplicationWrite() throws Exception {
        EnvelopeCodec appOnNewKey = EnvelopeCodec.of(KeyRing.of(newKey, oldKey));
        EnvelopeCodec appOnOldKey = EnvelopeCodec.of(oldRing);
        ColumnReencryptor rotation = reencryptor().listener(new ReencryptionListener() {
            @Override
            public void chunkRead(long firstKey, long lastKey, int rows) {
                if (firstKey == 201) {
                    // the application writes two rows of the chunk just read, one per key it might hold
                    try (Connection app = dataSource.getConnection();
                         PreparedStatement update = app.prepareStatement("UPDATE leads SET email = ? WHERE id = ?")) {
                        update.setString(1, appOnNewKey.encrypt("changed-by-app@new.example"));
                        update.setInt(2, 205);
                        update.executeUpdate();
                        update.setString(1, appOnOldKey.encrypt("changed-by-old-app@old.example"));
                        update.setInt(2, 206);
                        update.executeUpdate();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }).build();
        ReencryptionProgress done = rotation.run();

        assertThat(done.concurrentWrites()).isEqualTo(2);
        EnvelopeCodec newOnly = EnvelopeCodec.of(KeyRing.of(newKey));
        Map<Long, String[]> stored = LeadsTable.stored(dataSource, "leads");
        assertThat(newOnly.decrypt(stored.get(205L)[1]).plaintext()).isEqualTo("changed-by-app@new.example");
        assertThat(newOnly.decrypt(stored.get(206L)[1]).plaintext()).isEqualTo("changed-by-old-app@old.example");
        assertThat(newOnly.decrypt(stored.get(205L)[0]).plaintext()).isEqualTo(LeadsTable.plaintext(205, 0));
        assertThat(reencryptor().build().verify().complete()).isTrue();
    }

    @Test
    void lockingChunksMakesAConcurrentWriteWaitAndLandAfterTheChunk() throws Exception {
        EnvelopeCodec appOnNewKey = EnvelopeCodec.of(KeyRing.of(newKey, oldKey));
        String appValue = appOnNewKey.encrypt("written-while-locked@new.example");
        ExecutorService app = Executors.newSingleThreadExecutor();
        List<Future<Integer>> appWrite = new ArrayList<>();
        List<Boolean> waitedForTheChunk = new ArrayList<>();
        try {
            ColumnReencryptor rotation = reencryptor().protection(ConcurrentWriteProtection.LOCK_CHUNK)
                    .listener(new ReencryptionListener() {
                        @Override
                        public void chunkRead(long firstKey, long lastKey, int rows) {
                            if (firstKey == 201) {
                                appWrite.add(app.submit(() -> {
                                    try (Connection c = dataSource.getConnection();
                                         PreparedStatement update = c.prepareStatement("UPDATE leads SET email = ? WHERE id = 205")) {
                                        update.setString(1, appValue);
                                        return update.executeUpdate();
                                    }
                                }));
                                try {
                                    Thread.sleep(500);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                waitedForTheChunk.add(!appWrite.get(0).isDone());
                            }
                        }
                    }).build();
            ReencryptionProgress done = rotation.run();
            assertThat(appWrite.get(0).get()).isEqualTo(1);
            assertThat(waitedForTheChunk).containsExactly(true);
            assertThat(done.finished()).isTrue();
        } finally {
            app.shutdownNow();
        }
        Map<Long, String[]> stored = LeadsTable.stored(dataSource, "leads");
        assertThat(stored.get(205L)[1]).isEqualTo(appValue);
        assertThat(reencryptor().build().verify().complete()).isTrue();
    }

    @Test
    void shardsSplitTheKeyRangeExactly() throws Exception {
        int count = 3;
        List<long[]> chunks = Collections.synchronizedList(new ArrayList<>());
        ExecutorService workers = Executors.newFixedThreadPool(count);
        try {
            List<Future<ReencryptionProgress>> results = new ArrayList<>();
            for (int index = 0; index < count; index++) {
                int shardIndex = index;
                ColumnReencryptor worker = reencryptor().shard(new Shard(shardIndex, count)).listener(new ReencryptionListener() {
                    @Override
                    public void chunkRead(long firstKey, long lastKey, int rows) {
                        chunks.add(new long[] {shardIndex, firstKey, lastKey, rows});
                    }
                }).build();
                results.add(workers.submit(worker::run));
            }
            long scanned = 0;
            for (Future<ReencryptionProgress> result : results) {
                ReencryptionProgress progress = result.get();
                assertThat(progress.finished()).isTrue();
                assertThat(progress.rowsScanned()).isPositive();
                scanned += progress.rowsScanned();
            }
            assertThat(scanned).isEqualTo(ROWS);
        } finally {
            workers.shutdownNow();
        }
        chunks.sort((a, b) -> Long.compare(a[1], b[1]));
        long next = 1;
        int lastShard = 0;
        for (long[] chunk : chunks) {
            assertThat(chunk[1]).as("chunks are contiguous and disjoint").isEqualTo(next);
            assertThat(chunk[0]).as("shards own contiguous ranges in order").isGreaterThanOrEqualTo(lastShard);
            lastShard = (int) chunk[0];
            next = chunk[2] + 1;
        }
        assertThat(next - 1).isEqualTo(ROWS);
        assertAllUnderNewKeyWithOriginalPlaintext();
    }

    @Test
    void aWrongOldKeyIsRefusedBeforeAnythingIsWritten() throws Exception {
        Map<Long, String[]> before = LeadsTable.stored(dataSource, "leads");
        try (EncryptionKey wrong = RefData.wrongKey(); KeyRing wrongRing = KeyRing.of(wrong)) {
            ColumnReencryptor rotation = ColumnReencryptor.builder(dataSource).table("leads").columns(LeadsTable.COLUMNS)
                    .from(wrongRing).to(newKey).build();
            assertThatThrownBy(rotation::run).isInstanceOfSatisfying(WrongKeyException.class, e -> assertThat(e.getMessage())
                    .contains("leads.name (id=1)").contains(wrong.fingerprint()).contains(newKey.fingerprint()));
        }
        Map<Long, String[]> after = LeadsTable.stored(dataSource, "leads");
        before.forEach((id, values) -> assertThat(after.get(id)).containsExactly(values));
    }
}
