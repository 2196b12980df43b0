package io.cutkit.mysql.schema;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Compares the schema application code expects with a live database and flags every column the
 * code expects narrower than it is live, with evidence from the live rows: how many would not fit
 * and the first by primary key (field report blocker 3: a sync narrowing {@code referenceId} from
 * VARCHAR(64) back to VARCHAR(32) failed with "Data too long ... at row 150").
 *
 * <p>Narrowings found: shorter CHAR/VARCHAR/BINARY/VARBINARY, smaller TEXT/BLOB types, text to a
 * shorter VARCHAR, integer types with a smaller range (or signedness that excludes live values),
 * DECIMAL with fewer integer digits or a smaller scale, and character sets that cannot represent
 * every live value (e.g. {@code utf8mb4} to {@code utf8mb3}). Other type changes are reported
 * without data analysis.
 *
 * <p>Cost: one {@code information_schema} read, then per narrowed column one counting scan of its
 * table and one ordered probe for the first offending key. Nothing is written.
 *
 * <pre>{@code
 * SchemaDriftGuard.of(liveDataSource, "crm")
 *         .compareWith(ExpectedSchema.fromDatabase(migratedDataSource, "crm_expected"))
 *         .requireNoDataLoss();
 * }</pre>
 */
public final class SchemaDriftGuard {

    private final DataSource live;
    private final String database;

    private SchemaDriftGuard(DataSource live, String database) {
        this.live = Objects.requireNonNull(live, "live");
        this.database = Objects.requireNonNull(database, "database");
    }

    /** A guard over {@code database} reached through {@code live} (whose account may read it). */
    public static SchemaDriftGuard of(DataSource live, String database) {
        return new SchemaDriftGuard(live, database);
    }

    /**
     * Compares {@code expected} with the live schema and measures each narrowing against live rows.
     *
     * @throws SchemaInspectionException when the live database cannot be read or does not exist
     */
    public DriftReport compareWith(ExpectedSchema expected) {
        Map<String, Map<String, ColumnType>> liveTables = ExpectedSchema.LiveSchema.read(live, database);
        if (liveTables.isEmpty()) {
            throw new SchemaInspectionException("Live database `" + database + "` has no tables or does not exist;"
                    + " check the database name and the account's privileges");
        }
        List<ColumnNarrowing> narrowings = new ArrayList<>();
        List<ColumnDifference> others = new ArrayList<>();
        for (Map.Entry<String, Map<String, ColumnType>> table : expected.tables().entrySet()) {
            Map<String, ColumnType> liveColumns = liveTables.get(table.getKey());
            if (liveColumns == null) {
                others.add(new ColumnDifference(table.getKey(), "", "table is missing in the live database"));
                continue;
            }
            Map<String, ColumnType> liveByName = byLowerName(liveColumns);
            for (Map.Entry<String, ColumnType> column : table.getValue().entrySet()) {
                ColumnType liveType = liveByName.get(column.getKey().toLowerCase(Locale.ROOT));
                if (liveType == null) {
                    others.add(new ColumnDifference(table.getKey(), column.getKey(), "column is missing in the live database"));
                    continue;
                }
                compareColumn(table.getKey(), column.getKey(), liveType, column.getValue(), narrowings, others);
            }
            if (expected.complete()) {
                Map<String, ColumnType> expectedByName = byLowerName(table.getValue());
                liveColumns.keySet().stream()
                        .filter(name -> !expectedByName.containsKey(name.toLowerCase(Locale.ROOT)))
                        .forEach(name -> others.add(new ColumnDifference(table.getKey(), name,
                                "live column is not in the expected schema")));
            }
        }
        if (expected.complete()) {
            liveTables.keySet().stream().filter(name -> !expected.tables().containsKey(name))
                    .forEach(name -> others.add(new ColumnDifference(name, "", "live table is not in the expected schema")));
        }
        return new DriftReport(database, narrowings, others);
    }

