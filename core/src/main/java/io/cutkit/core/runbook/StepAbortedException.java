package io.cutkit.core.runbook;

/** Thrown by a step (through {@link StepContext#abort(String)}) to abort it with a reason. */
public final class StepAbortedException extends RuntimeException {

    private final int step;

    public StepAbortedException(int step, String reason) {
        super(reason);
        this.step = step;
    }

    /** The step that aborted. */
    public int step() {
        return step;
    }
}
