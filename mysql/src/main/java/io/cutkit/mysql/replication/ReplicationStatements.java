package io.cutkit.mysql.replication;

import io.cutkit.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Running replication statements, one of which carries a password that must never surface. */
final class ReplicationStatements {

    private ReplicationStatements() {
    }

    static void run(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    static Optional<String> text(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * Runs {@code head + "'<password>'" + tail}. The password is a string literal in the statement
     * text (the servers take no placeholder there), escaped on a session without
     * {@code NO_BACKSLASH_ESCAPES}; a failure is rethrown without the statement, without the driver's
     * exception as cause, and with any occurrence of the password in the server's message redacted.
     */
    static void runWithPassword(Connection connection, String head, Secret password, String tail) throws SQLException {
        String plain = password.withBytes(b -> new String(b, StandardCharsets.UTF_8));
        String literal = "'" + plain.replace("\\", "\\\\").replace("'", "\\'").replace("\0", "\\0") + "'";
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION sql_mode = ''");
            s.execute(head + literal + tail);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (!plain.isEmpty()) {
                message = message.replace(plain, "(redacted)").replace(literal, "(redacted)");
            }
            throw new SQLException(message, e.getSQLState(), e.getErrorCode());
        }
    }

    /** A string literal for values that were checked not to hold quotes or backslashes. */
    static String quoted(String checkedValue) {
        if (checkedValue.matches(".*['\\\\].*")) {
            throw new IllegalArgumentException("Quotes and backslashes are not allowed here: " + checkedValue);
        }
        return "'" + checkedValue + "'";
    }
}
