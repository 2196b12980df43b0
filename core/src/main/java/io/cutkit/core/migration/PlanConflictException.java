package io.cutkit.core.migration;

import java.util.List;
import java.util.stream.Collectors;

/** The plan has conflicts (collisions, changed checksums, ...); nothing was applied. */
public class PlanConflictException extends MigrationException {

    private final List<PlanEntry.Conflict> conflicts;

    public PlanConflictException(List<PlanEntry.Conflict> conflicts) {
        super(conflicts.size() + " migration conflict(s); nothing was applied:\n"
                + conflicts.stream().map(c -> "  " + c.name() + ": " + c.detail()).collect(Collectors.joining("\n")));
        this.conflicts = List.copyOf(conflicts);
    }

    public List<PlanEntry.Conflict> conflicts() {
        return conflicts;
    }
}
