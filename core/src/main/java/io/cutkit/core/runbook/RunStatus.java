package io.cutkit.core.runbook;

/** How a run of a runbook ended. */
public enum RunStatus {
    /** Every step done. */
    COMPLETED,
    /** A step aborted before the point of no return and every rollback succeeded. */
    ROLLED_BACK,
    /** A step aborted before the point of no return and at least one rollback failed. */
    ROLLBACK_INCOMPLETE,
    /** A step aborted after the point of no return: nothing was rolled back; fix and roll forward. */
    ROLL_FORWARD_REQUIRED
}
