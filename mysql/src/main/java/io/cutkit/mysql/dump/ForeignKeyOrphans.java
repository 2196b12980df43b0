package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Rows of {@code table} whose foreign key {@code constraint} points at no row of {@code referencedTable}
 * (what error 1452 would have refused had the checks been on): the key columns and the first few
 * orphan key values, e.g. {@code (17)}. Found with one anti-join per constraint, which reads the
 * child table once through the parent's index.
 */
public record ForeignKeyOrphans(String constraint, String table, List<String> columns, String referencedTable,
        List<String> firstKeys) {

    static final int FIRST_KEYS = 5;

    public ForeignKeyOrphans {
        columns = List.copyOf(columns);
        firstKeys = List.copyOf(firstKeys);
    }

    /** One line: the constraint, its table and columns, the parent table and the first orphan keys. */
    public String describe() {
        return "foreign key " + StatementHead.quote(constraint) + " of " + StatementHead.quote(table) + " ("
                + String.join(", ", columns.stream().map(StatementHead::quote).toList()) + ") has rows without a parent in "
                + StatementHead.quote(referencedTable) + ", first keys " + String.join(", ", firstKeys);
    }

    /** Every foreign key of {@code database} that has orphan rows. */
    static List<ForeignKeyOrphans> find(DataSource dataSource, String database) throws SQLException {
        List<ForeignKeyOrphans> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Constraint k : constraints(c, database)) {
                List<String> keys = orphans(c, database, k);
                if (!keys.isEmpty()) {
                    out.add(new ForeignKeyOrphans(k.name(), k.table(), k.columns(), k.referencedTable(), keys));
                }
            }
        }
        return out;
    }

    private record Constraint(String name, String table, String referencedSchema, String referencedTable,
            List<String> columns, List<String> referencedColumns) {
    }

    private static List<Constraint> constraints(Connection c, String database) throws SQLException {
        Map<String, Constraint> byName = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT CONSTRAINT_NAME, TABLE_NAME, REFERENCED_TABLE_SCHEMA,"
                + " REFERENCED_TABLE_NAME, COLUMN_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
                + " WHERE TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME IS NOT NULL"
                + " ORDER BY TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION")) {
            p.setString(1, database);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String table = rs.getString(2);
                    String schema = rs.getString(3);
                    String parent = rs.getString(4);
                    Constraint k = byName.computeIfAbsent(table + "\u0000" + name,
                            key -> new Constraint(name, table, schema, parent, new ArrayList<>(), new ArrayList<>()));
                    k.columns().add(rs.getString(5));
                    k.referencedColumns().add(rs.getString(6));
                }
            }
        }
        return List.copyOf(byName.values());
    }

    private static List<String> orphans(Connection c, String database, Constraint k) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ");
        StringBuilder notNull = new StringBuilder();
        StringBuilder match = new StringBuilder();
        for (int i = 0; i < k.columns().size(); i++) {
            String child = "c." + StatementHead.quote(k.columns().get(i));
            sql.append(i == 0 ? "" : ", ").append(child);
            notNull.append(" AND ").append(child).append(" IS NOT NULL");
            match.append(i == 0 ? "" : " AND ").append("p.").append(StatementHead.quote(k.referencedColumns().get(i)))
                    .append(" = ").append(child);
        }
        // MATCH SIMPLE: a key with a NULL part references nothing and is never an orphan
        sql.append(" FROM ").append(StatementHead.quote(database)).append('.').append(StatementHead.quote(k.table()))
                .append(" c WHERE 1 = 1").append(notNull).append(" AND NOT EXISTS (SELECT 1 FROM ")
                .append(StatementHead.quote(k.referencedSchema())).append('.').append(StatementHead.quote(k.referencedTable()))
                .append(" p WHERE ").append(match).append(") LIMIT ").append(FIRST_KEYS);
        List<String> keys = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql.toString())) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> parts = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    parts.add(rs.getString(i));
                }
                keys.add("(" + String.join(", ", parts) + ")");
            }
        }
        return keys;
    }
}
