package io.cutkit.core.replication;

import java.time.Duration;
import java.util.Objects;

/** How long one stage of a switch took. */
public record StageTiming(SwitchStage stage, Duration elapsed) {

    public StageTiming {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
