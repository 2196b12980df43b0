package io.cutkit.crypto.jdbc;

import static io.cutkit.crypto.jdbc.SqlNames.quote;

import io.cutkit.core.guard.MalformedEnvelopeException;
import io.cutkit.core.guard.Occurrences;
import io.cutkit.core.guard.ValueLocation;
import io.cutkit.core.guard.WrongKeyException;
import io.cutkit.crypto.Decryption;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.EnvelopeVersion;
import io.cutkit.crypto.KeyRing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encrypts encrypted columns of one table from old keys to a new key, in primary-key chunks.
 *
 * <ul>
 *   <li>Each chunk is one transaction that replaces only the envelopes it read, so a concurrent
 *       application write is never overwritten: by default a row is updated only while it still
 *       holds them (compare-and-set on the old ciphertext; a changed row is re-read under a lock and
 *       handled again), or, with {@link ConcurrentWriteProtection#LOCK_CHUNK}, the chunk's rows are
 *       read locked.</li>
 *   <li>A checkpoint row, committed with each chunk, lets an interrupted run resume where it stopped;
 *       values already under the new key are left alone, so any run is idempotent.</li>
 *   <li>{@link Shard} splits the key range, fixed when the job first starts, among workers (Cloud
 *       Run Job tasks: {@link Shard#fromEnvironment()}); the first shard is open below and the last
 *       open above, so rows inserted later are still covered.</li>
 *   <li>{@link #dryRun()} counts, {@link #verify()} checks every value is under the new key alone.</li>
 * </ul>
 *
 * The primary key must be a single integer column. Applications should already encrypt with the
 * new key (old keys kept for reading) while a rotation runs. Costs per row: one decryption per key
 * tried and one encryption per value, plus a batched UPDATE. Throws {@link WrongKeyException} or
 * {@link MalformedEnvelopeException} at the first value it cannot decrypt (its chunk rolled back),
 * and {@link ColumnAccessException} on database errors; logs counts and fingerprints only.
 */
public final class ColumnReencryptor {

    /** Default name of the checkpoint table, created in the same database when missing. */
    public static final String DEFAULT_CHECKPOINT_TABLE = "cutkit_reencryption_checkpoint";

    private static final Logger LOG = LoggerFactory.getLogger(ColumnReencryptor.class);
    private static final int JOB_RANGE_ROW = -1;
    private static final int CONFLICT_ROUNDS = 5;

    private final DataSource dataSource;
    private final String table;
    private final String primaryKeyOrNull;
    private final List<String> columns;
    private final EncryptionKey newKey;
    private final EnvelopeCodec readCodec;
    private final EnvelopeCodec writeCodec;
    private final EnvelopeCodec verifyCodec;
    private final int chunkSize;
    private final Shard shard;
    private final String checkpointTable;
    private final String job;
    private final ReencryptionListener listener;
    private final ConcurrentWriteProtection protection;
    private final int reportedIds;
    private final Map<Integer, String> updateSqlByShape = new ConcurrentHashMap<>();

    private ColumnReencryptor(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.table;
        this.primaryKeyOrNull = b.primaryKey;
        this.columns = List.copyOf(b.columns);
        this.newKey = b.newKey;
        List<EncryptionKey> old = b.oldKeys.keys().stream().filter(k -> !k.equals(b.newKey)).toList();
        if (old.isEmpty()) {
            throw new IllegalArgumentException("the old keys and the new key are the same key (" + b.newKey.fingerprint()
                    + "); nothing would be rotated");
        }
        // Old keys first: during a rotation most values are still under them.
        List<EncryptionKey> rest = new ArrayList<>(old.subList(1, old.size()));
        rest.add(b.newKey);
        this.readCodec = EnvelopeCodec.of(KeyRing.of(old.get(0), rest.toArray(EncryptionKey[]::new)));
        this.writeCodec = EnvelopeCodec.of(KeyRing.of(b.newKey)).writing(b.writeVersion);
        this.verifyCodec = EnvelopeCodec.of(KeyRing.of(b.newKey));
        this.chunkSize = b.chunkSize;
        this.shard = b.shard;
        this.checkpointTable = b.checkpointTable;
        this.job = b.job != null ? b.job : table + "[" + String.join(",", columns) + "]->" + b.newKey.fingerprint();
        this.listener = b.listener;
        this.protection = b.protection;
        this.reportedIds = 10;
    }

    /** Starts configuring a re-encryption over {@code dataSource}'s database. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** The checkpoint key: given, or derived from table, columns and the new key's fingerprint. */
    public String job() {
        return job;
    }

    /**
     * Counts what a run would do in this shard, writing nothing (apart from creating the
     * checkpoint table and fixing the job's key range, which a run would do first anyway).
     */
    public ReencryptionPlan dryRun() {
        return withConnection(c -> {
            String pk = primaryKey(c);
            Bounds bounds = bounds(c, pk);
            long[] counts = new long[4]; // rows, toReencrypt, alreadyNew, nulls
            Tally blocking = new Tally(reportedIds);
            scanRange(c, pk, bounds.lower, bounds.upper, (id, values) -> {
                counts[0]++;
                for (int i = 0; i < columns.size(); i++) {
                    String value = values[i];
                    if (value == null) {
                        counts[3]++;
                        continue;
                    }
                    try {
                        Decryption d = readCodec.decrypt(value, location(pk, id, i));
                        counts[d.keyFingerprint().equals(newKey.fingerprint()) ? 2 : 1]++;
                    } catch (WrongKeyException | MalformedEnvelopeException e) {
                        blocking.add(id + ":" + columns.get(i));
                    }
                }
            });
            ReencryptionPlan plan = new ReencryptionPlan(job, shard, counts[0], counts[1], counts[2], counts[3], blocking.occurrences());
            LOG.info("dry run {}", plan);
            return plan;
        });
    }

    /**
     * Re-encrypts this shard's rows, resuming after the last committed chunk of the same job.
     * Before writing anything it strictly decrypts the first value of each column.
     */
    public ReencryptionProgress run() {
        long started = System.nanoTime();
        return withConnection(c -> {
            String pk = primaryKey(c);
            preflight(c, pk);
            Bounds bounds = bounds(c, pk);
            Checkpoint checkpoint = readCheckpoint(c);
            if (checkpoint.finished) {
                LOG.info("{} {} already finished (last key {}); nothing to do", job, shard, checkpoint.lastKey);
                return new ReencryptionProgress(job, shard, checkpoint.lastKey, 0, 0, 0, 0, 0, checkpoint.lastKey, true,
                        Duration.ofNanos(System.nanoTime() - started));
            }
            Long resumedAfter = checkpoint.lastKey;
            Long lower = resumedAfter != null ? resumedAfter : bounds.lower;
            Totals totals = new Totals();
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            long lastLog = System.nanoTime();
            try {
                while (true) {
                    List<Row> rows = readChunk(c, pk, lower, bounds.upper,
                            protection == ConcurrentWriteProtection.LOCK_CHUNK, null);
                    if (rows.isEmpty()) {
                        saveCheckpoint(c, lower, 0, true);
                        c.commit();
                        break;
                    }
                    long first = rows.get(0).id;
                    long last = rows.get(rows.size() - 1).id;
                    listener.chunkRead(first, last, rows.size());
                    writeChunk(c, pk, rows, totals);
                    saveCheckpoint(c, last, rows.size(), false);
                    c.commit();
                    totals.chunks++;
                    totals.rows += rows.size();
                    lower = last;
                    ReencryptionProgress progress = totals.progress(resumedAfter, last, false, started);
                    if (System.nanoTime() - lastLog > 10_000_000_000L) {
                        LOG.info("re-encryption {}", progress);
                        lastLog = System.nanoTime();
                    }
                    listener.chunkCommitted(progress);
                }
            } catch (RuntimeException | SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
            ReencryptionProgress done = totals.progress(resumedAfter, lower, true, started);
            LOG.info("re-encryption {}", done);
            return done;
        });
    }

    /** Checks that every non-NULL value of this shard decrypts under the new key alone, once. Writes nothing. */
    public VerificationReport verify() {
        return withConnection(c -> {
            String pk = primaryKey(c);
            Bounds bounds = bounds(c, pk);
            long[] counts = new long[2];
            Tally notNew = new Tally(reportedIds);
            Tally doubled = new Tally(reportedIds);
            scanRange(c, pk, bounds.lower, bounds.upper, (id, values) -> {
                counts[0]++;
                for (int i = 0; i < columns.size(); i++) {
                    if (values[i] == null) {
                        continue;
                    }
                    counts[1]++;
                    try {
                        String plain = verifyCodec.decrypt(values[i], location(pk, id, i)).plaintext();
                        if (EnvelopeCodec.looksLikeEnvelope(plain)) {
                            doubled.add(id + ":" + columns.get(i));
                        }
                    } catch (WrongKeyException | MalformedEnvelopeException e) {
                        notNew.add(id + ":" + columns.get(i));
                    }
                }
            });
            VerificationReport report = new VerificationReport(job, shard, counts[0], counts[1], notNew.occurrences(),
                    doubled.occurrences());
            LOG.info("verification {}", report);
            return report;
        });
    }

    // ---- chunks

    private record Row(long id, String[] stored) {
    }

    private List<Row> readChunk(Connection c, String pk, Long lower, Long upper, boolean lock, List<Long> ids)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(quote(pk));
        for (String column : columns) {
            sql.append(", ").append(quote(column));
        }
        sql.append(" FROM ").append(quote(table));
        List<Object> params = new ArrayList<>();
        if (ids != null) {
            sql.append(" WHERE ").append(quote(pk)).append(" IN (");
            for (int i = 0; i < ids.size(); i++) {
                sql.append(i == 0 ? "?" : ", ?");
            }
            sql.append(')');
            params.addAll(ids);
        } else {
            appendBounds(sql, params, pk, lower, upper);
            sql.append(" ORDER BY ").append(quote(pk)).append(" LIMIT ").append(chunkSize);
        }
        if (lock) {
            sql.append(" FOR UPDATE");
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String[] stored = new String[columns.size()];
                    for (int i = 0; i < stored.length; i++) {
                        stored[i] = rs.getString(i + 2);
                    }
                    rows.add(new Row(rs.getLong(1), stored));
                }
            }
        }
        return rows;
    }

    private void appendBounds(StringBuilder sql, List<Object> params, String pk, Long lower, Long upper) {
        List<String> conditions = new ArrayList<>();
        if (lower != null) {
            conditions.add(quote(pk) + " > ?");
            params.add(lower);
        }
        if (upper != null) {
            conditions.add(quote(pk) + " <= ?");
            params.add(upper);
        }
        if (!conditions.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", conditions));
        }
    }

    /** Re-encrypts and compare-and-sets the rows; rows a concurrent writer changed are re-read locked and retried. */
    private void writeChunk(Connection c, String pk, List<Row> rows, Totals totals) throws SQLException {
        List<Row> pending = rows;
        Set<Long> outcomeUnknown = new HashSet<>();
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == CONFLICT_ROUNDS) {
                throw new ColumnAccessException(table, String.join(",", columns), "Rows of " + quote(table)
                        + " kept changing under the re-encryption even while locked (ids " + pending.stream().limit(10)
                        .map(r -> String.valueOf(r.id)).toList() + "); nothing of this chunk was written. Run again.", null);
            }
            Map<Integer, List<Object[]>> byShape = new LinkedHashMap<>();
            Map<Integer, List<Row>> rowsByShape = new HashMap<>();
            for (Row row : pending) {
                int shape = 0;
                List<Object> params = new ArrayList<>();
                List<Object> compares = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    String stored = row.stored[i];
                    if (stored == null) {
                        continue;
                    }
                    Decryption d = readCodec.decrypt(stored, location(pk, row.id, i));
                    if (d.keyFingerprint().equals(newKey.fingerprint())) {
                        if (!outcomeUnknown.contains(row.id)) {
                            totals.alreadyCurrent++;
                        }
                        continue;
                    }
                    shape |= 1 << i;
                    params.add(writeCodec.encrypt(d.plaintext()));
                    compares.add(stored);
                }
                if (shape == 0) {
                    continue;
                }
                params.add(row.id);
                if (protection == ConcurrentWriteProtection.COMPARE_AND_SET) {
                    params.addAll(compares);
                }
                byShape.computeIfAbsent(shape, s -> new ArrayList<>()).add(params.toArray());
                rowsByShape.computeIfAbsent(shape, s -> new ArrayList<>()).add(row);
            }
            List<Long> conflicted = new ArrayList<>();
            for (Map.Entry<Integer, List<Object[]>> entry : byShape.entrySet()) {
                int shape = entry.getKey();
                List<Row> shapeRows = rowsByShape.get(shape);
                try (PreparedStatement update = c.prepareStatement(updateSql(pk, shape))) {
                    for (Object[] params : entry.getValue()) {
                        for (int p = 0; p < params.length; p++) {
                            update.setObject(p + 1, params[p]);
                        }
                        update.addBatch();
                    }
                    int[] counts = update.executeBatch();
                    for (int r = 0; r < counts.length; r++) {
                        if (counts[r] == 1) {
                            totals.reencrypted += Integer.bitCount(shape);
                        } else if (counts[r] == Statement.SUCCESS_NO_INFO) {
                            // the driver did not say; a locked re-read settles it (values already new are skipped)
                            conflicted.add(shapeRows.get(r).id);
                            if (outcomeUnknown.add(shapeRows.get(r).id)) {
                                totals.reencrypted += Integer.bitCount(shape);
                            }
                        } else {
                            conflicted.add(shapeRows.get(r).id);
                            totals.concurrentWrites++;
                        }
                    }
                }
            }
            pending = conflicted.isEmpty() ? List.of() : readChunk(c, pk, null, null, true, conflicted);
        }
    }

    private String updateSql(String pk, int shape) {
        return updateSqlByShape.computeIfAbsent(shape, s -> {
            List<String> sets = new ArrayList<>();
            List<String> compares = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if ((s & (1 << i)) != 0) {
                    sets.add(quote(columns.get(i)) + " = ?");
                    compares.add("CAST(" + quote(columns.get(i)) + " AS BINARY) = CAST(? AS BINARY)");
                }
            }
            String where = quote(pk) + " = ?";
            if (protection == ConcurrentWriteProtection.COMPARE_AND_SET) {
                where += " AND " + String.join(" AND ", compares);
            }
            return "UPDATE " + quote(table) + " SET " + String.join(", ", sets) + " WHERE " + where;
        });
    }

    private void preflight(Connection c, String pk) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            String column = quote(columns.get(i));
            String sql = "SELECT " + quote(pk) + ", " + column + " FROM " + quote(table) + " WHERE " + column
                    + " IS NOT NULL ORDER BY " + quote(pk) + " LIMIT 1";
            try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                if (rs.next()) {
                    readCodec.decrypt(rs.getString(2), location(pk, rs.getLong(1), i));
                }
            }
        }
    }

    private interface RowVisitor {
        void visit(long id, String[] values);
    }

    private void scanRange(Connection c, String pk, Long lower, Long upper, RowVisitor visitor) throws SQLException {
        Long from = lower;
        while (true) {
            List<Row> rows = readChunk(c, pk, from, upper, false, null);
            for (Row row : rows) {
                visitor.visit(row.id, row.stored);
            }
            if (rows.size() < chunkSize) {
                return;
            }
            from = rows.get(rows.size() - 1).id;
        }
    }

    private ValueLocation location(String pk, long id, int columnIndex) {
        return ValueLocation.of(table, columns.get(columnIndex), pk, id);
    }

    // ---- checkpoints and key range

    /** Exclusive lower and inclusive upper key bounds of this shard; null means open. */
    private record Bounds(Long lower, Long upper) {
    }

    private record Checkpoint(Long lastKey, boolean finished) {
    }

    private Bounds bounds(Connection c, String pk) throws SQLException {
        ensureCheckpointTable(c);
        Long min;
        Long max;
        try (Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT MIN(" + quote(pk) + "), MAX(" + quote(pk) + ") FROM " + quote(table))) {
            rs.next();
            min = rs.getObject(1) == null ? null : rs.getLong(1);
            max = rs.getObject(2) == null ? null : rs.getLong(2);
        }
        // The first worker to start fixes the job's range; every other worker (and every resume) reads it back.
        try (PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO " + quote(checkpointTable)
                + " (job, shard_index, shard_count, range_from, range_to, rows_done, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, 0, CURRENT_TIMESTAMP(3))")) {
            insert.setString(1, job);
            insert.setInt(2, JOB_RANGE_ROW);
            insert.setInt(3, shard.count());
            insert.setObject(4, min);
            insert.setObject(5, max);
            insert.executeUpdate();
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        try (PreparedStatement select = c.prepareStatement("SELECT shard_count, range_from, range_to FROM "
                + quote(checkpointTable) + " WHERE job = ? AND shard_index = ?")) {
            select.setString(1, job);
            select.setInt(2, JOB_RANGE_ROW);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                int count = rs.getInt(1);
                if (count != shard.count()) {
                    throw new IllegalStateException("Job '" + job + "' was started with " + count + " shards, this worker has "
                            + shard.count() + ". Resume with CLOUD_RUN_TASK_COUNT=" + count + ", or give a new job name.");
                }
                min = rs.getObject(2) == null ? null : rs.getLong(2);
                max = rs.getObject(3) == null ? null : rs.getLong(3);
            }
        }
        boolean first = shard.index() == 0;
        boolean last = shard.index() == shard.count() - 1;
        if (min == null) {
            // An empty table when the job started: the last shard takes every row added since.
            return last ? new Bounds(null, null) : new Bounds(0L, 0L);
        }
        Shard.KeyRange part = shard.part(min, max);
        Long lower = first ? null : part.first() - 1;
        Long upper = last ? null : part.last();
        return new Bounds(lower, upper);
    }

    private void ensureCheckpointTable(Connection c) throws SQLException {
        try (Statement statement = c.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + quote(checkpointTable) + " ("
                    + "job VARCHAR(191) NOT NULL, shard_index INT NOT NULL, shard_count INT NOT NULL, "
                    + "range_from BIGINT NULL, range_to BIGINT NULL, last_key BIGINT NULL, "
                    + "rows_done BIGINT NOT NULL DEFAULT 0, finished_at DATETIME(3) NULL, updated_at DATETIME(3) NOT NULL, "
                    + "PRIMARY KEY (job, shard_index)) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    private Checkpoint readCheckpoint(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT last_key, finished_at, shard_count FROM "
                + quote(checkpointTable) + " WHERE job = ? AND shard_index = ?")) {
            select.setString(1, job);
            select.setInt(2, shard.index());
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return new Checkpoint(null, false);
                }
                Long lastKey = rs.getObject(1) == null ? null : rs.getLong(1);
                return new Checkpoint(lastKey, rs.getObject(2) != null);
            }
        }
    }

    private void saveCheckpoint(Connection c, Long lastKey, int rows, boolean finished) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("INSERT INTO " + quote(checkpointTable)
                + " (job, shard_index, shard_count, last_key, rows_done, finished_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, " + (finished ? "CURRENT_TIMESTAMP(3)" : "NULL") + ", CURRENT_TIMESTAMP(3))"
                + " ON DUPLICATE KEY UPDATE last_key = VALUES(last_key), rows_done = rows_done + VALUES(rows_done),"
                + " finished_at = VALUES(finished_at), updated_at = VALUES(updated_at)")) {
            upsert.setString(1, job);
            upsert.setInt(2, shard.index());
            upsert.setInt(3, shard.count());
            upsert.setObject(4, lastKey);
            upsert.setLong(5, rows);
            upsert.executeUpdate();
        }
    }

    // ---- plumbing

    private String primaryKey(Connection c) throws SQLException {
        return primaryKeyOrNull != null ? primaryKeyOrNull : SqlNames.primaryKeyOf(c, table, columns.get(0));
    }

    private interface ConnectionWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T withConnection(ConnectionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new ColumnAccessException(table, String.join(",", columns), "Re-encryption of " + quote(table) + " "
                    + columns + " failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + "). The current chunk "
                    + "was rolled back; committed chunks are kept and the next run resumes after them.", e);
        }
    }

    private static final class Tally {
        private final int limit;
        private long count;
        private final List<String> ids = new ArrayList<>();

        Tally(int limit) {
            this.limit = limit;
        }

        void add(String id) {
            count++;
            if (ids.size() < limit) {
                ids.add(id);
            }
        }

        Occurrences occurrences() {
            return new Occurrences(count, ids);
        }
    }

    private final class Totals {
        long chunks;
        long rows;
        long reencrypted;
        long alreadyCurrent;
        long concurrentWrites;

        ReencryptionProgress progress(Long resumedAfter, Long lastKey, boolean finished, long started) {
            return new ReencryptionProgress(job, shard, resumedAfter, chunks, rows, reencrypted, alreadyCurrent,
                    concurrentWrites, lastKey, finished, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    @Override
    public String toString() {
        return "ColumnReencryptor[" + job + ", " + shard + ", chunks of " + chunkSize + ", " + protection + "]";
    }

    /** Configures a {@link ColumnReencryptor}; table, columns, old keys and new key are required. */
    public static final class Builder {
        private final DataSource dataSource;
        private String table;
        private String primaryKey;
        private List<String> columns = List.of();
        private KeyRing oldKeys;
        private EncryptionKey newKey;
        private EnvelopeVersion writeVersion = EnvelopeVersion.V1;
        private int chunkSize = 1000;
        private Shard shard = Shard.single();
        private String checkpointTable = DEFAULT_CHECKPOINT_TABLE;
        private String job;
        private ReencryptionListener listener = ReencryptionListener.none();
        private ConcurrentWriteProtection protection = ConcurrentWriteProtection.COMPARE_AND_SET;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        /** The table's single integer primary-key column; discovered from metadata when not given. */
        public Builder primaryKey(String primaryKey) {
            this.primaryKey = primaryKey;
            return this;
        }

        /** The encrypted columns to rotate (at most 30). */
        public Builder columns(String... columns) {
            this.columns = List.of(columns);
            return this;
        }

        /** The keys values are under now; any of them is accepted. */
        public Builder from(KeyRing oldKeys) {
            this.oldKeys = oldKeys;
            return this;
        }

        /** The key values end up under. */
        public Builder to(EncryptionKey newKey) {
            this.newKey = newKey;
            return this;
        }

        /** Envelope version to write (default v1, which Node applications read). */
        public Builder writing(EnvelopeVersion version) {
            this.writeVersion = Objects.requireNonNull(version);
            return this;
        }

        /** Rows per chunk and transaction (default 1000). */
        public Builder chunkSize(int rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("chunk size must be at least 1");
            }
            this.chunkSize = rows;
            return this;
        }

        /** This worker's share (default the whole table). */
        public Builder shard(Shard shard) {
            this.shard = Objects.requireNonNull(shard);
            return this;
        }

        /** Checkpoint table name (default {@value #DEFAULT_CHECKPOINT_TABLE}). */
        public Builder checkpointTable(String name) {
            this.checkpointTable = Objects.requireNonNull(name);
            return this;
        }

        /** Checkpoint key shared by the workers and runs of one rotation (default derived from table, columns, new key). */
        public Builder job(String name) {
            if (name.length() > 191) {
                throw new IllegalArgumentException("job names are at most 191 characters");
            }
            this.job = name;
            return this;
        }

        /** How concurrent application writes are protected (default compare-and-set, which never makes the application wait). */
        public Builder protection(ConcurrentWriteProtection protection) {
            this.protection = Objects.requireNonNull(protection);
            return this;
        }

        public Builder listener(ReencryptionListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public ColumnReencryptor build() {
            if (table == null || table.isBlank()) {
                throw new IllegalStateException("table is required");
            }
            if (columns.isEmpty() || columns.size() > 30) {
                throw new IllegalStateException("give between 1 and 30 columns to re-encrypt");
            }
            if (oldKeys == null || newKey == null) {
                throw new IllegalStateException("both from(old keys) and to(new key) are required");
            }
            if (job == null && (table + String.join(",", columns)).length() > 150) {
                throw new IllegalStateException("table and column names are too long for a derived job name; set job(name)");
            }
            return new ColumnReencryptor(this);
        }
    }
}
