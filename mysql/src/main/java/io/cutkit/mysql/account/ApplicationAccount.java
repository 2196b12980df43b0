package io.cutkit.mysql.account;

import io.cutkit.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's database account: created, or its password changed, from a {@link Secret}, and
 * granted privileges on the application's database. Run it with an administrator's connections.
 *
 * <p>The password is sent once, as an escaped literal of a client-side prepared statement over the
 * caller's connection; it never appears in a log line, exception, {@code toString} or process
 * argument. Use connections without {@code useServerPrepStmts=true} (servers do not accept
 * parameters in account statements). Cost: three or four short statements.
 *
 * <pre>{@code
 * try (Secret password = secrets.read("DB_PASSWORD")) {
 *     ApplicationAccount.builder().user("optileads_app").host("%").database("crm")
 *             .password(password).build().ensure(adminDataSource);
 * }
 * }</pre>
 */
public final class ApplicationAccount {

    private static final Logger LOG = LoggerFactory.getLogger(ApplicationAccount.class);

    private final AccountName account;
    private final Secret password;
    private final String database;
    private final String privileges;

    private ApplicationAccount(Builder builder) {
        this.account = new AccountName(builder.user, builder.host);
        this.password = builder.password;
        this.database = builder.database;
        this.privileges = builder.privileges;
    }

    /** Starts a configuration: user, password and database are required; host defaults to {@code %}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the account (or changes its password when it exists) and grants it the database.
     *
     * @throws AccountException when the server refuses; the message names the step, error code and
     *     SQL state, never the password
     */
    public AccountOutcome ensure(DataSource admin) {
        String grant = Accounts.grantOn(privileges, database);
        try (Connection connection = admin.getConnection()) {
            boolean existed;
            try {
                existed = Accounts.exists(connection, account);
            } catch (SQLException e) {
                throw new AccountException("Could not look up " + account + " in mysql.user: " + e.getMessage()
                        + "; the administrator account needs SELECT on mysql.user", e.getErrorCode(), e);
            }
            setPassword(connection, existed ? "ALTER USER ?@? IDENTIFIED BY ?" : "CREATE USER ?@? IDENTIFIED BY ?",
                    existed ? "change the password of" : "create");
            try {
                Accounts.grant(connection, grant, account);
            } catch (SQLException e) {
                throw new AccountException("Could not GRANT " + grant + " TO " + account + ": " + e.getMessage()
                        + "; the administrator needs that privilege WITH GRANT OPTION", e.getErrorCode(), e);
            }
            LOG.info("{} {} and granted {} (password fingerprint {})", existed ? "Updated" : "Created", account, grant,
                    password.fingerprint());
            return new AccountOutcome(account, !existed, List.of(grant));
        } catch (SQLException e) {
            throw new AccountException("Could not connect as administrator to manage " + account + ": " + e.getMessage(),
                    e.getErrorCode(), e);
        }
    }

    /** Runs a statement whose third parameter is the password; failures keep no server text and no cause. */
    private void setPassword(Connection connection, String sql, String action) {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, account.user());
            statement.setString(2, account.host());
            statement.setString(3, password.withBytes(bytes -> new String(bytes, StandardCharsets.UTF_8)));
            statement.execute();
        } catch (SQLException e) {
            throw new AccountException("Could not " + action + " " + account + ": server error " + e.getErrorCode()
                    + " (SQL state " + e.getSQLState() + "). The server's message is withheld because the statement"
                    + " carried the password; check the administrator's CREATE USER privilege and the server's"
                    + " password policy.", e.getErrorCode());
        }
    }

    @Override
    public String toString() {
        return "ApplicationAccount[" + account + " on `" + database + "`, " + privileges + ", password=" + password + "]";
    }

    /** Mutable until {@link #build()}; the built account keeps a reference to the secret, not a copy. */
    public static final class Builder {

        private String user;
        private String host = "%";
        private Secret password;
        private String database;
        private String privileges = "ALL PRIVILEGES";

        private Builder() {
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** Host pattern; default {@code %}. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** The password; the caller keeps ownership and closes it after {@link ApplicationAccount#ensure}. */
        public Builder password(Secret password) {
            this.password = password;
            return this;
        }

        /** The database to grant. */
        public Builder database(String database) {
            this.database = database;
            return this;
        }

        /** Privileges on the database; default {@code ALL PRIVILEGES}. */
        public Builder privileges(String privileges) {
            this.privileges = privileges;
            return this;
        }

        /** @throws IllegalArgumentException when a required part is missing or malformed */
        public ApplicationAccount build() {
            if (user == null || user.isEmpty()) {
                throw new IllegalArgumentException("user is required");
            }
            if (password == null || password.isClosed() || password.length() == 0) {
                throw new IllegalArgumentException("a non-empty, open password Secret is required for " + user);
            }
            if (database == null || database.isBlank()) {
                throw new IllegalArgumentException("database is required: the one the application uses");
            }
            privileges = Accounts.requirePrivileges(privileges);
            return new ApplicationAccount(this);
        }
    }
}
