package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a load leaves in one database, keyed by object and with the database's own name replaced
 * by {@code <db>} so two loads under different names compare equal: the database collation, each
 * table's SHOW CREATE TABLE and content hash ({@link ContentHashes}), views, triggers, routines with
 * their bodies, events, and table privileges.
 */
final class DatabaseFingerprint {

    private DatabaseFingerprint() {
    }

    static Map<String, String> of(Connection c, String database) throws Exception {
        Map<String, String> out = new TreeMap<>();
        rows(c, database, out, "database", "SELECT SCHEMA_NAME, DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME"
                + " FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?");
        rows(c, database, out, "view", "SELECT TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, DEFINER,"
                + " CHARACTER_SET_CLIENT, COLLATION_CONNECTION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?");
        rows(c, database, out, "trigger", "SELECT TRIGGER_NAME, EVENT_MANIPULATION, EVENT_OBJECT_TABLE, ACTION_ORDER,"
                + " ACTION_TIMING, ACTION_STATEMENT, SQL_MODE, DEFINER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?");
        rows(c, database, out, "routine", "SELECT CONCAT(ROUTINE_TYPE, ' ', ROUTINE_NAME), ROUTINE_DEFINITION, DTD_IDENTIFIER,"
                + " IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, SQL_MODE, ROUTINE_COMMENT, DEFINER"
                + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?");
        rows(c, database, out, "event", "SELECT EVENT_NAME, EVENT_DEFINITION, EVENT_TYPE, INTERVAL_VALUE, INTERVAL_FIELD,"
                + " STARTS, STATUS, ON_COMPLETION, SQL_MODE, DEFINER FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?");
        rows(c, database, out, "grant", "SELECT CONCAT(GRANTEE, ' ', TABLE_NAME, ' ', PRIVILEGE_TYPE), IS_GRANTABLE"
                + " FROM information_schema.TABLE_PRIVILEGES WHERE TABLE_SCHEMA = ?");
        try (PreparedStatement p = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            p.setString(1, database);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    try (var s = c.createStatement(); ResultSet create = s.executeQuery("SHOW CREATE TABLE "
                            + StatementHead.quote(database) + "." + StatementHead.quote(table))) {
                        create.next();
                        out.put("table " + table, create.getString(2));
                    }
                }
            }
        }
        ContentHashes.of(c, database).forEach((table, hash) -> out.put("rows " + table, hash));
        out.replaceAll((k, v) -> v == null ? null : v.replace(StatementHead.quote(database), "`<db>`")
                .replace("'" + database + "'", "'<db>'").replace(database, "<db>"));
        return out;
    }

    private static void rows(Connection c, String database, Map<String, String> out, String kind, String sql)
            throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, database);
            try (ResultSet rs = p.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder v = new StringBuilder();
                    for (int i = 2; i <= columns; i++) {
                        v.append(i == 2 ? "" : " | ").append(rs.getString(i));
                    }
                    out.put(kind + " " + rs.getString(1).replace(database, "<db>"), v.toString());
                }
            }
        }
    }
}
