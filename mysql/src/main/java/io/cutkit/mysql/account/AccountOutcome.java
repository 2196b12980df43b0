package io.cutkit.mysql.account;

import java.util.List;
import java.util.Objects;

/**
 * What {@link ApplicationAccount#ensure} did. Holds no password.
 *
 * @param account the account
 * @param created true when it was created, false when it existed and its password was changed
 * @param grants the grants applied, e.g. {@code ALL PRIVILEGES ON `crm`.*}
 */
public record AccountOutcome(AccountName account, boolean created, List<String> grants) {

    public AccountOutcome {
        Objects.requireNonNull(account, "account");
        grants = List.copyOf(grants);
    }
}
