package io.cutkit.mysql.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Finds the primary keys of every row that differs in one table between a primary and a replica
 * held at one position, chunk first, then row. The table is cut into key ranges: of equal width
 * between the smallest and largest key when the key is one integer column (about 1,024 ranges),
 * else at every n-th key of a key-only scan of the primary (about 256). Each server computes each
 * range's checksum (row count and the XOR of each row's CRC32), for integer keys all in
 * one grouped scan; only ranges whose checksums differ are read again, key and row hash only, and
 * compared row by row. Both sides are read at once; only keys and hashes travel. Every differing key is counted; the first {@code limit}, in
 * key order, are listed. Both servers are of one family (they replicate), so they compute the row
 * text alike; sessions use UTC so {@code TIMESTAMP} values compare by instant. Against a replica that
 * keeps applying its stream, rows in flight show up too: compare twice and keep the keys found both times.
 */
public final class DifferingKeys {

    private static final Set<String> INTEGER = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");

    /** Ranges of a table with one integer key: about this many, numbered by one grouped scan ... */
    private static final long INTEGER_CHUNKS = 1_024;
    /** ... of at least about this many rows each. */
    private static final long MIN_INTEGER_CHUNK_ROWS = 256;
    /** Ranges of any other table: bounded by a key-only scan, one checksum query each: at most about this many ... */
    private static final long MAX_CHUNKS = 256;
    /** ... of at least this many rows each. */
    private static final long MIN_CHUNK_ROWS = 1_000;

    /**
     * The keys found.
     *
     * @param keys at most the limit, in key order, each as {@code column=value} pairs
     * @param count how many keys differ in all
     * @param keyed whether the table has a primary key (without one no key can be named)
     */
    public record Found(List<String> keys, long count, boolean keyed) {
    }

    private final Table table;
    private final int limit;

    private DifferingKeys(Table table, int limit) {
        this.table = table;
        this.limit = limit;
    }

    /**
     * Compares {@code database.table} on both sides, listing at most {@code limit} keys; {@code rows}
     * (about how many the table holds) sizes the key ranges. No keys when the table has no primary key.
     *
     * @throws SQLException when either side cannot be read
     */
    public static Found find(DataSource primary, DataSource replica, String database, String tableName, long rows, int limit)
            throws SQLException {
        Table table;
        try (Connection p = primary.getConnection(); Connection r = replica.getConnection()) {
            table = Table.read(p, r, database, tableName);
        }
        if (table.primaryKey.isEmpty()) {
            return new Found(List.of(), 0, false);
        }
        return new DifferingKeys(table, limit).compare(primary, replica, rows);
    }

