package io.cutkit.mysql.account;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Checks that the DEFINER accounts of a dump's views, triggers, routines and events hold on the target
 * what their objects need ({@link StoredObject#needs()}: SELECT for a view, TRIGGER on its table plus
 * its body's statements for a trigger, its body's for a routine, EVENT plus its body's for an event;
 * {@code DumpInspector} reads them from the CREATE statements). An account that exists but
 * lacks them passes a plain import, and then every UPDATE on the trigger's table, or every read of the
 * view, fails with error 1142. {@link DefinerAccounts#grantMissing} closes the gaps.
 *
 * <p>Changes nothing; works over read-only connections. Definers that do not exist, and accounts
 * whose grants the connection cannot see (it needs SELECT on {@code mysql.user}), are left out.
 * Cost: one existence query and three catalogue queries per distinct definer.
 */
public final class DefinerPrivilegeCheck {

    /** The order privileges are named in, in messages and GRANT statements. */
    private static final List<String> ORDER = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "DROP", "EXECUTE", "TRIGGER",
            "EVENT");

    private final DataSource target;

    private DefinerPrivilegeCheck(DataSource target) {
        this.target = target;
    }

    /** A check of accounts on the server behind {@code target}. */
    public static DefinerPrivilegeCheck of(DataSource target) {
        return new DefinerPrivilegeCheck(Objects.requireNonNull(target, "target"));
    }

    /**
     * The gaps of {@code objects} once loaded into {@code database}; a qualified name whose database is
     * one of {@code databaseAliases} (the dump's own database, which an import rewrites) means
     * {@code database}, any other qualified name is checked on the database it names.
     *
     * @throws AccountException when the catalogue cannot be read
     */
    public List<DefinerPrivilegeGap> check(String database, Set<String> databaseAliases, List<StoredObject> objects) {
        Objects.requireNonNull(database, "database");
        List<DefinerPrivilegeGap> gaps = new ArrayList<>();
        Map<AccountName, Optional<HeldPrivileges>> held = new HashMap<>();
        try (Connection connection = target.getConnection()) {
            for (StoredObject object : objects) {
                Optional<HeldPrivileges> grants = held.get(object.definer());
                if (grants == null) {
                    grants = Accounts.exists(connection, object.definer())
                            ? HeldPrivileges.read(connection, object.definer()) : Optional.empty();
                    held.put(object.definer(), grants);
                }
                grants.ifPresent(g -> gaps.addAll(gaps(object, database, databaseAliases, g)));
            }
        } catch (SQLException e) {
            throw new AccountException("Could not read the privileges of the DEFINER accounts for `" + database + "`: "
                    + e.getMessage() + "; the account needs SELECT on mysql.user", e.getErrorCode(), e);
        }
        return gaps;
    }

    private static List<DefinerPrivilegeGap> gaps(StoredObject object, String database, Set<String> aliases,
            HeldPrivileges held) {
        Map<String, List<RequiredPrivilege>> lacking = new LinkedHashMap<>();
        for (RequiredPrivilege need : object.needs()) {
            String on = need.schema() == null || aliases.contains(need.schema()) ? database : need.schema();
            if (!held.holds(need.privilege(), on, need.table())) {
                lacking.computeIfAbsent(on, d -> new ArrayList<>()).add(need);
            }
        }
        List<DefinerPrivilegeGap> gaps = new ArrayList<>();
        lacking.forEach((on, needs) -> gaps.add(new DefinerPrivilegeGap(object.definer(), object.objectType(),
                object.objectName(), on, needs.stream().map(RequiredPrivilege::privilege).distinct()
                        .sorted((a, b) -> Integer.compare(rank(a), rank(b))).toList(),
                needs.stream().map(RequiredPrivilege::describe).toList())));
        return gaps;
    }

    private static int rank(String privilege) {
        int i = ORDER.indexOf(privilege);
        return i < 0 ? ORDER.size() : i;
    }
}
