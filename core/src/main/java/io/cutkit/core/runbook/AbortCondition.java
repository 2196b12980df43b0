package io.cutkit.core.runbook;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A named condition checked after a step's action: when it holds, the step aborts with its
 * description as the reason ("sample decrypt failed", "row count differs from source").
 */
public record AbortCondition(String description, Predicate<StepContext> holds) {

    public AbortCondition {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(holds, "holds");
    }

    /** Abort when {@code holds} is true of the context after the action ran. */
    public static AbortCondition when(String description, Predicate<StepContext> holds) {
        return new AbortCondition(description, holds);
    }
}
