package io.cutkit.crypto.jdbc;

import static io.cutkit.crypto.jdbc.SqlNames.quote;

import io.cutkit.core.guard.CiphertextFoundException;
import io.cutkit.core.guard.CiphertextGuard;
import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.guard.ColumnScan;
import io.cutkit.core.guard.MalformedEnvelopeException;
import io.cutkit.core.guard.Occurrences;
import io.cutkit.core.guard.PlaintextFoundException;
import io.cutkit.core.guard.SampleDecryptReport;
import io.cutkit.core.guard.ValueLocation;
import io.cutkit.core.guard.WrongKeyException;
import io.cutkit.crypto.Decryption;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.KeyRing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CiphertextGuard} over plain JDBC for MySQL and MariaDB. Reads in primary-key order, in
 * pages of {@link #PAGE_SIZE} rows, and never writes. Embeds as one line in a Java migration:
 *
 * <pre>{@code
 * JdbcCiphertextGuard.on(context.getConnection(), keyRing).sampleDecrypt(ColumnRef.of("leads", "email"), 1);
 * }</pre>
 *
 * Costs: {@code sampleDecrypt} one query of n rows; scans one query per page. Throws the
 * {@code io.cutkit.core.guard} exceptions for what it finds and {@link ColumnAccessException}
 * when a table or column cannot be read. Logs counts and fingerprints, never values.
 */
public final class JdbcCiphertextGuard implements CiphertextGuard {

    /** Rows per page of a full scan. */
    public static final int PAGE_SIZE = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCiphertextGuard.class);

    private final DataSource dataSource;
    private final Connection connection;
    private final EnvelopeCodec codec;
    private final int reportedIds;
    private final boolean failOnPlaintext;

    private JdbcCiphertextGuard(DataSource dataSource, Connection connection, EnvelopeCodec codec, int reportedIds,
            boolean failOnPlaintext) {
        this.dataSource = dataSource;
        this.connection = connection;
        this.codec = codec;
        this.reportedIds = reportedIds;
        this.failOnPlaintext = failOnPlaintext;
    }

    /** A guard that borrows a connection from {@code dataSource} for each check. */
    public static JdbcCiphertextGuard of(DataSource dataSource, KeyRing ring) {
        return new JdbcCiphertextGuard(Objects.requireNonNull(dataSource, "dataSource"), null, EnvelopeCodec.of(ring), 10, false);
    }

    /** A guard that uses {@code connection} (for example a migration's) and never closes it. */
    public static JdbcCiphertextGuard on(Connection connection, KeyRing ring) {
        return new JdbcCiphertextGuard(null, Objects.requireNonNull(connection, "connection"), EnvelopeCodec.of(ring), 10,
                false);
    }

    /** The same guard reporting up to {@code count} primary keys per finding (default 10). */
    public JdbcCiphertextGuard reportingFirstIds(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        return new JdbcCiphertextGuard(dataSource, connection, codec, count, failOnPlaintext);
    }

    /**
     * The same guard whose {@link #sampleDecrypt} throws {@link PlaintextFoundException} when it meets
     * legacy plaintext among the sampled values (by default it only reports it).
     */
    public JdbcCiphertextGuard failOnPlaintext(boolean fail) {
        return new JdbcCiphertextGuard(dataSource, connection, codec, reportedIds, fail);
    }

    @Override
    public SampleDecryptReport sampleDecrypt(ColumnRef column, int sampleSize) {
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sampleSize must be at least 1");
        }
        return withConnection(column, c -> {
            String pk = primaryKey(c, column);
            String select = "SELECT " + quote(pk) + ", " + quote(column.column()) + " FROM " + quote(column.table())
                    + " WHERE " + quote(column.column()) + " IS NOT NULL";
            String order = " ORDER BY " + quote(pk) + " LIMIT " + Math.min(PAGE_SIZE, sampleSize + 64);
            List<String> ids = new ArrayList<>();
            Map<String, Long> byKey = new LinkedHashMap<>();
            long plaintext = 0;
            List<String> plaintextIds = new ArrayList<>();
            ValueLocation firstPlaintext = null;
            Object after = null;
            boolean more = true;
            while (more && ids.size() < sampleSize) {
                more = false;
                try (PreparedStatement statement = c.prepareStatement(select
                        + (after == null ? "" : " AND " + quote(pk) + " > ?") + order)) {
                    if (after != null) {
                        statement.setObject(1, after);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        while (ids.size() < sampleSize && rows.next()) {
                            more = true;
                            Object id = rows.getObject(1);
                            after = id;
                            String value = rows.getString(2);
                            ValueLocation where = ValueLocation.of(column.table(), column.column(), pk, id);
                            if (!EnvelopeCodec.looksLikeEnvelope(value)) {
                                if (!value.isEmpty()) {
                                    plaintext++;
                                    firstPlaintext = firstPlaintext == null ? where : firstPlaintext;
                                    if (plaintextIds.size() < reportedIds) {
                                        plaintextIds.add(String.valueOf(id));
                                    }
                                }
                                continue;
                            }
                            Decryption d = codec.decrypt(value, where);
                            ids.add(String.valueOf(id));
                            byKey.merge(d.keyFingerprint(), 1L, Long::sum);
                        }
                    }
                }
            }
            Occurrences legacy = new Occurrences(plaintext, plaintextIds);
            if (plaintext > 0) {
                LOG.warn("sample-decrypt of {}: {} legacy plaintext value(s) among the sampled rows", column, legacy);
                if (failOnPlaintext) {
                    throw new PlaintextFoundException(column + " holds " + legacy + " plaintext value(s) among the first "
                            + ids.size() + " envelope(s): encrypt them before relying on this column being encrypted",
                            new ColumnScan(column, ids.size() + plaintext, 0, 0, new Occurrences(ids.size(), ids),
                                    ids.size(), 0, Occurrences.none(), Occurrences.none(), Occurrences.none(), legacy, byKey),
                            firstPlaintext, codec.ring().fingerprints());
                }
            }
            if (ids.isEmpty()) {
                LOG.warn("sample-decrypt of {}: no envelope-shaped values to check", column);
            } else {
                LOG.info("sample-decrypt of {} passed: {} value(s), keys {}", column, ids.size(), byKey);
            }
            return new SampleDecryptReport(column, ids.size(), ids, byKey, legacy);
        });
    }

    @Override
    public ColumnScan scan(ColumnRef column) {
        return withConnection(column, c -> scan(c, column).scan());
    }

    @Override
    public ColumnScan assertNoCiphertext(ColumnRef plaintextColumn) {
        return withConnection(plaintextColumn, c -> {
            ScanState state = scan(c, plaintextColumn);
            ColumnScan scan = state.scan();
            if (scan.envelopes().count() > 0) {
                throw new CiphertextFoundException(plaintextColumn + " holds " + scan.envelopes().count()
                        + " envelope-shaped value(s) where plaintext is expected (first ids "
                        + String.join(", ", scan.envelopes().firstIds()) + ")"
                        + (scan.doubleEncrypted().count() > 0 ? "; " + scan.doubleEncrypted().count()
                                + " of them decrypt to another envelope (double encryption)" : "")
                        + ". A migration that hashes, deduplicates or copies this column would process ciphertext. "
                        + "Abort; find what wrote ciphertext here (a stack with the wrong key shows envelopes as text) "
                        + "and restore the plaintext before continuing.",
                        scan, state.firstEnvelope, codec.ring().fingerprints());
            }
            LOG.info("no ciphertext in {}: {} rows, {} NULL", plaintextColumn, scan.rows(), scan.nulls());
            return scan;
        });
    }

    @Override
    public ColumnScan assertNoPlaintext(ColumnRef encryptedColumn) {
        return withConnection(encryptedColumn, c -> {
            ScanState state = scan(c, encryptedColumn);
            ColumnScan scan = state.scan();
            if (state.firstWrongKey != null) {
                throw new WrongKeyException(state.firstWrongKey, codec.ring().fingerprints());
            }
            if (state.firstMalformed != null) {
                throw state.firstMalformed;
            }
            if (scan.doubleEncrypted().count() > 0) {
                throw new CiphertextFoundException(encryptedColumn + " holds " + scan.doubleEncrypted().count()
                        + " double-encrypted value(s): they decrypt to another envelope (first ids "
                        + String.join(", ", scan.doubleEncrypted().firstIds()) + "). Something encrypted ciphertext "
                        + "again (for example a re-encryption run without a key check). Decrypt them once more and "
                        + "store the single-layer envelope before continuing.",
                        scan, state.firstDouble, codec.ring().fingerprints());
            }
            if (scan.plaintext().count() > 0) {
                throw new PlaintextFoundException(encryptedColumn + " holds " + scan.plaintext().count()
                        + " plaintext value(s) in an encrypted column (first ids "
                        + String.join(", ", scan.plaintext().firstIds()) + "), written before encryption or by a "
                        + "path that skipped it. Encrypt them with the current key (" + codec.ring().current().fingerprint()
                        + ") before anything reads this column as ciphertext.",
                        scan, state.firstPlaintext, codec.ring().fingerprints());
            }
            LOG.info("no plaintext in {}: {} rows, {} NULL, {} decrypted, keys {}",
                    encryptedColumn, scan.rows(), scan.nulls(), scan.decrypted(), scan.decryptedByKey());
            return scan;
        });
    }

    private ScanState scan(Connection c, ColumnRef column) throws SQLException {
        String pk = primaryKey(c, column);
        String select = "SELECT " + quote(pk) + ", " + quote(column.column()) + " FROM " + quote(column.table());
        String first = select + " ORDER BY " + quote(pk) + " LIMIT " + PAGE_SIZE;
        String next = select + " WHERE " + quote(pk) + " > ? ORDER BY " + quote(pk) + " LIMIT " + PAGE_SIZE;
        ScanState state = new ScanState(column, pk);
        Object last = null;
        while (true) {
            int read = 0;
            try (PreparedStatement statement = c.prepareStatement(last == null ? first : next)) {
                if (last != null) {
                    statement.setObject(1, last);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        last = rows.getObject(1);
                        state.classify(last, rows.getString(2));
                        read++;
                    }
                }
            }
            if (read < PAGE_SIZE) {
                return state;
            }
        }
    }

    /** Tallies of one scan; the first location of each finding is kept for exceptions. */
    private final class ScanState {
        private final ColumnRef column;
        private final String pk;
        private long rows;
        private long nulls;
        private long emptyStored;
        private long decrypted;
        private long decryptedEmpty;
        private final Tally envelopes = new Tally();
        private final Tally doubleEncrypted = new Tally();
        private final Tally wrongKey = new Tally();
        private final Tally malformed = new Tally();
        private final Tally plaintext = new Tally();
        private final Map<String, Long> byKey = new LinkedHashMap<>();
        private ValueLocation firstEnvelope;
        private ValueLocation firstDouble;
        private ValueLocation firstWrongKey;
        private ValueLocation firstPlaintext;
        private MalformedEnvelopeException firstMalformed;

        ScanState(ColumnRef column, String pk) {
            this.column = column;
            this.pk = pk;
        }

        void classify(Object id, String value) {
            rows++;
            if (value == null) {
                nulls++;
                return;
            }
            if (value.isEmpty()) {
                emptyStored++;
                return;
            }
            ValueLocation where = ValueLocation.of(column.table(), column.column(), pk, id);
            if (!EnvelopeCodec.looksLikeEnvelope(value)) {
                plaintext.add(id);
                firstPlaintext = firstPlaintext == null ? where : firstPlaintext;
                return;
            }
            envelopes.add(id);
            firstEnvelope = firstEnvelope == null ? where : firstEnvelope;
            try {
                Decryption d = codec.decrypt(value, where);
                decrypted++;
                byKey.merge(d.keyFingerprint(), 1L, Long::sum);
                if (d.plaintext().isEmpty()) {
                    decryptedEmpty++;
                } else if (EnvelopeCodec.looksLikeEnvelope(d.plaintext())) {
                    doubleEncrypted.add(id);
                    firstDouble = firstDouble == null ? where : firstDouble;
                }
            } catch (WrongKeyException e) {
                wrongKey.add(id);
                firstWrongKey = firstWrongKey == null ? where : firstWrongKey;
            } catch (MalformedEnvelopeException e) {
                malformed.add(id);
                firstMalformed = firstMalformed == null ? e : firstMalformed;
            }
        }

        ColumnScan scan() {
            return new ColumnScan(column, rows, nulls, emptyStored, envelopes.occurrences(), decrypted, decryptedEmpty,
                    doubleEncrypted.occurrences(), wrongKey.occurrences(), malformed.occurrences(),
                    plaintext.occurrences(), byKey);
        }

        private final class Tally {
            private long count;
            private final List<String> ids = new ArrayList<>();

            void add(Object id) {
                count++;
                if (ids.size() < reportedIds) {
                    ids.add(String.valueOf(id));
                }
            }

            Occurrences occurrences() {
                return new Occurrences(count, ids);
            }
        }
    }

    private static String primaryKey(Connection c, ColumnRef column) throws SQLException {
        return column.primaryKey().isPresent() ? column.primaryKey().get() : SqlNames.primaryKeyOf(c, column.table(), column.column());
    }

    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(ColumnRef column, ConnectionWork<T> work) {
        try {
            if (connection != null) {
                return work.run(connection);
            }
            try (Connection c = dataSource.getConnection()) {
                return work.run(c);
            }
        } catch (SQLException e) {
            throw new ColumnAccessException(column.table(), column.column(), "Cannot read " + column + ": "
                    + e.getMessage() + " (SQLState " + e.getSQLState() + "). Check the table and column names and "
                    + "that this account may SELECT them.", e);
        }
    }

    @Override
    public String toString() {
        return "JdbcCiphertextGuard[" + codec.ring() + "]";
    }
}
