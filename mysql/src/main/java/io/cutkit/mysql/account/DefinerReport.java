package io.cutkit.mysql.account;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The DEFINER accounts a database's views, triggers, routines and events run as, and which of them
 * do not exist on the server (every use of such an object fails with error 1449).
 *
 * @param database the database scanned
 * @param uses every stored object with a definer, by type and name
 * @param missing definers with no account on the server (after {@link DefinerAccounts#createMissing}: those it could not create)
 * @param created definers created by {@link DefinerAccounts#createMissing}; empty for a scan
 */
public record DefinerReport(String database, List<DefinerUse> uses, List<AccountName> missing, List<AccountName> created) {

    public DefinerReport {
        uses = List.copyOf(uses);
        missing = List.copyOf(missing);
        created = List.copyOf(created);
    }

    /** Whether every definer exists. */
    public boolean complete() {
        return missing.isEmpty();
    }

    /** Multi-line text naming each missing definer and the objects that need it. */
    public String toText() {
        if (missing.isEmpty()) {
            return "All " + uses.size() + " definer use(s) in `" + database + "` resolve to existing accounts"
                    + (created.isEmpty() ? "" : " (created " + created + ")");
        }
        return missing.stream().map(account -> "Missing DEFINER " + account + " used by "
                        + uses.stream().filter(use -> use.definer().equals(account))
                                .map(use -> use.objectType() + " `" + use.objectName() + "`").collect(Collectors.joining(", "))
                        + ": every use of these objects fails with error 1449 until the account exists")
                .collect(Collectors.joining("\n"));
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String describe() {
        return toText();
    }
}
