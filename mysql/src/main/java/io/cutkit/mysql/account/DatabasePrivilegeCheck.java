package io.cutkit.mysql.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which of a list of privileges an account lacks on one database: held globally, on the database or
 * on a database pattern matching it ({@code crm\_%}), read from {@code information_schema} as
 * {@link DefinerPrivilegeCheck} reads it. Changes nothing; works over read-only connections. Cost: four
 * short catalogue queries.
 */
public final class DatabasePrivilegeCheck {

    /** What an application's migrations need on its database. */
    public static final List<String> MIGRATIONS = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER",
            "INDEX", "DROP", "REFERENCES", "TRIGGER", "CREATE VIEW");

    private DatabasePrivilegeCheck() {
    }

    /**
     * The privileges of {@code privileges} that {@code account} lacks on {@code database}, in their order;
     * empty when the connection cannot see the account's grants (it needs SELECT on {@code mysql.user}).
     *
     * @throws AccountException when the catalogue cannot be read
     */
    public static Optional<List<String>> missing(DataSource server, AccountName account, String database,
            List<String> privileges) {
        try (Connection connection = server.getConnection()) {
            return HeldPrivileges.read(connection, account)
                    .map(held -> privileges.stream().filter(p -> !held.holds(p, database, null)).toList());
        } catch (SQLException e) {
            throw new AccountException("Could not read the privileges of " + account + ": " + e.getMessage(),
                    e.getErrorCode(), e);
        }
    }
}
