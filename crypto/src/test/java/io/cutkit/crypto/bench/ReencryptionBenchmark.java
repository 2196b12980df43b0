package io.cutkit.crypto.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.KeyRing;
import io.cutkit.crypto.jdbc.ColumnReencryptor;
import io.cutkit.crypto.jdbc.ConcurrentWriteProtection;
import io.cutkit.crypto.jdbc.ReencryptionProgress;
import io.cutkit.crypto.jdbc.VerificationReport;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Rows per second re-encrypting leads x 3 columns against the database-bound floor: the same
 * chunked read and batched {@code UPDATE ... SET name=?, email=?, phone=? WHERE id=?} of
 * same-length new values in one transaction per chunk, without decryption, encryption or
 * compare-and-set. Measures both concurrent-write protections, and reports the floor with
 * compare-and-set and a single-statement {@code UPDATE} for reference. Run (outside
 * {@code mvn verify}; default 300000 rows, {@code -Dbench.args=N} to change):
 * {@code mvn -B -ntp -P bench -pl crypto -am verify -DskipTests -Dbench=Reencryption}.
 */
public final class ReencryptionBenchmark {

    private static final int CHUNK = 1000;

    private ReencryptionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        DatabaseServer server = DatabaseServers.shared();
        String database = server.createDatabase("bench");
        HikariConfig config = new HikariConfig();
        String url = server.jdbcUrl(database);
        config.setJdbcUrl(url + (url.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true");
        config.setUsername(server.user());
        config.setPassword(server.password());
        config.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(config);
             EncryptionKey oldKey = EncryptionKey.generate();
             EncryptionKey newKey = EncryptionKey.generate()) {
            System.out.printf("server %s, %d rows x 3 columns, chunks of %d%n", server.version(), rows, CHUNK);
            long t0 = System.nanoTime();
            fill(dataSource, rows, EnvelopeCodec.of(oldKey));
            System.out.printf("filled in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            // Each measurement runs twice, interleaved, on its own copy of the data: on a shared machine
            // load comes and goes, and the best of two is the fairer figure for every contender.
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                for (String copy : new String[] {"floor_1", "floor_2", "cas_1", "cas_2", "rotate_2", "locked_1", "locked_2", "single"}) {
                    s.execute("CREATE TABLE " + copy + " LIKE leads");
                    s.execute("INSERT INTO " + copy + " SELECT * FROM leads");
                }
                s.execute("RENAME TABLE leads TO rotate_1");
            }
            double[] floor = new double[2];
            double[] cas = new double[2];
            double[] rotate = new double[2];
            double[] locked = new double[2];
            long reencrypted = 0;
            VerificationReport verified = null;
            double verifySeconds = 0;
            try (KeyRing oldRing = KeyRing.of(oldKey)) {
                for (int round = 0; round < 2; round++) {
                    long start = System.nanoTime();
                    chunkedPlainUpdate(dataSource, "floor_" + (round + 1), false);
                    floor[round] = rows / ((System.nanoTime() - start) / 1e9);

                    ColumnReencryptor rotation = ColumnReencryptor.builder(dataSource).table("rotate_" + (round + 1))
                            .columns("name", "email", "phone").from(oldRing).to(newKey).chunkSize(CHUNK).build();
                    start = System.nanoTime();
                    ReencryptionProgress done = rotation.run();
                    rotate[round] = rows / ((System.nanoTime() - start) / 1e9);
                    reencrypted = done.valuesReencrypted();

                    ColumnReencryptor lockingRotation = ColumnReencryptor.builder(dataSource).table("locked_" + (round + 1))
                            .columns("name", "email", "phone").from(oldRing).to(newKey).chunkSize(CHUNK)
                            .protection(ConcurrentWriteProtection.LOCK_CHUNK).build();
                    start = System.nanoTime();
                    lockingRotation.run();
                    locked[round] = rows / ((System.nanoTime() - start) / 1e9);

                    start = System.nanoTime();
                    chunkedPlainUpdate(dataSource, "cas_" + (round + 1), true);
                    cas[round] = rows / ((System.nanoTime() - start) / 1e9);

                    start = System.nanoTime();
                    verified = rotation.verify();
                    verifySeconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("round %d: floor %.0f, compare-and-set floor %.0f, ColumnReencryptor %.0f (ratio %.2f),"
                            + " with LOCK_CHUNK %.0f rows/s (ratio %.2f)%n", round + 1, floor[round], cas[round], rotate[round],
                            rotate[round] / floor[round], locked[round], locked[round] / floor[round]);
                }
            }
            long start = System.nanoTime();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE single SET name = REVERSE(name), email = REVERSE(email), phone = REVERSE(phone)");
            }
            double single = rows / ((System.nanoTime() - start) / 1e9);

            double bestFloor = Math.max(floor[0], floor[1]);
            double bestRotate = Math.max(rotate[0], rotate[1]);
            System.out.printf("floor: chunked plain UPDATE        %8.0f rows/s (best of 2)%n", bestFloor);
            System.out.printf("reference: floor + compare-and-set %8.0f rows/s (best of 2)%n", Math.max(cas[0], cas[1]));
            System.out.printf("reference: one UPDATE statement    %8.0f rows/s%n", single);
            System.out.printf("ColumnReencryptor                  %8.0f rows/s (best of 2), %d values re-encrypted per run%n",
                    bestRotate, reencrypted);
            double bestLocked = Math.max(locked[0], locked[1]);
            System.out.printf("ColumnReencryptor, LOCK_CHUNK      %8.0f rows/s (best of 2)%n", bestLocked);
            System.out.printf("ratio to the floor: %.2f compare-and-set (default), %.2f LOCK_CHUNK (target >= 0.5)%n",
                    bestRotate / bestFloor, bestLocked / bestFloor);
            System.out.printf("verification pass %.1f s: %s%n", verifySeconds, verified.complete() ? "complete" : verified);
        } finally {
            server.dropDatabase(database);
        }
        System.exit(0);
    }

    private static void fill(HikariDataSource dataSource, int rows, EnvelopeCodec codec) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE leads (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name TEXT, email TEXT, phone TEXT, "
                    + "status VARCHAR(32) NOT NULL DEFAULT 'new', notes MEDIUMTEXT) CHARACTER SET utf8mb4");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO leads (id, name, email, phone, notes) VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= rows; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, codec.encrypt("Lead Name " + id));
                    insert.setString(3, id % 50 == 0 ? null : codec.encrypt("lead.person" + id + "@example.com"));
                    insert.setString(4, codec.encrypt("+1 555 " + String.format("%07d", id)));
                    insert.setString(5, "notes for lead " + id);
                    insert.addBatch();
                    if (id % 2000 == 0) {
                        insert.executeBatch();
                        c.commit();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    /**
     * The floor: what any chunked rewrite of these columns costs the database; with
     * {@code compareAndSet}, the same plus the old-value comparison the re-encryptor adds.
     */
    private static void chunkedPlainUpdate(HikariDataSource dataSource, String table, boolean compareAndSet) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            long last = 0;
            while (true) {
                int read = 0;
                try (PreparedStatement select = c.prepareStatement("SELECT id, name, email, phone FROM " + table
                        + " WHERE id > ? ORDER BY id LIMIT " + CHUNK);
                     PreparedStatement update = c.prepareStatement("UPDATE " + table
                             + " SET name = ?, email = ?, phone = ? WHERE id = ?" + (compareAndSet
                             ? " AND CAST(name AS BINARY) <=> CAST(? AS BINARY) AND CAST(email AS BINARY) <=> CAST(? AS BINARY)"
                               + " AND CAST(phone AS BINARY) <=> CAST(? AS BINARY)" : ""))) {
                    select.setLong(1, last);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            last = rs.getLong(1);
                            for (int col = 0; col < 3; col++) {
                                String value = rs.getString(col + 2);
                                update.setString(col + 1, value == null ? null : new StringBuilder(value).reverse().toString());
                                if (compareAndSet) {
                                    update.setString(col + 5, value);
                                }
                            }
                            update.setLong(4, last);
                            update.addBatch();
                            read++;
                        }
                    }
                    update.executeBatch();
                }
                c.commit();
                if (read < CHUNK) {
                    return;
                }
            }
        }
    }
}
