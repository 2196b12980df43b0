package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.time.Duration;
import java.util.Optional;

/**
 * Estimates the window's data work from what the dry-run measured: the export (measured from a live
 * source; otherwise taken as half the import, the ratio cutkit's benchmark measures between its export
 * and import), the import and the migrations. Over the window is P0; over half of it P1, since the
 * rest of the runbook needs time too.
 */
final class EstimateStage implements Stage {

    @Override
    public String name() {
        return "estimate";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.importTime == null ? Optional.of("needs a completed import") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) {
        boolean measured = state.exportTime != null;
        Duration export = measured ? state.exportTime : state.importTime.dividedBy(2);
        TimeEstimate estimate = new TimeEstimate(state.inspection.bytes(), export, measured, state.importTime,
                state.migrationTime, state.plan.window());
        state.estimate = estimate;
        Duration half = state.plan.window().dividedBy(2);
        if (!estimate.fits() || estimate.total().compareTo(half) > 0) {
            state.add(Finding.of(FindingClass.OVER_BUDGET,
                            "export, import and migrations take about " + estimate.total().toSeconds() + " s on this machine, "
                                    + (estimate.fits() ? "more than half" : "more than all") + " of the "
                                    + state.plan.window().toMinutes() + " min window",
                            "widen the window, move the data online (replicate, then switch), or shrink what moves in the window")
                    .severity(estimate.fits() ? Severity.P1 : Severity.P0).object("window")
                    .evidence("total_seconds", estimate.total().toSeconds())
                    .evidence("window_seconds", state.plan.window().toSeconds()).build());
        }
        return "about " + estimate.total().toMillis() + " ms of data work";
    }
}
