package io.cutkit.preflight;

import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A server's state as lines, to compare before and after a run that must not change it. */
final class ServerSnapshot {

    private static final Set<String> SYSTEM = Set.of("information_schema", "mysql", "performance_schema", "sys");

    private ServerSnapshot() {
    }

    /** Every database, every user table's CHECKSUM, every account and its grants. */
    static List<String> of(DatabaseServer server) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            for (String database : column(st, "SHOW DATABASES")) {
                lines.add("database " + database);
                if (SYSTEM.contains(database)) {
                    continue;
                }
                for (String table : column(st, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                        + database + "' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
                    String name = Refdata.quote(database) + "." + Refdata.quote(table);
                    try (ResultSet rs = st.executeQuery("CHECKSUM TABLE " + name)) {
                        rs.next();
                        lines.add("table " + name + " " + rs.getLong(2));
                    }
                }
            }
            for (String account : column(st, "SELECT CONCAT(QUOTE(User), '@', QUOTE(Host)) FROM mysql.user"
                    + " WHERE is_role = 'N' ORDER BY User, Host")) {
                lines.add("account " + account);
                lines.addAll(column(st, "SHOW GRANTS FOR " + account));
            }
        }
        return lines;
    }

    /** The first column of every row {@code sql} returns, as text. */
    static List<String> column(Statement st, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
