package io.cutkit.core.numbers;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The per-number outcome of an apply or a rollback, in plan order, and how long it took.
 * {@link #status()} sums it up; {@link #describe()} lists every number with its state.
 */
public record RepointResult(List<NumberOutcome> outcomes, Duration elapsed) {

    /** The overall state of the selected numbers. */
    public enum Status {
        /** Every number is on its planned route (also when there were no numbers to change). */
        COMPLETE,
        /** Every number is on its snapshot route (a rollback, or a failed apply that was undone). */
        RESTORED,
        /** Numbers are in different states; {@link #outcomes()} says which is where. */
        MIXED
    }

    public RepointResult {
        outcomes = List.copyOf(outcomes);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    public Status status() {
        if (outcomes.stream().allMatch(o -> o.state() == NumberState.TARGET)) {
            return Status.COMPLETE;
        }
        if (outcomes.stream().allMatch(o -> o.state() == NumberState.ORIGINAL)) {
            return Status.RESTORED;
        }
        return Status.MIXED;
    }

    /** The outcomes of numbers now in {@code state}. */
    public List<NumberOutcome> inState(NumberState state) {
        return outcomes.stream().filter(o -> o.state() == state).toList();
    }

    /** The outcomes of type {@code type}, e.g. {@code NumberOutcome.Failed.class}. */
    public <T extends NumberOutcome> List<T> ofType(Class<T> type) {
        return outcomes.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** One line per number: its outcome and where its traffic goes now. */
    public String toText() {
        StringBuilder text = new StringBuilder(status() + " in " + elapsed.toMillis() + " ms\n");
        for (NumberOutcome outcome : outcomes) {
            text.append("  ").append(outcome.number()).append(": ")
                    .append(outcome.getClass().getSimpleName()).append(", now ").append(outcome.state());
            if (outcome instanceof NumberOutcome.Failed failed) {
                text.append(" (").append(failed.error()).append(')');
            } else if (outcome instanceof NumberOutcome.RollbackFailed failed) {
                text.append(" (").append(failed.error()).append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String describe() {
        return toText();
    }
}
