package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.account.AccountName;
import io.cutkit.mysql.account.DatabasePrivilegeCheck;
import io.cutkit.mysql.dump.DumpVerdict;
import io.cutkit.mysql.dump.TargetServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the real target's accounts, read-only: whether the application account the plan names exists
 * and holds what its migrations need on the target database ({@link DatabasePrivilegeCheck#MIGRATIONS};
 * lacking any is P0 with the GRANT to run), and whether the account cutkit connects with may run the
 * dump's SUPER-only statements. Those stay P1 even when it may not: cutkit's importer skips them, so
 * only a gcloud or mysql-client import of the same dump fails, and the finding says so. (The DEFINER
 * accounts are checked by the {@code inspect} stage against the same target.)
 */
final class AccountsStage implements Stage {

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.target == null) {
            return Optional.of("needs --target (its accounts are read, never changed)");
        }
        return state.plan.applicationAccount().isEmpty() && state.inspection == null
                ? Optional.of("needs --application-account USER@HOST, or a dump") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) {
        List<String> notes = new ArrayList<>();
        state.plan.applicationAccount().ifPresent(account -> notes.add(applicationAccount(state, account)));
        if (state.inspection != null) {
            notes.add(superOnlyStatements(state));
        }
        return String.join("; ", notes);
    }

    private static String applicationAccount(DryRunState state, AccountName account) {
        String database = state.database != null ? state.database : state.plan.database().orElse(null);
        if (state.target.account(account.user(), account.host()) == TargetServer.AccountStatus.MISSING) {
            state.add(Finding.of(FindingClass.ACCOUNT,
                            "the application account " + account + " does not exist on the target: the application"
                                    + " and its migrations cannot log in",
                            "create it before the window (cutkit's ApplicationAccount.ensure, with the password from the"
                                    + " secret store) and grant it " + grant(account, database, DatabasePrivilegeCheck.MIGRATIONS))
                    .severity(Severity.P0).object(account.toString()).evidence("account", account.toString()).build());
            return account + " missing";
        }
        authenticationPlugin(state, account);
        if (database == null) {
            return account + " exists; no target database to check its privileges on";
        }
        Optional<List<String>> missing = DatabasePrivilegeCheck.missing(state.targetPool, account, database,
                DatabasePrivilegeCheck.MIGRATIONS);
        if (missing.isEmpty()) {
            state.add(Finding.of(FindingClass.OTHER,
                            "the privileges of the application account " + account + " could not be read on the target",
                            "run the dry-run with an account that may read mysql.user, or check SHOW GRANTS FOR " + account
                                    + " by hand for " + String.join(", ", DatabasePrivilegeCheck.MIGRATIONS))
                    .severity(Severity.P2).object(account.toString()).build());
            return account + " privileges not readable";
        }
        if (!missing.get().isEmpty()) {
            String grant = grant(account, database, missing.get());
            state.add(Finding.of(FindingClass.ACCOUNT,
                            "the application account " + account + " lacks " + String.join(", ", missing.get()) + " on `"
                                    + database + "`: the migrations that need them fail with error 1142 in the window",
                            "run " + grant + " on the target before the window")
                    .severity(Severity.P0).object(database).evidence("account", account.toString())
                    .evidence("missing", missing.get()).evidence("grant", grant).build());
        }
        return account + " lacks " + missing.get().size() + " of " + DatabasePrivilegeCheck.MIGRATIONS.size() + " privileges";
    }

    /** MySQL 8.4 loads mysql_native_password only when asked to: an account using it cannot log in (P0). */
    private static void authenticationPlugin(DryRunState state, AccountName account) {
        if (state.targetFlavor().orElse(null) != TargetFlavor.MYSQL_8_4) {
            return;
        }
        try (Connection c = state.targetPool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT plugin FROM mysql.user WHERE User = ? AND Host = ?")) {
            ps.setString(1, account.user());
            ps.setString(2, account.host());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && "mysql_native_password".equalsIgnoreCase(rs.getString(1))) {
                    state.add(Finding.of(FindingClass.ACCOUNT,
                                    "the application account " + account + " authenticates with mysql_native_password,"
                                            + " which MySQL 8.4 disables by default: the application cannot log in",
                                    "ALTER USER " + account + " IDENTIFIED WITH caching_sha2_password BY '<password from"
                                            + " the secret store>' (and a connector that supports it)")
                            .object(account.toString()).evidence("plugin", "mysql_native_password").build());
                }
            }
        } catch (SQLException e) {
            state.progress.accept("could not read the authentication plugin of " + account + ": " + e.getMessage());
        }
    }

    private static String superOnlyStatements(DryRunState state) {
        List<DumpVerdict.ManagedInstanceRejects> rejected = state.inspection.verdicts(DumpVerdict.ManagedInstanceRejects.class);
        if (rejected.isEmpty()) {
            return "0 SUPER-only statement(s)";
        }
        // the target answers what the inspection could only suppose of a managed instance: its findings give way
        state.findings.removeIf(f -> f.findingClass() == FindingClass.MANAGED_INSTANCE_STATEMENT && f.object() != null
                && f.object().startsWith(state.dumpName + ":"));
        List<Long> gtidPurged = rejected.stream().filter(r -> r.reason().contains("GTID_PURGED")).map(DumpVerdict::line).toList();
        if (state.target.isMariaDb() && !gtidPurged.isEmpty()) {
            state.add(Finding.of(FindingClass.MANAGED_INSTANCE_STATEMENT,
                            "the dump sets MySQL's GTID_PURGED, which MariaDB does not have: a mysql-client import stops"
                                    + " there with error 1193 (cutkit skips it)",
                            "import with cutkit, or export with mysqldump --set-gtid-purged=OFF")
                    .severity(Severity.P1).object(state.dumpName + ":" + gtidPurged.get(0))
                    .evidence("lines", gtidPurged.stream().limit(10).toList()).build());
        }
        if (state.target.grantsSuper()) {
            return rejected.size() + " SUPER-only statement(s), none refused (the target account has SUPER)";
        }
        String user = state.plan.target().orElseThrow().user();
        state.add(Finding.of(FindingClass.MANAGED_INSTANCE_STATEMENT,
                        "the target refuses the dump's " + rejected.size() + " SUPER-only statement(s) for " + user
                                + ", which has neither SUPER nor SYSTEM_VARIABLES_ADMIN: cutkit skips them; gcloud and"
                                + " mysql-client imports of this dump fail",
                        "import with cutkit, or remove the statements from the dump (mysqldump --set-gtid-purged=OFF)"
                                + " before any other import tool")
                .severity(Severity.P1).object("target").evidence("user", user)
                .evidence("lines", rejected.stream().map(DumpVerdict::line).limit(10).toList()).build());
        return rejected.size() + " SUPER-only statement(s) refused by the target (cutkit skips them)";
    }

    private static String grant(AccountName account, String database, List<String> privileges) {
        return "GRANT " + String.join(", ", privileges) + " ON " + (database == null ? "<database>" : ImportStage.quote(database))
                + ".* TO " + account;
    }
}
