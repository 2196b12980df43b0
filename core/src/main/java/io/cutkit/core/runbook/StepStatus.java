package io.cutkit.core.runbook;

/** How a step ended in a run. */
public enum StepStatus {
    /** The action finished and no abort condition held. */
    DONE,
    /** Finished in an earlier, interrupted run of the same runbook; not run again. */
    DONE_EARLIER,
    /** The action threw, an abort condition held, or a hard budget ran out. */
    ABORTED,
    /** Done (or aborted), then undone by its rollback. */
    ROLLED_BACK,
    /** Its rollback threw: the step's effects may remain. */
    ROLLBACK_FAILED,
    /** Never started. */
    NOT_RUN
}
