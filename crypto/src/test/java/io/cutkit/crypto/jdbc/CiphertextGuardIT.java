package io.cutkit.crypto.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.guard.CiphertextFoundException;
import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.guard.ColumnScan;
import io.cutkit.core.guard.PlaintextFoundException;
import io.cutkit.core.guard.SampleDecryptReport;
import io.cutkit.core.guard.WrongKeyException;
import io.cutkit.core.secret.Secret;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.KeyRing;
import io.cutkit.crypto.RefData;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The guard against refdata's leads table, imported into the embedded server, and small crafted tables. */
class CiphertextGuardIT {

    private static final String LEADS = RefData.encryptedTable();

    private static DatabaseServer server;
    private static String database;
    private static DataSource dataSource;
    private static KeyRing rightKey;
    private static KeyRing wrongKey;

    @BeforeAll
    static void importRefdata() throws Exception {
        server = DatabaseServers.shared();
        database = server.createDatabase("guard");
        io.cutkit.mysql.refdata.Refdata.importWithClient(server, database);
        dataSource = server.dataSource(database);
        rightKey = KeyRing.of(RefData.key());
        wrongKey = KeyRing.of(RefData.wrongKey());
    }

    @AfterAll
    static void drop() {
        if (database != null) {
            server.dropDatabase(database);
        }
        rightKey.close();
        wrongKey.close();
    }

    @Test
    void sampleDecryptPassesWithTheRealKey() {
        JdbcCiphertextGuard guard = JdbcCiphertextGuard.of(dataSource, rightKey);
        for (String column : RefData.encryptedColumns().toArray(String[]::new)) {
            SampleDecryptReport report = guard.sampleDecrypt(ColumnRef.of(LEADS, column), 5);
            assertThat(report.decrypted()).isEqualTo(5);
            assertThat(report.decryptedByKey()).containsExactly(Map.entry(rightKey.current().fingerprint(), 5L));
        }
    }

    @Test
    void sampleDecryptSkipsLegacyPlaintextAndReportsItsCountAndFirstIds() throws Exception {
        String planted = plantedPlaintext();
        SampleDecryptReport report = JdbcCiphertextGuard.of(dataSource, rightKey).sampleDecrypt(ColumnRef.of(planted, "email"), 20);

        assertThat(report.decrypted()).isEqualTo(20);
        assertThat(report.decryptedByKey()).containsExactly(Map.entry(rightKey.current().fingerprint(), 20L));
        assertThat(report.plaintext().count()).isEqualTo(3);
        assertThat(report.plaintext().firstIds()).hasSize(3).doesNotContainAnyElementsOf(report.ids());
    }

    @Test
    void sampleDecryptFailsOnLegacyPlaintextWhenAskedTo() throws Exception {
        String planted = plantedPlaintext();
        assertThatThrownBy(() -> JdbcCiphertextGuard.of(dataSource, rightKey).failOnPlaintext(true)
                .sampleDecrypt(ColumnRef.of(planted, "email"), 20))
                .isInstanceOf(PlaintextFoundException.class).hasMessageContaining("3 (first ids")
                .hasMessageNotContaining("@example.com");
    }

