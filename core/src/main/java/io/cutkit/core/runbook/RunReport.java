package io.cutkit.core.runbook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The result of a run: its status, every step's outcome, the aborting step and reason if any, and
 * the total time against the declared window. Renders as text; {@link HtmlReport} renders it as
 * a page with a timeline.
 */
public record RunReport(
        String runbook, RunStatus status, boolean rehearsal, Instant startedAt, Duration elapsed,
        Optional<Duration> window, List<StepOutcome> steps, Optional<Integer> abortedStep, String reason) {

    public RunReport {
        steps = List.copyOf(steps);
        reason = reason == null ? "" : reason;
    }

    /** Number of steps done in this run or an earlier one. */
    public long stepsDone() {
        return steps.stream().filter(s -> s.status() == StepStatus.DONE || s.status() == StepStatus.DONE_EARLIER).count();
    }

    /** Time spent in the steps tagged {@code tag} (e.g. {@code data-move}). */
    public Duration elapsedOfTagged(String tag) {
        return steps.stream().filter(s -> s.tags().contains(tag)).map(StepOutcome::elapsed).reduce(Duration.ZERO, Duration::plus);
    }

    /** A plain-text table: step, status, elapsed against budget. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s%s: %s in %s%s%n", runbook, rehearsal ? " (rehearsal)" : "",
                status, Durations.format(elapsed), window.map(w -> " of a " + Durations.format(w) + " window").orElse("")));
        out.append(String.format(Locale.ROOT, "%4s  %-44s %-16s %10s %12s%n", "step", "title", "status", "elapsed", "budget"));
        for (StepOutcome step : steps) {
            out.append(String.format(Locale.ROOT, "%4d  %-44s %-16s %10s %12s%s%n", step.number(), truncate(step.title(), 44),
                    step.status(), step.status() == StepStatus.NOT_RUN ? "-" : Durations.format(step.elapsed()),
                    Durations.format(step.budget()) + (step.hardBudget() ? " hard" : ""),
                    step.overBudget() && step.status() != StepStatus.NOT_RUN ? "  OVER BUDGET" : ""));
            if (!step.detail().isEmpty()) {
                out.append("      ").append(step.detail()).append(System.lineSeparator());
            }
        }
        if (!reason.isEmpty()) {
            out.append("reason: ").append(reason).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
