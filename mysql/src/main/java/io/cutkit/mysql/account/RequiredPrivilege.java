package io.cutkit.mysql.account;

import java.util.Objects;

/**
 * One privilege a stored object's definer needs at run time.
 *
 * @param privilege e.g. {@code SELECT}, {@code TRIGGER}
 * @param schema the database a qualified name names, or null for the object's own database
 * @param table the table, or null for the whole database
 */
public record RequiredPrivilege(String privilege, String schema, String table) {

    public RequiredPrivilege {
        Objects.requireNonNull(privilege, "privilege");
    }

    /** {@code INSERT on `lead_status_history`}, for messages. */
    public String describe() {
        return privilege + " on " + (table == null ? "the database" : (schema == null ? "" : Accounts.quote(schema) + ".")
                + Accounts.quote(table));
    }
}
