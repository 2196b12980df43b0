package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-table row counts and SHA-256 over every value of every row in primary-key order, read as the server's bytes. */
final class ContentHashes {

    private ContentHashes() {
    }

    /** Table name to "rows:sha256". */
    static Map<String, String> of(Connection c, String database) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String table : list(c, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?"
                + " AND TABLE_TYPE = 'BASE TABLE'", database, null)) {
            List<String> key = list(c, "SELECT COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?"
                    + " AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION", database, table);
            if (key.isEmpty()) {
                key = list(c, "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?"
                        + " ORDER BY ORDINAL_POSITION", database, table);
            }
            String order = String.join(",", key.stream().map(StatementHead::quote).toList());
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            long rows = 0;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM "
                    + StatementHead.quote(database) + "." + StatementHead.quote(table) + " ORDER BY " + order)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    rows++;
                    for (int i = 1; i <= n; i++) {
                        byte[] v = rs.getBytes(i);
                        if (v == null) {
                            md.update((byte) 0xff);
                        } else {
                            md.update(Long.toString(v.length).getBytes());
                            md.update((byte) ':');
                            md.update(v);
                        }
                    }
                }
            }
            out.put(table, rows + ":" + HexFormat.of().formatHex(md.digest()));
        }
        return out;
    }

    /** Table name to row count. */
    static Map<String, Long> rowCounts(Map<String, String> hashes) {
        Map<String, Long> out = new TreeMap<>();
        hashes.forEach((t, h) -> out.put(t, Long.parseLong(h.substring(0, h.indexOf(':')))));
        return out;
    }

    private static List<String> list(Connection c, String sql, String a, String b) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, a);
            if (b != null) {
                p.setString(2, b);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
