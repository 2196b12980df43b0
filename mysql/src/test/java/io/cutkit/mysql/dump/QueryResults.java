package io.cutkit.mysql.dump;

import io.cutkit.mysql.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The first column of a query's rows, as text, on a fresh connection to a test server. */
final class QueryResults {

    private QueryResults() {
    }

    static List<String> strings(DatabaseServer server, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Every database on the server, by name. */
    static List<String> databases(DatabaseServer server) throws SQLException {
        return strings(server, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME");
    }
}