    @Test
    void sampleDecryptStillRefusesAMalformedEnvelopeAmongPlaintext() throws Exception {
        String planted = plantedPlaintext();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("UPDATE " + planted + " SET email = '{\"v\":1,\"iv\":\"!!\",\"ct\":\"not base64\"}'"
                    + " ORDER BY id DESC LIMIT 1");
        }
        assertThatThrownBy(() -> JdbcCiphertextGuard.of(dataSource, rightKey)
                .sampleDecrypt(ColumnRef.of(planted, "email"), (int) RefData.manifestTableRows(LEADS)))
                .isInstanceOf(io.cutkit.core.guard.MalformedEnvelopeException.class);
    }

    /** A copy of refdata's encrypted table whose 2nd, 5th and 9th non-NULL emails are legacy plaintext. */
    private static String plantedPlaintext() throws Exception {
        String table = "planted_" + Long.toHexString(System.nanoTime());
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " LIKE " + LEADS);
            s.execute("INSERT INTO " + table + " SELECT * FROM " + LEADS);
            s.execute("UPDATE " + table + " t JOIN (SELECT id, ROW_NUMBER() OVER (ORDER BY id) n FROM " + table
                    + " WHERE email IS NOT NULL) r ON r.id = t.id SET t.email = CONCAT('legacy', r.n, '@example.com')"
                    + " WHERE r.n IN (2, 5, 9)");
        }
        return table;
    }

    @Test
    void sampleDecryptWithTheWrongKeyFailsNamingRowKeyAndWhatToDo() throws Exception {
        long firstId = firstNonNullId("email");
        AtomicReference<WrongKeyException> thrown = new AtomicReference<>();
        String output = CapturedOutput.during(() -> {
            JdbcCiphertextGuard.of(dataSource, rightKey).sampleDecrypt(ColumnRef.of(LEADS, "email"), 3);
            try {
                JdbcCiphertextGuard.of(dataSource, wrongKey).sampleDecrypt(ColumnRef.of(LEADS, "email"), 1);
            } catch (WrongKeyException e) {
                thrown.set(e);
            }
        });
        WrongKeyException e = thrown.get();
        assertThat(e).as("wrong key must be refused").isNotNull();
        assertThat(String.valueOf(e.location().primaryKeyValue())).isEqualTo(String.valueOf(firstId));
        assertThat(e.getMessage())
                .contains(LEADS + ".email (id=" + firstId + ")")
                .contains(wrongKey.current().fingerprint())
                .contains("encrypted with another key")
                .contains("Pipe the source system's key")
                .contains("Abort");
        assertThat(output).contains("sample-decrypt of " + LEADS + ".email passed");
        assertNoSecrets(output + e.getMessage());
    }

    @Test
    void encryptedRefdataColumnsHoldNoPlaintextAndTheManifestsNullsAndEmptyStrings() {
        JdbcCiphertextGuard guard = JdbcCiphertextGuard.of(dataSource, rightKey);
        for (String column : RefData.encryptedColumns().toArray(String[]::new)) {
            ColumnScan scan = guard.assertNoPlaintext(ColumnRef.of(LEADS, column));
            assertThat(scan.rows()).isEqualTo(RefData.manifestTableRows(LEADS));
            assertThat(scan.nulls()).isEqualTo(RefData.manifestIds("nullIds", column).size());
            assertThat(scan.decryptedEmpty()).isEqualTo(RefData.manifestIds("emptyStringIds", column).size());
            assertThat(scan.decrypted()).isEqualTo(RefData.manifestTableRows(LEADS) - scan.nulls());
            assertThat(scan.plaintext().count()).isZero();
            assertThat(scan.doubleEncrypted().count()).isZero();
        }
    }

    @Test
    void theWrongKeyFailsAFullScanToo() {
        assertThatThrownBy(() -> JdbcCiphertextGuard.of(dataSource, wrongKey).assertNoPlaintext(ColumnRef.of(LEADS, "phone")))
                .isInstanceOf(WrongKeyException.class).hasMessageContaining(LEADS + ".phone (id=");
        ColumnScan scan = JdbcCiphertextGuard.of(dataSource, wrongKey).scan(ColumnRef.of(LEADS, "phone"));
        assertThat(scan.wrongKey().count()).isEqualTo(RefData.manifestTableRows(LEADS) - RefData.manifestIds("nullIds", "phone").size());
        assertThat(scan.decrypted()).isZero();
    }

    @Test
    void plaintextColumnsPassAndEncryptedOnesAreCaughtBeforeADedupMigrationHashesThem() {
        JdbcCiphertextGuard guard = JdbcCiphertextGuard.of(dataSource, rightKey);
        ColumnScan notes = guard.assertNoCiphertext(ColumnRef.of(LEADS, "notes"));
        assertThat(notes.envelopes().count()).isZero();
        assertThat(notes.plaintext().count()).isPositive();

        assertThatThrownBy(() -> guard.assertNoCiphertext(ColumnRef.of(LEADS, "email")))
                .isInstanceOfSatisfying(CiphertextFoundException.class, e -> {
                    assertThat(e.scan().envelopes().count()).isEqualTo(RefData.manifestTableRows(LEADS) - RefData.manifestIds("nullIds", "email").size());
                    assertThat(e.getMessage()).contains("where plaintext is expected").contains("first ids 1, 2, 3");
                });
    }

    @Test
    void reportsNullEmptyLegacyPlaintextAndDoubleEncryptionEachCorrectly() throws Exception {
        try (EncryptionKey key = EncryptionKey.generate(); KeyRing ring = KeyRing.of(key)) {
            EnvelopeCodec codec = EnvelopeCodec.of(ring);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE `select` (`order` BIGINT PRIMARY KEY, `from` TEXT)");
                String[] values = {
                    codec.encrypt("a@example.com"), null, codec.encrypt(""), "legacy@example.com",
                    codec.encrypt(codec.encrypt("twice@example.com")), "", codec.encrypt("b@example.com"),
                    "another legacy", codec.encrypt(codec.encrypt("twice again"))};
                try (var insert = c.prepareStatement("INSERT INTO `select` VALUES (?, ?)")) {
                    for (int i = 0; i < values.length; i++) {
                        insert.setLong(1, (i + 1) * 10L);
                        insert.setString(2, values[i]);
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
            JdbcCiphertextGuard guard = JdbcCiphertextGuard.of(dataSource, ring);
            ColumnRef column = ColumnRef.of("select", "from");
            ColumnScan scan = guard.scan(column);
            assertThat(scan.rows()).isEqualTo(9);
            assertThat(scan.nulls()).isEqualTo(1);
            assertThat(scan.emptyStored()).isEqualTo(1);
            assertThat(scan.decrypted()).isEqualTo(5);
            assertThat(scan.decryptedEmpty()).isEqualTo(1);
            assertThat(scan.plaintext().firstIds()).containsExactly("40", "80");
            assertThat(scan.doubleEncrypted().firstIds()).containsExactly("50", "90");
            assertThat(scan.envelopes().count()).isEqualTo(5);

            assertThatThrownBy(() -> guard.assertNoPlaintext(column))
                    .isInstanceOfSatisfying(CiphertextFoundException.class, e -> assertThat(e.getMessage())
                            .contains("2 double-encrypted").contains("first ids 50, 90")
                            .doesNotContain("twice"));
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DELETE FROM `select` WHERE `order` IN (50, 90)");
            }
            assertThatThrownBy(() -> guard.assertNoPlaintext(column))
                    .isInstanceOfSatisfying(PlaintextFoundException.class, e -> {
                        assertThat(e.getMessage()).contains("2 plaintext value(s)").contains("first ids 40, 80")
                                .doesNotContain("legacy@example.com");
                        assertThat(String.valueOf(e.location().primaryKeyValue())).isEqualTo("40");
                    });
        }
    }

    @Test
    void discoversThePrimaryKeyAndRefusesTablesWithoutOne() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE no_key (v TEXT)");
        }
        assertThatThrownBy(() -> JdbcCiphertextGuard.of(dataSource, rightKey).sampleDecrypt(ColumnRef.of("no_key", "v"), 1))
                .isInstanceOf(ColumnAccessException.class).hasMessageContaining("has no primary key");
        assertThatThrownBy(() -> JdbcCiphertextGuard.of(dataSource, rightKey).sampleDecrypt(ColumnRef.of(LEADS, "nope"), 1))
                .isInstanceOf(ColumnAccessException.class).hasMessageContaining(LEADS + ".nope");
    }

    private static long firstNonNullId(String column) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MIN(id) FROM `" + LEADS + "` WHERE `" + column + "` IS NOT NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void assertNoSecrets(String text) {
        for (String file : new String[] {"secrets.env", "wrong-key.env"}) {
            try (Secret key = RefData.encryptionKeyText(file)) {
                String base64 = new String(key.copyBytes(), StandardCharsets.US_ASCII);
                assertThat(text).doesNotContain(base64).doesNotContain(base64.substring(0, 16));
            }
        }
        for (RefData.Sample sample : RefData.samples()) {
            assertThat(text).doesNotContain(sample.email());
        }
    }
}
