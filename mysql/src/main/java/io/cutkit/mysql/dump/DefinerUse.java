package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import io.cutkit.mysql.script.StatementKind;

/** A stored object in a dump with a DEFINER clause: the account as written ({@code `user`@`host`}), the object and its line. */
public record DefinerUse(long line, String user, String host, StatementKind object, String objectName) {

    /** The account as {@code `user`@`host`}. */
    public String account() {
        return StatementHead.quote(user) + "@" + StatementHead.quote(host);
    }

    /** The object's name quoted, or a note when the statement is cut short before its name. */
    public String quotedObjectName() {
        return quoteName(objectName);
    }

    static String quoteName(String objectName) {
        return objectName == null ? "(no name: the statement is cut short)" : StatementHead.quote(objectName);
    }
}
