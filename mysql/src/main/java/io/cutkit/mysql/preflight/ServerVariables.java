package io.cutkit.mysql.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Global server variables read by name ({@code SHOW GLOBAL VARIABLES}), names lower case; absent ones are missing. */
final class ServerVariables {

    private ServerVariables() {
    }

    static Map<String, String> read(DataSource server, Collection<String> names) throws SQLException {
        String in = names.stream().map(n -> "'" + n.replace("'", "''") + "'").collect(Collectors.joining(","));
        Map<String, String> values = new TreeMap<>();
        try (Connection c = server.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GLOBAL VARIABLES WHERE Variable_name IN (" + in + ")")) {
            while (rs.next()) {
                values.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2) == null ? "" : rs.getString(2));
            }
        }
        return values;
    }
}
