package io.cutkit.mysql.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Finds the primary keys of every row that differs in one table between a primary and a replica
 * held at one position, chunk first, then row: the primary's keys cut the table into ranges of
 * {@code chunkRows} rows; each server computes a checksum of each range (row count and the XOR of
 * 64 bits of each row's MD5); only the ranges whose checksums differ are read again, key and row
 * hash only, and compared row by row. Every differing key is counted; the first {@code limit}, in
 * key order, are listed. Both servers are of one family (they replicate), so they compute the row
 * text alike; sessions use UTC so {@code TIMESTAMP} values compare by instant.
 */
final class DifferingKeys {

    private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob");

    /** The keys found: at most the limit, in key order, and how many differ in all. */
    record Found(List<String> keys, long count) {
    }

    private final Table table;
    private final int limit;

    private DifferingKeys(Table table, int limit) {
        this.table = table;
        this.limit = limit;
    }

    /** Compares {@code database.table} on both sides; no keys when the table has no primary key. */
    static Found find(DataSource primary, DataSource replica, String database, String tableName, long chunkRows,
                      int limit) throws SQLException {
        Table table;
        try (Connection p = primary.getConnection(); Connection r = replica.getConnection()) {
            table = Table.read(p, r, database, tableName);
        }
        if (table.primaryKey.isEmpty()) {
            return new Found(List.of(), 0);
        }
        return new DifferingKeys(table, limit).compare(primary, replica, chunkRows);
    }

    private Found compare(DataSource primary, DataSource replica, long chunkRows) throws SQLException {
        List<String> keys = new ArrayList<>();
        long count = 0;
        try (Connection p = primary.getConnection(); Connection r = replica.getConnection()) {
            utc(p);
            utc(r);
            List<List<Object>> bounds = boundaries(p, chunkRows);
            for (int i = 0; i <= bounds.size(); i++) {
                Range range = new Range(i == 0 ? null : bounds.get(i - 1), i == bounds.size() ? null : bounds.get(i));
                if (checksum(p, range).equals(checksum(r, range))) {
                    continue;
                }
                for (String key : differingRows(rows(p, range), rows(r, range))) {
                    if (keys.size() < limit) {
                        keys.add(key);
                    }
                    count++;
                }
            }
        }
        return new Found(keys, count);
    }

    /** Every {@code chunkRows}-th key of the primary, from one key-only scan in key order. */
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
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*), BIT_XOR(CAST(CONV(LEFT(MD5(" + table.rowText()
                + "), 16), 16, 10) AS UNSIGNED)) FROM " + table.qualified() + range.where(table))) {
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

    /** A key range: after {@code low} (none: from the start) up to and including {@code high} (none: to the end). */
    private record Range(List<Object> low, List<Object> high) {

        String where(Table table) {
            List<String> parts = new ArrayList<>();
            if (low != null) {
                parts.add(table.beyond(">", ">"));
            }
            if (high != null) {
                parts.add(table.beyond("<", "<="));
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
