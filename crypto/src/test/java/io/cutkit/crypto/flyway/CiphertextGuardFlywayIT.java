package io.cutkit.crypto.flyway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.guard.WrongKeyException;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.KeyRing;
import io.cutkit.crypto.RefData;
import io.cutkit.crypto.jdbc.JdbcCiphertextGuard;
import io.cutkit.mysql.testing.DatabaseExtension;
import io.cutkit.mysql.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The guard in Flyway: as a callback, and as one line in a Java migration. */
@ExtendWith(DatabaseExtension.class)
class CiphertextGuardFlywayIT {

    private TestDatabase db;

    @BeforeEach
    void leadsEncryptedWithTheRealKey(TestDatabase db) throws Exception {
        this.db = db;
        try (EncryptionKey key = RefData.key(); Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE leads (id INT PRIMARY KEY, email TEXT)");
            EnvelopeCodec codec = EnvelopeCodec.of(key);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO leads VALUES (?, ?)")) {
                for (int id = 1; id <= 20; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, id == 1 ? null : codec.encrypt("lead" + id + "@example.com"));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
    }

    @Test
    void callbackStopsMigrateBeforeAnyMigrationWhenTheKeyIsWrong() throws Exception {
        try (KeyRing wrong = KeyRing.of(RefData.wrongKey())) {
            Flyway flyway = flyway(wrong, new V1__Create_dedup_table());
            assertThatThrownBy(flyway::migrate)
                    .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(WrongKeyException.class)
                            .hasMessageContaining("leads.email (id=2)")
                            .hasMessageContaining(wrong.current().fingerprint()));
            assertThat(tableExists("lead_dedup")).isFalse();
        }
    }

    @Test
    void callbackLetsMigrateRunWithTheRightKey() throws Exception {
        try (KeyRing right = KeyRing.of(RefData.key())) {
            assertThat(flyway(right, new V1__Create_dedup_table()).migrate().migrationsExecuted).isEqualTo(1);
            assertThat(tableExists("lead_dedup")).isTrue();
        }
    }

    @Test
    void oneLineInAJavaMigrationRefusesTheWrongKeyBeforeTheMigrationChangesAnything() throws Exception {
        try (KeyRing wrong = KeyRing.of(RefData.wrongKey())) {
            Flyway flyway = Flyway.configure().dataSource(db.dataSource()).baselineOnMigrate(true).baselineVersion("0")
                    .javaMigrations(new V1__Guarded_dedup(wrong)).load();
            assertThatThrownBy(flyway::migrate)
                    .satisfies(e -> assertThat(rootCause(e)).isInstanceOf(WrongKeyException.class));
            assertThat(tableExists("lead_dedup")).isFalse();
        }
        try (KeyRing right = KeyRing.of(RefData.key())) {
            // MySQL cannot roll DDL back, so Flyway records the failed attempt: repair, then migrate with the real key
            Flyway fixed = Flyway.configure().dataSource(db.dataSource()).baselineOnMigrate(true).baselineVersion("0")
                    .javaMigrations(new V1__Guarded_dedup(right)).load();
            fixed.repair();
            assertThat(fixed.migrate().migrationsExecuted).isEqualTo(1);
            assertThat(tableExists("lead_dedup")).isTrue();
        }
    }

    private Flyway flyway(KeyRing ring, BaseJavaMigration migration) {
        return Flyway.configure().dataSource(db.dataSource()).baselineOnMigrate(true).baselineVersion("0")
                .javaMigrations(migration)
                .callbacks(CiphertextGuardCallback.builder(ring).sampleDecrypt(ColumnRef.of("leads", "email"), 1).build())
                .load();
    }

    private boolean tableExists(String table) throws Exception {
        try (Connection c = db.connect(); ResultSet rs = c.getMetaData().getTables(c.getCatalog(), null, table, null)) {
            return rs.next();
        }
    }

    /** The WrongKeyException in {@code e}'s cause chain (Flyway wraps what callbacks and migrations throw), else {@code e}. */
    private static Throwable rootCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof WrongKeyException) {
                return t;
            }
        }
        return e;
    }

    /** A dedup migration of the kind that must never hash ciphertext. */
    static class V1__Create_dedup_table extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("CREATE TABLE lead_dedup (id INT PRIMARY KEY, email_hash CHAR(64))");
            }
        }
    }

    /** The same migration with the one guard line the field report credits with saving the cutover. */
    static class V1__Guarded_dedup extends BaseJavaMigration {
        private final KeyRing ring;

        V1__Guarded_dedup(KeyRing ring) {
            this.ring = ring;
        }

        @Override
        public void migrate(Context context) throws Exception {
            JdbcCiphertextGuard.on(context.getConnection(), ring).sampleDecrypt(ColumnRef.of("leads", "email"), 1);
            try (Statement s = context.getConnection().createStatement()) {
                s.execute("CREATE TABLE lead_dedup (id INT PRIMARY KEY, email_hash CHAR(64))");
            }
        }
    }
}
