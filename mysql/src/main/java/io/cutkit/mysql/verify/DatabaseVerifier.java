package io.cutkit.mysql.verify;

import io.cutkit.mysql.verify.TableComparison.Verdict;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Compares two databases table by table: row counts and content checksums computed the same way on
 * MySQL and MariaDB (not {@code CHECKSUM TABLE}, whose result depends on server, version and row
 * format), and for each differing table the first differing primary key.
 *
 * <p>How: every row is read once over a streaming result set, encoded canonically (see
 * {@link TableDigest}) and hashed with SHA-256; a table's checksum is the sum of its row hashes, so
 * row order, collations and storage do not matter. Source and target tables are read in parallel on
 * {@link Builder#parallelism(int)} connections per side, large tables in primary key ranges. Only when a table differs are both sides
 * read again in primary key order to find the first differing row. Sessions use UTC so
 * {@code TIMESTAMP} values compare by instant.
 *
 * <p>Limits: {@code JSON} columns compare by text, and MySQL normalises JSON text while MariaDB keeps
 * it as written, so JSON copied between the two may report differences; a source being written to
 * while it is read gives a per-table, not database-wide, view.
 *
 * <pre>{@code
 * VerificationReport report = DatabaseVerifier.builder().build()
 *         .compare(sourceDataSource, "Optileads", targetDataSource, "crm");
 * if (!report.matches()) throw new IllegalStateException(report.toText());
 * }</pre>
 */
public final class DatabaseVerifier {

    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "decimal", "numeric", "float", "double", "year", "bit");

    private static final Set<String> INTEGER = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    private final int parallelism;
    private final long chunkBytes;
    private final boolean keyWalk;

    private DatabaseVerifier(Builder builder) {
        this.parallelism = builder.parallelism;
        this.chunkBytes = builder.chunkBytes;
        this.keyWalk = builder.keyWalk;
    }

    /** Starts a configuration; defaults to two connections per side. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Compares every base table of {@code sourceDatabase} with {@code targetDatabase}.
     *
     * @throws VerificationException when either database is missing or a table cannot be read
     */
    public VerificationReport compare(DataSource source, String sourceDatabase, DataSource target, String targetDatabase) {
        long started = System.nanoTime();
        Map<String, TableShape> sourceTables = tables(source, sourceDatabase);
        Map<String, TableShape> targetTables = tables(target, targetDatabase);
        Set<String> names = new TreeSet<>(sourceTables.keySet());
        names.addAll(targetTables.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(parallelism * 2, runnable -> {
            Thread thread = new Thread(runnable, "cutkit-verify");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, List<Future<Partial>>> sourceDigests = new LinkedHashMap<>();
            Map<String, List<Future<Partial>>> targetDigests = new LinkedHashMap<>();
            Map<String, List<String>> commonColumns = new LinkedHashMap<>();
            for (String name : names) {
                TableShape from = sourceTables.get(name);
                TableShape to = targetTables.get(name);
                if (from == null || to == null) {
                    continue;
                }
                List<String> columns = from.commonColumns(to);
                commonColumns.put(name, columns);
                List<String> ranges = ranges(source, sourceDatabase, target, targetDatabase, from);
                List<Future<Partial>> sourceParts = new ArrayList<>();
                List<Future<Partial>> targetParts = new ArrayList<>();
                for (String range : ranges) {
                    sourceParts.add(pool.submit(() -> scan(source, sourceDatabase, name, columns, range)));
                    targetParts.add(pool.submit(() -> scan(target, targetDatabase, name, columns, range)));
                }
                sourceDigests.put(name, sourceParts);
                targetDigests.put(name, targetParts);
            }
            List<TableComparison> comparisons = new ArrayList<>();
            long sourceBytes = 0;
            long targetBytes = 0;
            for (String name : names) {
                TableShape from = sourceTables.get(name);
                TableShape to = targetTables.get(name);
                if (from == null || to == null) {
                    comparisons.add(new TableComparison(name, from == null ? Verdict.MISSING_IN_SOURCE : Verdict.MISSING_IN_TARGET,
                            -1, -1, "", "", Optional.empty(), ""));
                    continue;
                }
                TableDigest a = combine(name, sourceDigests.get(name));
                TableDigest b = combine(name, targetDigests.get(name));
                sourceBytes += a.bytes();
                targetBytes += b.bytes();
                String note = from.columnNote(to);
                Verdict verdict;
                if (a.rows() != b.rows()) {
                    verdict = Verdict.ROW_COUNT_DIFFERS;
                } else if (!a.checksum().equals(b.checksum())) {
                    verdict = Verdict.CONTENT_DIFFERS;
                } else if (!note.isEmpty()) {
                    verdict = Verdict.COLUMNS_DIFFER;
                } else {
                    verdict = Verdict.MATCH;
                }
                Optional<String> firstKey = keyWalk && (verdict == Verdict.ROW_COUNT_DIFFERS || verdict == Verdict.CONTENT_DIFFERS)
                        ? firstDifferingKey(source, sourceDatabase, target, targetDatabase, from, commonColumns.get(name))
                        : Optional.empty();
                comparisons.add(new TableComparison(name, verdict, a.rows(), b.rows(), a.checksum(), b.checksum(), firstKey, note));
            }
            return new VerificationReport(comparisons, sourceBytes, targetBytes, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Row count and checksum of one table.
     *
     * @throws VerificationException when the table cannot be read
     */
    public TableDigest digest(DataSource dataSource, String database, String table) {
        TableShape shape = tables(dataSource, database).get(table);
        if (shape == null) {
            throw new VerificationException("No base table `" + table + "` in `" + database + "`");
        }
        return digest(dataSource, database, table, shape.columns);
    }

    private static TableDigest digest(DataSource dataSource, String database, String table, List<String> columns) {
        return scan(dataSource, database, table, columns, "").toDigest(table);
    }

    /** Rows, hash sums and bytes of one table, or of the key range {@code where} (empty for all rows). */
    private static Partial scan(DataSource dataSource, String database, String table, List<String> columns, String where) {
        String sql = "SELECT " + columns.stream().map(DatabaseVerifier::quote).collect(Collectors.joining(", "))
                + " FROM " + quote(database) + "." + quote(table) + (where.isEmpty() ? "" : " WHERE " + where);
        try (Connection connection = dataSource.getConnection()) {
            utc(connection);
            try (Statement statement = streaming(connection); ResultSet rows = statement.executeQuery(sql)) {
                RowEncoder encoder = new RowEncoder(rows.getMetaData());
                long count = 0;
                long high = 0;
                long low = 0;
                while (rows.next()) {
                    byte[] hash = encoder.hashRow(rows);
                    high += longAt(hash, 0);
                    low += longAt(hash, 8);
                    count++;
                }
                return new Partial(count, high, low, encoder.bytes());
            }
        } catch (SQLException e) {
            throw new VerificationException("Could not read `" + database + "`.`" + table + "`: " + e.getMessage(), e);
        }
    }

    private static TableDigest combine(String table, List<Future<Partial>> parts) {
        Partial total = new Partial(0, 0, 0, 0);
        for (Future<Partial> part : parts) {
            Partial each = await(part);
            total = new Partial(total.rows + each.rows, total.high + each.high, total.low + each.low, total.bytes + each.bytes);
        }
        return total.toDigest(table);
    }

    /**
     * Key ranges to read a table in: one (the whole table) unless it is larger than the chunk size
     * and has a single integer primary key, in which case the span of keys
     * on both sides is cut into equal ranges so one large table is read by several connections.
     */
    private List<String> ranges(DataSource source, String sourceDatabase, DataSource target, String targetDatabase,
                                TableShape shape) {
        if (shape.primaryKey.size() != 1 || !INTEGER.contains(shape.types.get(shape.primaryKey.get(0).toLowerCase(Locale.ROOT)))
                || shape.dataLength <= chunkBytes) {
            return List.of("");
        }
        String key = quote(shape.primaryKey.get(0));
        BigInteger[] a = keySpan(source, sourceDatabase, shape.name, key);
        BigInteger[] b = keySpan(target, targetDatabase, shape.name, key);
        if (a == null && b == null) {
            return List.of("");
        }
        BigInteger low = a == null ? b[0] : b == null ? a[0] : a[0].min(b[0]);
        BigInteger high = a == null ? b[1] : b == null ? a[1] : a[1].max(b[1]);
        long wanted = Math.min(4L * parallelism, (shape.dataLength + chunkBytes - 1) / chunkBytes);
        BigInteger span = high.subtract(low).add(BigInteger.ONE);
        BigInteger step = span.add(BigInteger.valueOf(wanted - 1)).divide(BigInteger.valueOf(wanted)).max(BigInteger.ONE);
        List<String> ranges = new ArrayList<>();
        // open-ended ranges at both ends catch keys written after the span was read
        ranges.add(key + " < " + low);
        for (BigInteger from = low; from.compareTo(high) <= 0; from = from.add(step)) {
            ranges.add(key + " >= " + from + " AND " + key + " < " + from.add(step));
        }
        BigInteger end = low.add(step.multiply(BigInteger.valueOf(ranges.size() - 1)));
        ranges.add(key + " >= " + end);
        return ranges;
    }

    private static BigInteger[] keySpan(DataSource dataSource, String database, String table, String key) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MIN(" + key + "), MAX(" + key + ") FROM "
                     + quote(database) + "." + quote(table))) {
            rows.next();
            String min = rows.getString(1);
            return min == null ? null : new BigInteger[] {new BigInteger(min), new BigInteger(rows.getString(2))};
        } catch (SQLException e) {
            throw new VerificationException("Could not read the key span of `" + database + "`.`" + table + "`: "
                    + e.getMessage(), e);
        }
    }

    /** Additive part of a digest: row count, the two 64-bit halves of the hash sum, bytes encoded. */
    private record Partial(long rows, long high, long low, long bytes) {
        TableDigest toDigest(String table) {
            return new TableDigest(table, rows, String.format("%016x%016x", high, low), bytes);
        }
    }

    /** Walks both sides in primary key order and returns the first key whose row differs or is one-sided. */
    private static Optional<String> firstDifferingKey(DataSource source, String sourceDatabase, DataSource target,
                                                      String targetDatabase, TableShape shape, List<String> columns) {
        if (shape.primaryKey.isEmpty()) {
            return Optional.empty();
        }
        List<String> selected = new ArrayList<>(shape.primaryKey);
        selected.addAll(columns);
        String order = shape.primaryKey.stream()
                .map(key -> shape.numeric(key) ? quote(key) : "CAST(" + quote(key) + " AS BINARY)")
                .collect(Collectors.joining(", "));
        String select = "SELECT " + selected.stream().map(DatabaseVerifier::quote).collect(Collectors.joining(", "));
        String tail = "." + quote(shape.name) + " ORDER BY " + order;
        try (Connection a = source.getConnection(); Connection b = target.getConnection()) {
            utc(a);
            utc(b);
            try (Statement sa = streaming(a); Statement sb = streaming(b);
                 ResultSet left = sa.executeQuery(select + " FROM " + quote(sourceDatabase) + tail);
                 ResultSet right = sb.executeQuery(select + " FROM " + quote(targetDatabase) + tail)) {
                int keys = shape.primaryKey.size();
                KeyedRows l = new KeyedRows(left, keys, shape);
                KeyedRows r = new KeyedRows(right, keys, shape);
                boolean hasLeft = l.next();
                boolean hasRight = r.next();
                while (hasLeft || hasRight) {
                    int cmp = !hasLeft ? 1 : !hasRight ? -1 : l.compareKey(r);
                    if (cmp != 0) {
                        return Optional.of((cmp < 0 ? l : r).renderKey());
                    }
                    if (!Arrays.equals(l.hash, r.hash)) {
                        return Optional.of(l.renderKey());
                    }
                    hasLeft = l.next();
                    hasRight = r.next();
                }
                return Optional.empty();
            }
        } catch (SQLException e) {
            throw new VerificationException("Could not walk `" + shape.name + "` in key order: " + e.getMessage(), e);
        }
    }

    private static Map<String, TableShape> tables(DataSource dataSource, String database) {
        Map<String, TableShape> tables = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.DATA_TYPE FROM information_schema.COLUMNS c"
                            + " JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                            + " WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE' ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION")) {
                statement.setString(1, database);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        TableShape shape = tables.computeIfAbsent(rows.getString(1), TableShape::new);
                        shape.columns.add(rows.getString(2));
                        shape.types.put(rows.getString(2).toLowerCase(Locale.ROOT), rows.getString(3).toLowerCase(Locale.ROOT));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
                            + " AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
                statement.setString(1, database);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        TableShape shape = tables.get(rows.getString(1));
                        if (shape != null) {
                            shape.primaryKey.add(rows.getString(2));
                        }
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT TABLE_NAME, DATA_LENGTH FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
                statement.setString(1, database);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        TableShape shape = tables.get(rows.getString(1));
                        if (shape != null) {
                            shape.dataLength = rows.getLong(2);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new VerificationException("Could not list the tables of `" + database + "`: " + e.getMessage(), e);
        }
        if (tables.isEmpty() && !exists(dataSource, database)) {
            throw new VerificationException("Database `" + database + "` does not exist (names are case-sensitive)");
        }
        return tables;
    }

    private static boolean exists(DataSource dataSource, String database) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        } catch (SQLException e) {
            throw new VerificationException("Could not look up database `" + database + "`: " + e.getMessage(), e);
        }
    }

    private static void utc(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION time_zone = '+00:00'");
        }
    }

    /** A forward-only statement that MySQL Connector/J streams row by row instead of buffering. */
    private static Statement streaming(Connection connection) throws SQLException {
        Statement statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        statement.setFetchSize(Integer.MIN_VALUE);
        return statement;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException("Interrupted while verifying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof VerificationException verification) {
                throw verification;
            }
            throw new VerificationException("Verification failed: " + e.getCause(), e.getCause());
        }
    }

    private static long longAt(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** A table's columns in ordinal order, their data types and its primary key. */
    private static final class TableShape {
        final String name;
        final List<String> columns = new ArrayList<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final List<String> primaryKey = new ArrayList<>();
        long dataLength;

        TableShape(String name) {
            this.name = name;
        }

        boolean numeric(String column) {
            return NUMERIC.contains(types.getOrDefault(column.toLowerCase(Locale.ROOT), ""));
        }

        List<String> commonColumns(TableShape other) {
            return columns.stream().filter(column -> other.types.containsKey(column.toLowerCase(Locale.ROOT))).toList();
        }

        String columnNote(TableShape other) {
            List<String> onlySource = columns.stream().filter(c -> !other.types.containsKey(c.toLowerCase(Locale.ROOT))).toList();
            List<String> onlyTarget = other.columns.stream().filter(c -> !types.containsKey(c.toLowerCase(Locale.ROOT))).toList();
            List<String> parts = new ArrayList<>();
            if (!onlySource.isEmpty()) {
                parts.add("columns only in source: " + String.join(", ", onlySource));
            }
            if (!onlyTarget.isEmpty()) {
                parts.add("columns only in target: " + String.join(", ", onlyTarget));
            }
            return String.join("; ", parts);
        }
    }

    /** One side of the key-ordered walk: the current row's key values and row hash. */
    private static final class KeyedRows {
        private final ResultSet rows;
        private final int keys;
        private final TableShape shape;
        private final RowEncoder encoder;
        private final byte[][] key;
        private byte[] hash;

        KeyedRows(ResultSet rows, int keys, TableShape shape) throws SQLException {
            this.rows = rows;
            this.keys = keys;
            this.shape = shape;
            this.encoder = new RowEncoder(rows.getMetaData(), keys);
            this.key = new byte[keys][];
        }

        boolean next() throws SQLException {
            if (!rows.next()) {
                return false;
            }
            for (int i = 0; i < keys; i++) {
                key[i] = rows.getBytes(i + 1);
            }
            hash = encoder.hashRow(rows);
            return true;
        }

        int compareKey(KeyedRows other) {
            for (int i = 0; i < keys; i++) {
                String column = shape.primaryKey.get(i);
                int cmp = shape.numeric(column)
                        ? new BigDecimal(new String(key[i], StandardCharsets.US_ASCII))
                                .compareTo(new BigDecimal(new String(other.key[i], StandardCharsets.US_ASCII)))
                        : Arrays.compareUnsigned(key[i], other.key[i]);
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        }

        String renderKey() {
            if (keys == 1) {
                return new String(key[0], StandardCharsets.UTF_8);
            }
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                parts.add(shape.primaryKey.get(i) + "=" + new String(key[i], StandardCharsets.UTF_8));
            }
            return String.join(", ", parts);
        }
    }

    /** Immutable once built. */
    public static final class Builder {

        private int parallelism = 2;
        private long chunkBytes = 16L << 20;
        private boolean keyWalk = true;

        private Builder() {
        }

        /**
         * Whether a differing table is read again in key order for its first differing key (default
         * true); a caller that finds differing keys its own way turns it off.
         */
        public Builder firstDifferingKey(boolean walk) {
            this.keyWalk = walk;
            return this;
        }

        /** Connections per side reading tables at once (default 2); the target is read alongside the source. */
        public Builder parallelism(int parallelism) {
            if (parallelism < 1) {
                throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Tables larger than this (by the server's {@code DATA_LENGTH} estimate) with a single integer
         * primary key are read in up to {@code 4 x parallelism} key ranges on separate connections;
         * default 16 MiB.
         */
        public Builder chunkBytes(long chunkBytes) {
            if (chunkBytes < 1) {
                throw new IllegalArgumentException("chunkBytes must be positive, got " + chunkBytes);
            }
            this.chunkBytes = chunkBytes;
            return this;
        }

        public DatabaseVerifier build() {
            return new DatabaseVerifier(this);
        }
    }
}
