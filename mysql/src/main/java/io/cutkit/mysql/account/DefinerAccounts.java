package io.cutkit.mysql.account;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the DEFINER accounts of a database's views, triggers, routines and events and reports, or
 * creates, those missing on the server. After a plain import on a new server the dump's definers do
 * not exist, so every statement that fires a trigger or reads a view defined by them fails with
 * error 1449 ("The user specified as a definer does not exist").
 *
 * <p>{@link #createMissing} creates each missing definer locked ({@code ACCOUNT LOCK}: nobody can log
 * in as it; objects still run as it) and grants it the configured privileges on the database. To
 * give the application account a password as well, run {@link ApplicationAccount} for it first. Cost:
 * four catalogue queries, then two statements per missing account.
 */
public final class DefinerAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(DefinerAccounts.class);

    private final DataSource admin;
    private final String privileges;

    private DefinerAccounts(DataSource admin, String privileges) {
        this.admin = admin;
        this.privileges = privileges;
    }

    /**
     * Definer handling over {@code admin}'s connections (which need SELECT on {@code mysql.user} and
     * the views and routines' metadata); missing definers get {@code ALL PRIVILEGES} on the database.
     */
    public static DefinerAccounts of(DataSource admin) {
        return new DefinerAccounts(Objects.requireNonNull(admin, "admin"), "ALL PRIVILEGES");
    }

    /**
     * The same, granting {@code privileges} (e.g. {@code SELECT, INSERT, UPDATE, DELETE, EXECUTE}) to
     * created definers instead.
     *
     * @throws IllegalArgumentException when {@code privileges} is not a privilege list
     */
    public DefinerAccounts granting(String privileges) {
        return new DefinerAccounts(admin, Accounts.requirePrivileges(privileges));
    }

    /**
     * Lists the definers used in {@code database} and which are missing. Changes nothing.
     *
     * @throws AccountException when the catalogue cannot be read
     */
    public DefinerReport scan(String database) {
        try (Connection connection = admin.getConnection()) {
            List<DefinerUse> uses = uses(connection, database);
            List<AccountName> missing = new ArrayList<>();
            for (AccountName account : distinct(uses)) {
                if (!Accounts.exists(connection, account)) {
                    missing.add(account);
                }
            }
            return new DefinerReport(database, uses, missing, List.of());
        } catch (SQLException e) {
            throw new AccountException("Could not read the definers of `" + database + "`: " + e.getMessage()
                    + "; the account needs SELECT on mysql.user and on the database's objects", e.getErrorCode(), e);
        }
    }

    /**
     * Creates every missing definer of {@code database}, locked, with the configured privileges on it.
     *
     * @throws AccountException when an account cannot be created or granted; accounts created before
     *     the failure stay and are named in the message
     */
    public DefinerReport createMissing(String database) {
        DefinerReport scan = scan(database);
        List<AccountName> created = new ArrayList<>();
        String grant = Accounts.grantOn(privileges, database);
        try (Connection connection = admin.getConnection()) {
            for (AccountName account : scan.missing()) {
                try (PreparedStatement statement = connection.prepareStatement("CREATE USER ?@? ACCOUNT LOCK")) {
                    statement.setString(1, account.user());
                    statement.setString(2, account.host());
                    statement.execute();
                }
                Accounts.grant(connection, grant, account);
                created.add(account);
                LOG.info("Created missing DEFINER {} (locked) with {}", account, grant);
            }
        } catch (SQLException e) {
            throw new AccountException("Could not create missing DEFINER accounts for `" + database + "` (created so far: "
                    + created + "): " + e.getMessage() + "; the administrator needs CREATE USER and GRANT OPTION",
                    e.getErrorCode(), e);
        }
        return new DefinerReport(database, scan.uses(), List.of(), created);
    }

    /**
     * Grants each DEFINER exactly the privileges {@link DefinerPrivilegeCheck} found missing, one GRANT
     * per account and database (the privileges of all its gaps there), on the database level.
     *
     * @return the statements run, e.g. {@code GRANT INSERT, TRIGGER ON `crm`.* TO 'optileads_app'@'%'}
     * @throws AccountException when a grant is refused; grants run before the failure stay and are named
     */
    public List<String> grantMissing(List<DefinerPrivilegeGap> gaps) {
        Map<List<Object>, DefinerPrivilegeGap> merged = new LinkedHashMap<>();
        for (DefinerPrivilegeGap gap : gaps) {
            merged.merge(List.of(gap.account(), gap.database()), gap, (a, b) -> new DefinerPrivilegeGap(a.account(),
                    a.objectType(), a.objectName(), a.database(),
                    java.util.stream.Stream.concat(a.missing().stream(), b.missing().stream()).distinct().toList(),
                    List.of()));
        }
        List<String> granted = new ArrayList<>();
        try (Connection connection = admin.getConnection()) {
            for (DefinerPrivilegeGap gap : merged.values()) {
                Accounts.grant(connection, Accounts.grantOn(String.join(", ", gap.missing()), gap.database()), gap.account());
                granted.add(gap.grantStatement());
                LOG.info("Granted DEFINER {} what its objects need: {}", gap.account(), gap.grantStatement());
            }
        } catch (SQLException e) {
            throw new AccountException("Could not grant the DEFINER accounts their missing privileges (granted so far: "
                    + granted + "): " + e.getMessage() + "; the administrator needs those privileges WITH GRANT OPTION",
                    e.getErrorCode(), e);
        }
        return granted;
    }

    private static List<DefinerUse> uses(Connection connection, String database) throws SQLException {
        List<DefinerUse> uses = new ArrayList<>();
        collect(connection, "SELECT DEFINER, 'VIEW', TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?"
                + " ORDER BY TABLE_NAME", database, uses);
        collect(connection, "SELECT DEFINER, 'TRIGGER', TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?"
                + " ORDER BY TRIGGER_NAME", database, uses);
        collect(connection, "SELECT DEFINER, ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?"
                + " ORDER BY ROUTINE_TYPE, ROUTINE_NAME", database, uses);
        collect(connection, "SELECT DEFINER, 'EVENT', EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?"
                + " ORDER BY EVENT_NAME", database, uses);
        return uses;
    }

    private static void collect(Connection connection, String sql, String database, List<DefinerUse> into) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String definer = rows.getString(1);
                    // a definer without a host (a MariaDB role) is not an account this can create
                    if (definer != null && definer.contains("@")) {
                        into.add(new DefinerUse(AccountName.parse(definer), rows.getString(2), rows.getString(3)));
                    }
                }
            }
        }
    }

    private static Set<AccountName> distinct(List<DefinerUse> uses) {
        Set<AccountName> accounts = new LinkedHashSet<>();
        uses.forEach(use -> accounts.add(use.definer()));
        return accounts;
    }
}
