package io.cutkit.mysql.replication;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Exact row counts of every base table of some databases, keyed {@code database.table}. */
final class RowCounts {

    private RowCounts() {
    }

    static Map<String, Long> of(Connection connection, List<String> databases) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (String database : databases) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement s = connection.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'")) {
                s.setString(1, database);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            for (String table : tables) {
                try (Statement s = connection.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + quote(database) + "." + quote(table))) {
                    rs.next();
                    counts.put(database + "." + table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
