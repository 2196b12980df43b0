package io.cutkit.core.runbook;

import java.time.Duration;

/** What a running runbook publishes; consoles, journals and custom listeners consume these. */
public sealed interface RunbookEvent {

    /** A run began (or resumed) with {@code stepCount} steps. */
    record RunStarted(String runbook, int stepCount, boolean rehearsal, boolean resumed) implements RunbookEvent {
    }

    /** A step began. */
    record StepStarted(int step, int stepCount, String title, Duration budget, boolean hardBudget) implements RunbookEvent {
    }

    /** A running step reported progress. */
    record StepProgress(int step, String message) implements RunbookEvent {
    }

    /** A step ended (done or aborted), or was skipped as done in an earlier run. */
    record StepEnded(StepOutcome outcome) implements RunbookEvent {
    }

    /** A step's rollback ended, with the step's new status ({@code ROLLED_BACK} or {@code ROLLBACK_FAILED}). */
    record RollbackEnded(StepOutcome outcome) implements RunbookEvent {
    }

    /** The run ended. */
    record RunEnded(RunReport report) implements RunbookEvent {
    }
}
