package io.cutkit.core.runbook;

import java.time.Duration;
import java.util.Set;

/**
 * One step's line in a report: status, when it started relative to the run, how long it took
 * against its budget, whether it is the runbook's point of no return, and a detail (the abort
 * reason, a rollback error).
 */
public record StepOutcome(
        int number, String title, StepStatus status, Duration startOffset, Duration elapsed,
        Duration budget, boolean hardBudget, boolean pointOfNoReturn, Set<String> tags, String detail) {

    public StepOutcome {
        tags = Set.copyOf(tags);
        detail = detail == null ? "" : detail;
    }

    /** True when the step took longer than its budget. */
    public boolean overBudget() {
        return elapsed.compareTo(budget) > 0;
    }

    StepOutcome withStatus(StepStatus newStatus, String newDetail) {
        return new StepOutcome(number, title, newStatus, startOffset, elapsed, budget, hardBudget, pointOfNoReturn, tags, newDetail);
    }
}
