package io.cutkit.preflight;

import io.cutkit.core.numbers.NumberRepointer;
import io.cutkit.core.numbers.RepointPlan;
import io.cutkit.core.numbers.RoutingSnapshot;
import io.cutkit.twilio.preflight.NumberFindings;
import java.util.Optional;

/**
 * Reads the selected numbers' routes and plans the repoint as the window would, with the override handling the
 * real run uses; numbers whose trunk or application keeps their traffic are P0 ({@link NumberFindings}). Nothing
 * is sent to any number.
 */
final class NumbersStage implements Stage {

    @Override
    public String name() {
        return "numbers";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.plan.numbers().isEmpty() ? Optional.of("needs --numbers (the repointer, selection and new routes)")
                : Optional.empty();
    }

    @Override
    public String run(DryRunState state) {
        NumberRepointer repointer = state.plan.numbers().orElseThrow();
        RoutingSnapshot snapshot = repointer.snapshot(state.plan.numberSelection());
        RepointPlan plan = repointer.plan(snapshot, state.plan.numberChange().orElseThrow(),
                state.plan.numberOverrideHandling());
        state.addAll(NumberFindings.of(plan));
        return snapshot.size() + " number(s): " + plan.changes().size() + " to repoint, "
                + plan.wouldNotMoveTraffic().size() + " overridden (nothing sent)";
    }
}
