package io.cutkit.mysql.account;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A DEFINER account that exists on the target but lacks privileges one of its objects needs on a
 * database: after the import every use of the object fails with error 1142 ("command denied").
 *
 * @param account the DEFINER
 * @param objectType {@code VIEW}, {@code TRIGGER}, {@code PROCEDURE}, {@code FUNCTION}, {@code ROUTINE} or {@code EVENT}
 * @param objectName the object
 * @param database the database the privileges are needed on
 * @param missing the missing privilege types, e.g. {@code [INSERT, TRIGGER]}
 * @param needs what the object needs that is not held, e.g. {@code INSERT on `lead_status_history`}
 */
public record DefinerPrivilegeGap(AccountName account, String objectType, String objectName, String database,
        List<String> missing, List<String> needs) {

    public DefinerPrivilegeGap {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(objectType, "objectType");
        Objects.requireNonNull(objectName, "objectName");
        Objects.requireNonNull(database, "database");
        missing = List.copyOf(missing);
        needs = List.copyOf(needs);
    }

    /** The statement that closes the gap, e.g. {@code GRANT INSERT, TRIGGER ON `crm`.* TO 'u'@'%'}. */
    public String grantStatement() {
        return "GRANT " + String.join(", ", missing) + " ON " + Accounts.quote(database) + ".* TO "
                + Accounts.quoteString(account.user()) + "@" + Accounts.quoteString(account.host());
    }

    /** One sentence: which object, which account, what is missing, and what fails. */
    public String describe() {
        return objectType.toLowerCase(Locale.ROOT) + " " + Accounts.quote(objectName) + " runs as DEFINER " + account
                + ", which lacks " + String.join(", ", needs) + " in " + Accounts.quote(database)
                + ": every use of it fails with error 1142 until " + grantStatement();
    }
}
