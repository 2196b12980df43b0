package io.cutkit.core.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One numbered step of a {@link Runbook}: a title, an action, a time budget, abort conditions and
 * an optional rollback. A <em>hard</em> budget interrupts the action when exceeded and counts as an
 * abort; a soft one is only reported. The step marked {@link Builder#pointOfNoReturn()} is the last
 * one whose abort still rolls back: once it is done, an abort means "roll forward". Immutable.
 *
 * <pre>{@code
 * Step export = Step.number(4, "Export with a consistent snapshot")
 *         .budget(Duration.ofMinutes(5)).hard()
 *         .action(ctx -> exporter.export(List.of("crm"), target))
 *         .tag("data-move")
 *         .build();
 * }</pre>
 */
public final class Step {

    private final int number;
    private final String title;
    private final StepAction action;
    private final Duration budget;
    private final boolean hardBudget;
    private final List<AbortCondition> abortConditions;
    private final StepRollback rollback;
    private final boolean pointOfNoReturn;
    private final Set<String> tags;

    private Step(Builder builder) {
        this.number = builder.number;
        this.title = builder.title;
        this.action = Objects.requireNonNull(builder.action, () -> "step " + builder.number + " has no action");
        this.budget = Objects.requireNonNull(builder.budget, () -> "step " + builder.number + " has no budget");
        this.hardBudget = builder.hardBudget;
        this.abortConditions = List.copyOf(builder.abortConditions);
        this.rollback = builder.rollback;
        this.pointOfNoReturn = builder.pointOfNoReturn;
        this.tags = Set.copyOf(builder.tags);
    }

    /** Starts a step with its number (as in the written runbook) and a title. */
    public static Builder number(int number, String title) {
        return new Builder(number, title);
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    public StepAction action() {
        return action;
    }

    public Duration budget() {
        return budget;
    }

    /** True when exceeding the budget interrupts the step and aborts. */
    public boolean hasHardBudget() {
        return hardBudget;
    }

    public List<AbortCondition> abortConditions() {
        return abortConditions;
    }

    public Optional<StepRollback> rollback() {
        return Optional.ofNullable(rollback);
    }

    public boolean isPointOfNoReturn() {
        return pointOfNoReturn;
    }

    public Set<String> tags() {
        return tags;
    }

    @Override
    public String toString() {
        return "Step " + number + " " + title + " (budget " + Durations.format(budget) + (hardBudget ? ", hard" : "") + ")";
    }

    /** Builds a {@link Step}. */
    public static final class Builder {
        private final int number;
        private final String title;
        private StepAction action;
        private Duration budget;
        private boolean hardBudget;
        private final List<AbortCondition> abortConditions = new ArrayList<>();
        private StepRollback rollback;
        private boolean pointOfNoReturn;
        private final Set<String> tags = new TreeSet<>();

        private Builder(int number, String title) {
            if (number < 1) {
                throw new IllegalArgumentException("step numbers start at 1, got " + number);
            }
            this.number = number;
            this.title = Objects.requireNonNull(title, "title");
        }

        public Builder action(StepAction action) {
            this.action = action;
            return this;
        }

        public Builder budget(Duration budget) {
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("step " + number + " needs a positive budget, got " + budget);
            }
            this.budget = budget;
            return this;
        }

        /** Makes the budget hard: the action is interrupted when it runs longer, and the step aborts. */
        public Builder hard() {
            this.hardBudget = true;
            return this;
        }

        public Builder abortWhen(AbortCondition condition) {
            abortConditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        public Builder rollback(StepRollback rollback) {
            this.rollback = rollback;
            return this;
        }

        /** Marks this step as the point of no return. */
        public Builder pointOfNoReturn() {
            this.pointOfNoReturn = true;
            return this;
        }

        /** Tags the step (e.g. {@code data-move}) so reports can add up the time of a group of steps. */
        public Builder tag(String tag) {
            tags.add(Objects.requireNonNull(tag, "tag"));
            return this;
        }

        public Step build() {
            return new Step(this);
        }
    }
}