    private Found compare(DataSource primary, DataSource replica, long rows) throws SQLException {
        List<String> keys = new ArrayList<>();
        long count = 0;
        ExecutorService replicaSide = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cutkit-differing-keys");
            thread.setDaemon(true);
            return thread;
        });
        try (Connection p = primary.getConnection(); Connection r = replica.getConnection()) {
            utc(p);
            utc(r);
            List<Range> ranges = new ArrayList<>();
            Map<Integer, String> primarySums;
            Map<Integer, String> replicaSums;
            Optional<long[]> span = table.singleIntegerKey() ? integerSpan(p, r) : Optional.empty();
            if (span.isPresent()) {
                long min = span.get()[0];
                long chunks = Math.max(1, Math.min(INTEGER_CHUNKS, rows / MIN_INTEGER_CHUNK_ROWS));
                long width = (span.get()[1] - min) / chunks + 1;
                for (long from = min; from <= span.get()[1]; from += width) {
                    ranges.add(new Range(List.of(from), List.of(from + width)));
                }
                Future<Map<Integer, String>> other = replicaSide.submit(() -> groupedChecksums(r, min, width));
                primarySums = groupedChecksums(p, min, width);
                replicaSums = await(other);
            } else {
                List<List<Object>> bounds = boundaries(p, Math.max(MIN_CHUNK_ROWS, (rows + MAX_CHUNKS - 1) / MAX_CHUNKS));
                for (int i = 0; i <= bounds.size(); i++) {
                    ranges.add(new Range(i == 0 ? null : bounds.get(i - 1), i == bounds.size() ? null : bounds.get(i)));
                }
                primarySums = new HashMap<>();
                replicaSums = new HashMap<>();
                for (int i = 0; i < ranges.size(); i++) {
                    Range range = ranges.get(i);
                    Future<String> other = replicaSide.submit(() -> checksum(r, range));
                    primarySums.put(i, checksum(p, range));
                    replicaSums.put(i, await(other));
                }
            }
            for (int i = 0; i < ranges.size(); i++) {
                if (Objects.equals(primarySums.get(i), replicaSums.get(i))) {
                    continue;
                }
                Range range = ranges.get(i);
                Future<Map<String, String>> other = replicaSide.submit(() -> rows(r, range));
                for (String key : differingRows(rows(p, range), await(other))) {
                    if (keys.size() < limit) {
                        keys.add(key);
                    }
                    count++;
                }
            }
        } finally {
            replicaSide.shutdownNow();
        }
        return new Found(keys, count, true);
    }

    /**
     * The smallest and largest key on either side of a table with one integer key; empty when
     * either does not fit a long with room for a range above it, or both sides are empty.
     */
    private Optional<long[]> integerSpan(Connection primary, Connection replica) throws SQLException {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Connection c : List.of(primary, replica)) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN(" + table.keyList() + "), MAX("
                    + table.keyList() + ") FROM " + table.qualified())) {
                rs.next();
                if (rs.getString(1) == null) {
                    continue;
                }
                if (!rs.getString(1).matches("-?\\d{1,18}") || !rs.getString(2).matches("-?\\d{1,17}")) {
                    return Optional.empty();
                }
                min = Math.min(min, rs.getLong(1));
                max = Math.max(max, rs.getLong(2));
            }
        }
        return min > max ? Optional.empty() : Optional.of(new long[] {min, max});
    }

    /** The checksum of every range {@code [min + i * width, min + (i + 1) * width)}, in one scan on the server. */
    private Map<Integer, String> groupedChecksums(Connection c, long min, long width) throws SQLException {
        Map<Integer, String> sums = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT (" + table.keyList() + " - ?) DIV ? AS chunk, COUNT(*), "
                + table.hashSum() + " FROM " + table.qualified() + " GROUP BY chunk")) {
            s.setLong(1, min);
            s.setLong(2, width);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sums.put(rs.getInt(1), rs.getLong(2) + "/" + rs.getString(3));
                }
            }
        }
        return sums;
    }

    private static <T> T await(Future<T> future) throws SQLException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("Interrupted while the replica was read", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("Reading the replica failed: " + e.getCause(), e.getCause());
        }
    }

    /** Every {@code chunkRows}-th key of the primary, from one key-only scan in key order: each starts a range. */
    private List<List<Object>> boundaries(Connection primary, long chunkRows) throws SQLException {
        List<List<Object>> bounds = new ArrayList<>();
        try (Statement s = primary.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery("SELECT " + table.keyList() + " FROM " + table.qualified() + " ORDER BY "
                    + table.keyList())) {
                for (long row = 1; rs.next(); row++) {
                    if (row % chunkRows == 0) {
                        List<Object> bound = new ArrayList<>();
                        for (int k = 0; k < table.primaryKey.size(); k++) {
                            bound.add(table.binaryKey(k) ? rs.getBytes(k + 1) : rs.getString(k + 1));
                        }
                        bounds.add(bound);
                    }
                }
            }
        }
        return bounds;
    }

    private String checksum(Connection c, Range range) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), " + table.hashSum() + " FROM " + table.qualified()
                + range.where(table))) {
            range.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "/" + rs.getString(2);
            }
        }
    }

    /** Rendered key to row hash, in key order. */
    private Map<String, String> rows(Connection c, Range range) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + table.keyList() + ", MD5(" + table.rowText() + ") FROM "
                + table.qualified() + range.where(table) + " ORDER BY " + table.keyList())) {
            range.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.put(table.renderKey(rs), rs.getString(table.primaryKey.size() + 1));
                }
            }
        }
        return rows;
    }

    /**
     * Keys whose rows differ or exist on one side only, merged in key order: keys present on both
     * sides appear in the same order in both, so a key missing from the other side goes first.
     */
    static List<String> differingRows(Map<String, String> primary, Map<String, String> replica) {
        List<String> differing = new ArrayList<>();
        List<String> left = new ArrayList<>(primary.keySet());
        List<String> right = new ArrayList<>(replica.keySet());
        int l = 0;
        int r = 0;
        while (l < left.size() || r < right.size()) {
            if (l < left.size() && !replica.containsKey(left.get(l))) {
                differing.add(left.get(l++));
            } else if (r < right.size() && !primary.containsKey(right.get(r))) {
                differing.add(right.get(r++));
            } else {
                String key = l < left.size() ? left.get(l) : right.get(r);
                if (!Objects.equals(primary.get(key), replica.get(key))) {
                    differing.add(key);
                }
                l++;
                r++;
            }
        }
        return differing;
    }

    private static void utc(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** A key range: from {@code low} on (none: from the start) up to before {@code high} (none: to the end). */
    private record Range(List<Object> low, List<Object> high) {

        String where(Table table) {
            List<String> parts = new ArrayList<>();
            if (low != null) {
                parts.add(table.beyond(">", ">="));
            }
            if (high != null) {
                parts.add(table.beyond("<", "<"));
            }
            return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
        }

        /** Binds the bounds in the order {@link Table#beyond} uses them. */
        void bind(PreparedStatement s) throws SQLException {
            int index = 1;
            for (List<Object> bound : Arrays.asList(low, high)) {
                if (bound == null) {
                    continue;
                }
                for (int term = 0; term < bound.size(); term++) {
                    for (int k = 0; k <= term; k++) {
                        s.setObject(index++, bound.get(k));
                    }
                }
            }
        }
    }

    /** The compared columns (those on both sides, in the primary's order), their types and the primary key. */
    private static final class Table {
        final String database;
        final String name;
        final List<String> columns = new ArrayList<>();
        final Map<String, String> types = new LinkedHashMap<>();
        final List<String> primaryKey = new ArrayList<>();

        private Table(String database, String name) {
            this.database = database;
            this.name = name;
        }

        static Table read(Connection primary, Connection replica, String database, String name) throws SQLException {
            Table table = new Table(database, name);
            Map<String, String> replicaColumns = columns(replica, database, name);
            columns(primary, database, name).forEach((column, type) -> {
                if (replicaColumns.containsKey(column)) {
                    table.columns.add(column);
                    table.types.put(column, type);
                }
            });
            try (PreparedStatement s = primary.prepareStatement("SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
                s.setString(1, database);
                s.setString(2, name);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        table.primaryKey.add(rs.getString(1));
                    }
                }
            }
            return table;
        }

        private static Map<String, String> columns(Connection c, String database, String name) throws SQLException {
            Map<String, String> columns = new LinkedHashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
                s.setString(1, database);
                s.setString(2, name);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        columns.put(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT));
                    }
                }
            }
            return columns;
        }

        String qualified() {
            return quote(database) + "." + quote(name);
        }

        String keyList() {
            return primaryKey.stream().map(DifferingKeys::quote).collect(Collectors.joining(", "));
        }

        boolean binaryKey(int k) {
            return BINARY.contains(types.getOrDefault(primaryKey.get(k), ""));
        }

        /** Whether the key is one integer column, whose ranges of equal width one grouped scan can number. */
        boolean singleIntegerKey() {
            return primaryKey.size() == 1 && INTEGER.contains(types.getOrDefault(primaryKey.get(0), ""));
        }

        /**
         * XOR of each row's CRC32: a range's content, whatever the order its rows are read in, at a
         * fraction of MD5's cost; a changed row escapes it with probability 2^-32 (its key is then not
         * listed; the table is reported as differing all the same, from its SHA-256 checksum).
         */
        String hashSum() {
            return "BIT_XOR(CRC32(" + rowText() + "))";
        }

        /** Every column's text and which are NULL, so that NULL and the empty string differ. */
        String rowText() {
            String values = columns.stream().map(DifferingKeys::quote).collect(Collectors.joining(", "));
            String nulls = columns.stream().map(c -> "ISNULL(" + quote(c) + ")").collect(Collectors.joining(", "));
            return "CONCAT_WS('#', " + values + ", CONCAT(" + nulls + "))";
        }

        /**
         * The key compared with a bound, spelled out so that the server uses the primary key's range:
         * {@code k1 op v1 OR (k1 = v1 AND k2 op v2) ...}, {@code last} as the last column's operator.
         */
        String beyond(String op, String last) {
            List<String> terms = new ArrayList<>();
            for (int term = 0; term < primaryKey.size(); term++) {
                List<String> parts = new ArrayList<>();
                for (int k = 0; k < term; k++) {
                    parts.add(quote(primaryKey.get(k)) + " = ?");
                }
                parts.add(quote(primaryKey.get(term)) + " " + (term == primaryKey.size() - 1 ? last : op) + " ?");
                terms.add("(" + String.join(" AND ", parts) + ")");
            }
            return "(" + String.join(" OR ", terms) + ")";
        }

        String renderKey(ResultSet rs) throws SQLException {
            List<String> parts = new ArrayList<>();
            for (int k = 0; k < primaryKey.size(); k++) {
                String value = binaryKey(k) ? "0x" + HexFormat.of().formatHex(rs.getBytes(k + 1)) : rs.getString(k + 1);
                parts.add(primaryKey.size() == 1 ? value : primaryKey.get(k) + "=" + value);
            }
            return String.join(", ", parts);
        }
    }
}
