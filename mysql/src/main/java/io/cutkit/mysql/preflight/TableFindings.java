package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one database's tables from {@code information_schema} and reports the ones a cutover trips on:
 * another engine than InnoDB ({@code engine}), no primary key and no NOT NULL unique key
 * ({@code missing-primary-key}), both P1 (P0 for an online cutover, which needs transactions and a key
 * to apply changes by), and a row that can exceed InnoDB's limit for its row format ({@code row-size},
 * P0: error 1118 on a target with {@code innodb_strict_mode}, the default of MySQL 8).
 */
public final class TableFindings {

    private TableFindings() {
    }

    /**
     * The findings for database {@code schema} read through {@code connection}, naming objects as
     * {@code displayName.table} (the database's name on the new stack).
     */
    public static List<Finding> of(Connection connection, String schema, String displayName, boolean online)
            throws SQLException {
        Map<String, Table> tables = tables(connection, schema);
        List<Finding> findings = new ArrayList<>();
        for (Table t : tables.values()) {
            String object = displayName + "." + t.name;
            if (!"InnoDB".equalsIgnoreCase(t.engine)) {
                findings.add(Finding.of(FindingClass.ENGINE,
                                "table " + t.name + " uses " + t.engine + ": no transactions, so a consistent export cannot"
                                        + " include it and a failed import leaves it half loaded",
                                "ALTER TABLE " + quote(t.name) + " ENGINE=InnoDB on the source before the export (or"
                                        + " plan its export with writes stopped)")
                        .severity(online ? Severity.P0 : Severity.P1).object(object).evidence("engine", t.engine).build());
            }
            if (!t.hasKey()) {
                findings.add(Finding.of(FindingClass.MISSING_PRIMARY_KEY,
                                "table " + t.name + " has neither a primary key nor a NOT NULL unique key: cutkit's chunked"
                                        + " export reads it in one piece and verification compares it by whole-table"
                                        + " checksum instead of by key ranges" + (online ? "; replication cannot apply"
                                        + " its changes by key" : ""),
                                "add a primary key (ALTER TABLE " + quote(t.name) + " ADD COLUMN id BIGINT UNSIGNED"
                                        + " AUTO_INCREMENT PRIMARY KEY, or over existing unique columns) before the export")
                        .severity(online ? Severity.P0 : Severity.P1).object(object).build());
            }
            long bytes = t.maxInlineBytes();
            if ("InnoDB".equalsIgnoreCase(t.engine) && bytes > INNODB_MAX_ROW_BYTES) {
                findings.add(Finding.of(FindingClass.ROW_SIZE,
                                "table " + t.name + " (ROW_FORMAT=" + t.rowFormat + ") can hold rows of up to " + bytes
                                        + " bytes in the page, over InnoDB's " + INNODB_MAX_ROW_BYTES + ": CREATE TABLE fails"
                                        + " with error 1118 on a target with innodb_strict_mode",
                                "recreate it with ROW_FORMAT=DYNAMIC (long columns then go off-page) or turn wide"
                                        + " VARCHAR/CHAR columns into TEXT before the export")
                        .object(object).evidence("row_format", t.rowFormat).evidence("max_inline_bytes", bytes)
                        .evidence("limit_bytes", INNODB_MAX_ROW_BYTES).build());
            }
        }
        return findings;
    }

    /** InnoDB's largest record on a 16 KiB page (about half a page), as error 1118 states it. */
    static final long INNODB_MAX_ROW_BYTES = 8126;

    private static Map<String, Table> tables(Connection c, String schema) throws SQLException {
        Map<String, Table> tables = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, ENGINE, ROW_FORMAT FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    tables.put(rs.getString(1), new Table(rs.getString(1), String.valueOf(rs.getString(2)),
                            String.valueOf(rs.getString(3))));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME, DATA_TYPE, CHARACTER_OCTET_LENGTH,"
                + " NUMERIC_PRECISION, IS_NULLABLE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?"
                + " AND (GENERATION_EXPRESSION IS NULL OR GENERATION_EXPRESSION = '' OR EXTRA LIKE '%STORED%'"
                + " OR EXTRA LIKE '%PERSISTENT%')")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Table t = tables.get(rs.getString(1));
                    if (t != null) {
                        t.addColumn(rs.getString(2).toLowerCase(Locale.ROOT), rs.getLong(3), rs.getLong(4),
                                "YES".equals(rs.getString(5)));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT s.TABLE_NAME, s.INDEX_NAME, s.NULLABLE FROM"
                + " information_schema.STATISTICS s WHERE s.TABLE_SCHEMA = ? AND s.NON_UNIQUE = 0")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Table t = tables.get(rs.getString(1));
                    if (t != null) {
                        t.uniqueIndexes.merge(rs.getString(2), !"YES".equals(rs.getString(3)), Boolean::logicalAnd);
                    }
                }
            }
        }
        return tables;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /** One table's engine, row format, worst-case record size and unique indexes (name to all columns NOT NULL). */
    private static final class Table {
        final String name;
        final String engine;
        final String rowFormat;
        final Map<String, Boolean> uniqueIndexes = new LinkedHashMap<>();
        long columnBytes;
        int nullable;
        int variable;

        Table(String name, String engine, String rowFormat) {
            this.name = name;
            this.engine = engine;
            this.rowFormat = rowFormat;
        }

        boolean hasKey() {
            return uniqueIndexes.containsValue(true);
        }

        /** Record header, null bitmap, length bytes, transaction id and roll pointer, plus the columns. */
        long maxInlineBytes() {
            return 5 + (nullable + 7) / 8 + 2L * variable + 6 + 7 + (hasKey() ? 0 : 6) + columnBytes;
        }

        void addColumn(String type, long octets, long precision, boolean isNullable) {
            if (isNullable) {
                nullable++;
            }
            boolean offPageFormat = !rowFormat.equalsIgnoreCase("Compact") && !rowFormat.equalsIgnoreCase("Redundant");
            long bytes = switch (type) {
                case "tinyint", "year" -> 1;
                case "smallint" -> 2;
                case "mediumint", "date", "time" -> 3;
                case "int", "integer", "float", "timestamp" -> 4;
                case "bigint", "double", "real", "datetime", "set" -> 8;
                case "decimal", "numeric" -> precision / 2 + 1;
                case "bit" -> (precision + 7) / 8;
                case "enum" -> 2;
                case "char", "varchar", "binary", "varbinary" -> octets;
                default -> Long.MAX_VALUE; // TEXT, BLOB, JSON, geometry: stored off-page when long
            };
            boolean longColumn = bytes > 255;
            if (type.endsWith("char") || type.endsWith("binary") || longColumn) {
                variable++;
            }
            if (longColumn) {
                // DYNAMIC and COMPRESSED keep a 20-byte pointer in the page; COMPACT and REDUNDANT a 768-byte prefix too
                bytes = offPageFormat ? 20 : Math.min(bytes, 768 + 20);
            }
            columnBytes += bytes;
        }
    }
}
