package io.cutkit.mysql.replication;

import java.util.Objects;

/**
 * What {@link NativeReplicationLink#recover()} found in the switch journal and did.
 *
 * @param action whether the switch was undone, completed, or needed nothing
 * @param primary the side of the link that takes writes now: {@code "source"} or {@code "target"}
 * @param detail what the journal said and what was done, for the operator
 */
public record SwitchRecovery(Action action, String primary, String detail) {

    /** What recovery did. */
    public enum Action {
        /** The journal records no switch, or its last switch ended in its own process: nothing was changed. */
        NONE,
        /**
         * The switch died before the point of no return (the new primary opening): the old primary takes
         * writes again, the other side is read-only and replicates from it again.
         */
        UNDONE,
        /**
         * The switch died at or after the point of no return: the new primary takes writes, the old one
         * is read-only and replicates from the new one from the position journaled before the opening.
         */
        COMPLETED
    }

    public SwitchRecovery {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(primary, "primary");
        Objects.requireNonNull(detail, "detail");
    }

    /** One line for logs and reports. */
    public String toText() {
        return "recovery " + action + ", primary " + primary + ": " + detail;
    }
}