    private void compareColumn(String table, String column, ColumnType liveType, ColumnType expected,
                               List<ColumnNarrowing> narrowings, List<ColumnDifference> others) {
        String c = quote(column);
        List<String> reasons = new ArrayList<>();
        List<String> predicates = new ArrayList<>();
        boolean related = true;
        if (liveType.isText() && expected.isText()) {
            if (expected.characterCapacity() < liveType.characterCapacity()) {
                if (expected.isCharacterCounted()) {
                    reasons.add("length " + liveType.characterCapacity() + " -> " + expected.length() + " characters");
                    predicates.add("CHAR_LENGTH(" + c + ") > " + expected.length());
                } else {
                    reasons.add(liveType.dataType() + " -> " + expected.dataType() + " (" + expected.byteCapacity() + " bytes)");
                    predicates.add("LENGTH(" + c + ") > " + expected.byteCapacity());
                }
            }
            Optional<String> from = liveType.characterSet();
            Optional<String> to = expected.characterSet();
            if (from.isPresent() && to.isPresent() && !from.equals(to) && charsetNarrows(from.get(), to.get())) {
                reasons.add("character set " + from.get() + " -> " + to.get());
                predicates.add("CAST(CONVERT(CONVERT(" + c + " USING " + to.get() + ") USING " + from.get()
                        + ") AS BINARY) <> CAST(" + c + " AS BINARY)");
            }
        } else if (liveType.isBinary() && expected.isBinary()) {
            if (expected.byteCapacity() < liveType.byteCapacity()) {
                reasons.add(liveType.dataType() + " -> " + expected + " (" + expected.byteCapacity() + " bytes)");
                predicates.add("LENGTH(" + c + ") > " + expected.byteCapacity());
            }
        } else if (liveType.isInteger() && expected.isInteger()) {
            BigInteger min = expected.minimum();
            BigInteger max = expected.maximum();
            if (min.compareTo(liveType.minimum()) > 0 || max.compareTo(liveType.maximum()) < 0) {
                reasons.add("range [" + liveType.minimum() + ", " + liveType.maximum() + "] -> [" + min + ", " + max + "]");
                predicates.add(c + " < " + min + " OR " + c + " > " + max);
            }
        } else if (liveType.isDecimal() && expected.isDecimal()) {
            long liveDigits = liveType.length() - liveType.scale();
            long expectedDigits = expected.length() - expected.scale();
            if (expectedDigits < liveDigits) {
                reasons.add("integer digits " + liveDigits + " -> " + expectedDigits);
                predicates.add("ABS(" + c + ") >= 1" + "0".repeat((int) expectedDigits));
            }
            if (expected.scale() < liveType.scale()) {
                reasons.add("scale " + liveType.scale() + " -> " + expected.scale());
                predicates.add(c + " <> ROUND(" + c + ", " + expected.scale() + ")");
            }
            if (expected.unsigned() && !liveType.unsigned()) {
                reasons.add("signed -> unsigned");
                predicates.add(c + " < 0");
            }
        } else {
            related = false;
        }
        if (!reasons.isEmpty()) {
            narrowings.add(measure(table, column, liveType, expected, reasons, predicates));
        } else if (!related && !liveType.withoutCharset().equals(expected.withoutCharset())) {
            others.add(new ColumnDifference(table, column, "type changes from " + liveType + " to " + expected
                    + " (not a like-for-like narrowing; not analysed against data)"));
        } else if (!liveType.withoutCharset().equals(expected.withoutCharset())) {
            others.add(new ColumnDifference(table, column, "live " + liveType + " is wider than expected " + expected));
        }
    }

    private ColumnNarrowing measure(String table, String column, ColumnType liveType, ColumnType expected,
                                    List<String> reasons, List<String> predicates) {
        String where = "(" + String.join(") OR (", predicates) + ")";
        String from = " FROM " + quote(database) + "." + quote(table) + " WHERE " + where;
        try (Connection connection = live.getConnection(); Statement statement = connection.createStatement()) {
            long count;
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*)" + from)) {
                rows.next();
                count = rows.getLong(1);
            }
            Optional<String> first = Optional.empty();
            List<String> key = primaryKey(connection, table);
            if (count > 0 && !key.isEmpty()) {
                String keyList = String.join(", ", key.stream().map(SchemaDriftGuard::quote).toList());
                try (ResultSet rows = statement.executeQuery("SELECT " + keyList + from + " ORDER BY " + keyList + " LIMIT 1")) {
                    if (rows.next()) {
                        first = Optional.of(renderKey(key, rows));
                    }
                }
            }
            return new ColumnNarrowing(table, column, liveType, expected, reasons, count, first);
        } catch (SQLException e) {
            throw new SchemaInspectionException("Could not measure the narrowing of `" + table + "`.`" + column
                    + "` in `" + database + "`: " + e.getMessage(), e);
        }
    }

    private List<String> primaryKey(Connection connection, String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                        + " AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION")) {
            statement.setString(1, database);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return key;
    }

    private static String renderKey(List<String> key, ResultSet row) throws SQLException {
        if (key.size() == 1) {
            return row.getString(1);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            parts.add(key.get(i) + "=" + row.getString(i + 1));
        }
        return String.join(", ", parts);
    }

    /** True unless every character of {@code from} also exists in {@code to}. */
    private static boolean charsetNarrows(String from, String to) {
        if (to.equals("utf8mb4")) {
            return false;
        }
        return rank(to) == 0 || rank(from) == 0 || rank(to) < rank(from);
    }

    private static int rank(String charset) {
        return switch (charset) {
            case "ascii" -> 1;
            case "latin1" -> 2;
            case "utf8mb3" -> 3;
            case "utf8mb4" -> 4;
            default -> 0;
        };
    }

    private static Map<String, ColumnType> byLowerName(Map<String, ColumnType> columns) {
        Map<String, ColumnType> byName = new TreeMap<>();
        columns.forEach((name, type) -> byName.put(name.toLowerCase(Locale.ROOT), type));
        return byName;
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
