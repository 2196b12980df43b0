package io.cutkit.mysql.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The privileges an account holds directly, at the global, database (patterns such as {@code crm\_%}
 * included) and table levels, read from {@code information_schema} USER_PRIVILEGES,
 * SCHEMA_PRIVILEGES and TABLE_PRIVILEGES, which MySQL and MariaDB both have. Privileges that come
 * through roles are not counted.
 */
final class HeldPrivileges {

    private final Set<String> global = new HashSet<>();
    private final List<SchemaGrant> schemas = new ArrayList<>();
    private final Set<String> tables = new HashSet<>();

    private record SchemaGrant(Pattern schema, String privilege) {
    }

    private HeldPrivileges() {
    }

    /**
     * What {@code account} holds, or empty when the connection cannot see other accounts' grants (it
     * lacks SELECT on {@code mysql.user} and is not {@code account} itself).
     */
    static Optional<HeldPrivileges> read(Connection connection, AccountName account) throws SQLException {
        if (!seesGrantsOf(connection, account)) {
            return Optional.empty();
        }
        String grantee = Accounts.quoteString(account.user()) + "@" + Accounts.quoteString(account.host());
        HeldPrivileges held = new HeldPrivileges();
        for (String[] row : rows(connection, "SELECT PRIVILEGE_TYPE FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ?",
                grantee, 1)) {
            held.global.add(row[0]);
        }
        for (String[] row : rows(connection, "SELECT TABLE_SCHEMA, PRIVILEGE_TYPE FROM information_schema.SCHEMA_PRIVILEGES"
                + " WHERE GRANTEE = ?", grantee, 2)) {
            held.schemas.add(new SchemaGrant(like(row[0]), row[1]));
        }
        for (String[] row : rows(connection, "SELECT TABLE_SCHEMA, TABLE_NAME, PRIVILEGE_TYPE"
                + " FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ?", grantee, 3)) {
            held.tables.add(row[0] + "\u0000" + row[1] + "\u0000" + row[2]);
        }
        return Optional.of(held);
    }

    /** Whether {@code privilege} is held on {@code table} of {@code database} (on the whole database when null). */
    boolean holds(String privilege, String database, String table) {
        if (global.contains(privilege)) {
            return true;
        }
        if (schemas.stream().anyMatch(g -> g.privilege.equals(privilege) && g.schema.matcher(database).matches())) {
            return true;
        }
        return table != null && tables.contains(database + "\u0000" + table + "\u0000" + privilege);
    }

    private static boolean seesGrantsOf(Connection connection, AccountName account) throws SQLException {
        try {
            Accounts.exists(connection, account);
            return true;
        } catch (SQLException notReadable) {
            try (PreparedStatement statement = connection.prepareStatement("SELECT CURRENT_USER() = ?")) {
                statement.setString(1, account.user() + "@" + account.host());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() && rows.getBoolean(1);
                }
            }
        }
    }

    private static List<String[]> rows(Connection connection, String sql, String grantee, int columns) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, grantee);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String[] row = new String[columns];
                    for (int c = 0; c < columns; c++) {
                        row[c] = rs.getString(c + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** A database-level grant's name as a pattern: {@code %} and {@code _} are wildcards unless escaped with {@code \}. */
    private static Pattern like(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
