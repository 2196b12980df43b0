package io.cutkit.mysql.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

/** Catalogue look-ups and statement shapes shared by the account primitives. */
final class Accounts {

    /** Privilege lists such as {@code ALL PRIVILEGES} or {@code SELECT, INSERT, UPDATE}; nothing else. */
    private static final Pattern PRIVILEGES = Pattern.compile("[A-Za-z]+( [A-Za-z]+)*(\\s*,\\s*[A-Za-z]+( [A-Za-z]+)*)*");

    private Accounts() {
    }

    static boolean exists(Connection connection, AccountName account) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT COUNT(*) FROM mysql.user WHERE User = ? AND Host = ?")) {
            statement.setString(1, account.user());
            statement.setString(2, account.host());
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            }
        }
    }

    static String requirePrivileges(String privileges) {
        if (privileges == null || !PRIVILEGES.matcher(privileges.trim()).matches()) {
            throw new IllegalArgumentException("privileges must be a list such as 'ALL PRIVILEGES' or"
                    + " 'SELECT, INSERT, UPDATE, DELETE', got '" + privileges + "'");
        }
        return privileges.trim();
    }

    static String grantOn(String privileges, String database) {
        return privileges + " ON " + quote(database) + ".*";
    }

    static void grant(Connection connection, String grant, AccountName account) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("GRANT " + grant + " TO ?@?")) {
            statement.setString(1, account.user());
            statement.setString(2, account.host());
            statement.execute();
        }
    }

    /** A string literal: {@code 'it''s'}, backslashes doubled. */
    static String quoteString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
