package io.cutkit.core.runbook;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Prints a runbook's progress as it happens: each step as it starts, its progress messages, and
 * how long it took against its budget. Attach with {@link Runbook#onEvent(Consumer)}.
 */
public final class ConsoleProgress implements Consumer<RunbookEvent> {

    private final PrintStream out;

    public ConsoleProgress(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void accept(RunbookEvent event) {
        if (event instanceof RunbookEvent.RunStarted e) {
            out.printf(Locale.ROOT, "%s %s: %d steps%s%n", e.resumed() ? "resuming" : "running",
                    e.runbook(), e.stepCount(), e.rehearsal() ? " (rehearsal)" : "");
        } else if (event instanceof RunbookEvent.StepStarted e) {
            out.printf(Locale.ROOT, "[%2d/%d] %s (budget %s%s)%n", e.step(), e.stepCount(),
                    e.title(), Durations.format(e.budget()), e.hardBudget() ? ", hard" : "");
        } else if (event instanceof RunbookEvent.StepProgress e) {
            out.printf(Locale.ROOT, "        %s%n", e.message());
        } else if (event instanceof RunbookEvent.StepEnded e) {
            out.println(describeEnd(e.outcome()));
        } else if (event instanceof RunbookEvent.RollbackEnded e) {
            out.printf(Locale.ROOT, "[%2d] %s%n", e.outcome().number(),
                    e.outcome().status() == StepStatus.ROLLED_BACK ? "rolled back" : e.outcome().detail());
        } else if (event instanceof RunbookEvent.RunEnded e) {
            out.printf(Locale.ROOT, "%s: %s after %s%s%n", e.report().runbook(), e.report().status(),
                    Durations.format(e.report().elapsed()), e.report().reason().isEmpty() ? "" : " - " + e.report().reason());
        }
        out.flush();
    }

    private static String describeEnd(StepOutcome outcome) {
        String head = String.format(Locale.ROOT, "[%2d] ", outcome.number());
        return switch (outcome.status()) {
            case DONE -> head + "done in " + Durations.format(outcome.elapsed()) + " of " + Durations.format(outcome.budget())
                    + (outcome.overBudget() ? "  OVER BUDGET" : "");
            case DONE_EARLIER -> head + "done in an earlier run, not repeated";
            default -> head + outcome.status() + " after " + Durations.format(outcome.elapsed()) + ": " + outcome.detail();
        };
    }
}
