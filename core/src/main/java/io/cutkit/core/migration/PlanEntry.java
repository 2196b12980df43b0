package io.cutkit.core.migration;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One line of a {@link MigrationPlan}: a migration that will run ({@link Apply}), one that will not
 * because there is nothing to do ({@link Skip}), or one that stops the run until a person decides
 * ({@link Conflict}). Each carries its {@link PlanReason} and a sentence saying why.
 */
public sealed interface PlanEntry permits PlanEntry.Apply, PlanEntry.Skip, PlanEntry.Conflict {

    /** The migration's name: the file name without extension, or the name recorded in the history. */
    String name();

    /** The numeric prefix of the name, when it has one. */
    OptionalLong version();

    PlanReason reason();

    /** A sentence for people: what was found and, for conflicts, what to do next. */
    String detail();

    /**
     * Will run, in plan order, recorded under {@code lineage}. Reason is {@link PlanReason#PENDING},
     * {@link PlanReason#OUT_OF_ORDER} or {@link PlanReason#COLLISION} (when the collision policy allows
     * a new lineage).
     */
    record Apply(String name, OptionalLong version, String checksum, String lineage, PlanReason reason, String detail)
            implements PlanEntry {
        public Apply {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(checksum, "checksum");
            Objects.requireNonNull(lineage, "lineage");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Will not run: {@link PlanReason#APPLIED}, {@link PlanReason#RENAMED} ({@code appliedAs} names the
     * history row with the same content) or {@link PlanReason#FOREIGN}.
     */
    record Skip(String name, OptionalLong version, PlanReason reason, Optional<String> appliedAs, String detail)
            implements PlanEntry {
        public Skip {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(appliedAs, "appliedAs");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Stops {@code migrate()} before anything runs. {@code conflictsWith} names the history row involved;
     * {@code suggestedVersion} is set for {@link PlanReason#COLLISION}: the next number that is free on
     * both sides, with {@code suggestedName} the name to rename the file to.
     */
    record Conflict(String name, OptionalLong version, PlanReason reason, Optional<String> conflictsWith,
                    OptionalLong suggestedVersion, Optional<String> suggestedName, String detail) implements PlanEntry {
        public Conflict {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(conflictsWith, "conflictsWith");
            Objects.requireNonNull(suggestedVersion, "suggestedVersion");
            Objects.requireNonNull(suggestedName, "suggestedName");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
