package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.dump.TargetServer;
import java.util.Optional;

/** Reads the real target's facts through read-only sessions: version, local_infile, max_allowed_packet. */
final class TargetStage implements Stage {

    @Override
    public String name() {
        return "target";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.plan.target().isPresent() ? Optional.empty()
                    : Optional.of("needs --target (read-only checks of the real target); "
                        + state.plan.targetFlavor().map(f -> "judged by --target-flavor " + f.id() + " instead")
                                .orElse("without it collations and accounts are judged by --target-flavor, if given"));
    }

    @Override
    public String run(DryRunState state) {
        state.targetPool = state.plan.target().orElseThrow().readOnlyPool(null, 2);
        TargetServer target = TargetServer.of(state.targetPool);
        state.target = target;
        boolean localInfile = target.acceptsLocalInfile();
        if (!localInfile) {
            state.add(Finding.of(FindingClass.OTHER,
                            "the target has local_infile=OFF: cutkit sends snapshot chunks as INSERT statements, which is slower",
                            "SET GLOBAL local_infile = 1 (or the managed instance's flag) for the window")
                    .severity(Severity.P2).object("target").evidence("local_infile", false).build());
        }
        return target.version() + ", local_infile " + (localInfile ? "ON" : "OFF") + ", max_allowed_packet "
                + target.maxAllowedPacket();
    }
}
