package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import io.cutkit.mysql.script.StatementKind;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.SnapshotException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads what an export needs about one database: its spec, tables with columns and keys, and stored objects' DDL. */
final class SchemaReader {

    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint",
            "decimal", "numeric", "float", "double", "real", "dec", "fixed");
    private static final Set<String> INTEGRAL = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");
    private static final Set<String> BINARY = Set.of("binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob",
            "bit", "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
            "geometrycollection", "geomcollection");

    private static final Set<String> SPATIAL = Set.of("geometry", "point", "linestring", "polygon", "multipoint",
            "multilinestring", "multipolygon", "geometrycollection", "geomcollection");

    /** A column as exported; {@code dataType} is information_schema's lower-case DATA_TYPE. */
    record Column(String name, String dataType, SqlLiteralWriter.ValueStyle style, boolean generated, boolean invisible) {

        /** How the column travels in a LOAD DATA chunk, or null when it cannot (spatial values). */
        ChunkManifest.ColumnKind loadDataKind() {
            if (SPATIAL.contains(dataType)) {
                return null;
            }
            if (dataType.equals("bit")) {
                return ChunkManifest.ColumnKind.BIT;
            }
            return switch (style) {
                case NUMBER -> ChunkManifest.ColumnKind.NUMBER;
                case BINARY -> ChunkManifest.ColumnKind.BINARY;
                case STRING -> ChunkManifest.ColumnKind.STRING;
            };
        }
    }

    /** A base table. */
    record Table(String database, String name, String createSql, List<Column> columns, List<String> primaryKey,
            boolean integralKey, long estimatedRows, long dataBytes) {

        String qualified() {
            return StatementHead.quote(database) + "." + StatementHead.quote(name);
        }

        List<Column> exported() {
            return columns.stream().filter(c -> !c.generated()).toList();
        }

        boolean needsColumnList() {
            return columns.stream().anyMatch(c -> c.generated() || c.invisible());
        }

        /** Whether every exported column can travel in a LOAD DATA chunk. */
        boolean loadDataSafe() {
            return exported().stream().allMatch(c -> c.loadDataKind() != null);
        }
    }

    /** A stored object's DDL with the session settings it was created under. */
    record StoredObject(StatementKind kind, String name, String table, String createSql, String sqlMode,
            String characterSetClient, String collationConnection, String timeZone) {
    }

    /** Everything exported for one database. */
    record Database(DatabaseSpec spec, List<Table> tables, List<StoredObject> objects) {
    }

    private SchemaReader() {
    }

    static Database read(Connection c, String database) throws SQLException {
        DatabaseSpec spec;
        try (PreparedStatement p = c.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            p.setString(1, database);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw new SnapshotException("Database " + StatementHead.quote(database)
                            + " does not exist on the source server; check the name (it is case-sensitive on Linux)");
                }
                spec = new DatabaseSpec(database, rs.getString(1), rs.getString(2));
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("USE " + StatementHead.quote(database));
        }
        List<Table> tables = new ArrayList<>();
        for (String[] t : rows(c, "SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME", database)) {
            tables.add(table(c, database, t[0], Long.parseLong(t[1]), Long.parseLong(t[2])));
        }
        List<StoredObject> objects = new ArrayList<>();
        List<StoredObject> views = new ArrayList<>();
        for (String[] v : rows(c, "SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?"
                + " ORDER BY TABLE_NAME", database)) {
            String[] r = show(c, "SHOW CREATE VIEW " + StatementHead.quote(v[0]), 4);
            String body = QualifiedNames.replace(r[1], database, null);
            views.add(new StoredObject(StatementKind.CREATE_VIEW, v[0], null, body, null, r[2], r[3], null));
        }
        objects.addAll(orderViews(views));
        for (String[] t : rows(c, "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = ? ORDER BY EVENT_OBJECT_TABLE, ACTION_ORDER", database)) {
            String[] r = show(c, "SHOW CREATE TRIGGER " + StatementHead.quote(t[0]), 5);
            objects.add(new StoredObject(StatementKind.CREATE_TRIGGER, t[0], t[1], r[2], r[1], r[3], r[4], null));
        }
        for (String[] p : rows(c, "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES"
                + " WHERE ROUTINE_SCHEMA = ? AND ROUTINE_TYPE IN ('PROCEDURE', 'FUNCTION') ORDER BY ROUTINE_TYPE,"
                + " ROUTINE_NAME", database)) {
            String[] r = show(c, "SHOW CREATE " + p[1] + " " + StatementHead.quote(p[0]), 5);
            if (r[2] == null) {
                throw new SnapshotException("The export account may not read the body of " + p[1].toLowerCase(Locale.ROOT)
                        + " " + StatementHead.quote(p[0]) + ": grant it SELECT on mysql.proc (MariaDB) or SHOW_ROUTINE"
                        + " (MySQL), or export as the routine's owner");
            }
            objects.add(new StoredObject(StatementKind.CREATE_ROUTINE, p[0], p[1], r[2], r[1], r[3], r[4], null));
        }
        for (String[] e : rows(c, "SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?"
                + " ORDER BY EVENT_NAME", database)) {
            String[] r = show(c, "SHOW CREATE EVENT " + StatementHead.quote(e[0]), 6);
            objects.add(new StoredObject(StatementKind.CREATE_EVENT, e[0], null, r[3], r[1], r[4], r[5], r[2]));
        }
        return new Database(spec, tables, objects);
    }

    private static Table table(Connection c, String database, String name, long estimatedRows, long dataBytes)
            throws SQLException {
        String create = show(c, "SHOW CREATE TABLE " + StatementHead.quote(name), 2)[1];
        List<Column> columns = new ArrayList<>();
        String keyType = null;
        for (String[] col : rows(c, "SELECT COLUMN_NAME, DATA_TYPE, EXTRA FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = '" + name.replace("\\", "\\\\").replace("'", "''")
                + "' ORDER BY ORDINAL_POSITION", database)) {
            String type = col[1].toLowerCase(Locale.ROOT);
            String extra = col[2] == null ? "" : col[2].toUpperCase(Locale.ROOT);
            SqlLiteralWriter.ValueStyle style = NUMERIC.contains(type) ? SqlLiteralWriter.ValueStyle.NUMBER
                    : BINARY.contains(type) ? SqlLiteralWriter.ValueStyle.BINARY : SqlLiteralWriter.ValueStyle.STRING;
            boolean generated = extra.matches(".*\\b(VIRTUAL|STORED|PERSISTENT) GENERATED\\b.*");
            columns.add(new Column(col[0], type, style, generated, extra.contains("INVISIBLE")));
        }
        List<String> key = new ArrayList<>();
        for (String[] k : rows(c, "SELECT k.COLUMN_NAME, c.DATA_TYPE FROM information_schema.KEY_COLUMN_USAGE k"
                + " JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME"
                + " AND c.COLUMN_NAME = k.COLUMN_NAME WHERE k.TABLE_SCHEMA = ? AND k.TABLE_NAME = '"
                + name.replace("\\", "\\\\").replace("'", "''") + "' AND k.CONSTRAINT_NAME = 'PRIMARY'"
                + " ORDER BY k.ORDINAL_POSITION", database)) {
            key.add(k[0]);
            keyType = k[1].toLowerCase(Locale.ROOT);
        }
        boolean integral = key.size() == 1 && INTEGRAL.contains(keyType);
        return new Table(database, name, create, columns, key, integral, estimatedRows, dataBytes);
    }

    /** Views that mention another view by its quoted name come after it. */
    private static List<StoredObject> orderViews(List<StoredObject> views) {
        List<StoredObject> ordered = new ArrayList<>();
        List<StoredObject> left = new ArrayList<>(views);
        while (!left.isEmpty()) {
            StoredObject next = left.stream().filter(v -> left.stream().noneMatch(o -> o != v
                    && v.createSql().contains(StatementHead.quote(o.name())))).findFirst().orElse(left.get(0));
            ordered.add(next);
            left.remove(next);
        }
        return ordered;
    }

    private static List<String[]> rows(Connection c, String sql, String param) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, param);
            try (ResultSet rs = p.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    private static String[] show(Connection c, String sql, int columns) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                throw new SnapshotException(sql + " returned nothing");
            }
            String[] row = new String[columns];
            for (int i = 0; i < columns; i++) {
                row[i] = rs.getString(i + 1);
            }
            return row;
        }
    }
}
