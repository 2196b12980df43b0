package io.cutkit.core.migration;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What {@code migrate()} did: the migrations it applied, in order, and how many plan entries it skipped.
 * An empty {@link #applied()} list means the run was a no-op.
 */
public record MigrationResult(MigrationPlan plan, List<Applied> applied, Duration elapsed) {

    /** One applied migration: its name and version, lineage, how many statements it ran and how long it took. */
    public record Applied(String name, OptionalLong version, String lineage, int statements, Duration duration) {
        public Applied {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(lineage, "lineage");
            Objects.requireNonNull(duration, "duration");
        }
    }

    public MigrationResult {
        Objects.requireNonNull(plan, "plan");
        applied = List.copyOf(applied);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** True when nothing was applied. */
    public boolean noOp() {
        return applied.isEmpty();
    }
}
