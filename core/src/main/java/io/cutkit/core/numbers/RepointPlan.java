package io.cutkit.core.numbers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A per-number diff of what a repoint will change, computed from a snapshot without touching any
 * number. Read it ({@link #describe()}), then hand it to {@link NumberRepointer#apply}.
 */
public record RepointPlan(RoutingSnapshot snapshot, RouteChange change, OverrideHandling overrideHandling,
        List<PlanEntry> entries) {

    public RepointPlan {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(overrideHandling, "overrideHandling");
        entries = List.copyOf(entries);
    }

    /** Plans {@code change} for every number of {@code snapshot}. Pure: no I/O. */
    public static RepointPlan of(RoutingSnapshot snapshot, RouteChange change, OverrideHandling handling) {
        List<PlanEntry> entries = new ArrayList<>();
        for (RoutedNumber routed : snapshot.numbers()) {
            entries.add(entryFor(routed, change, handling));
        }
        return new RepointPlan(snapshot, change, handling, entries);
    }

    private static PlanEntry entryFor(RoutedNumber routed, RouteChange change, OverrideHandling handling) {
        NumberRoute before = routed.route();
        NumberRoute after = change.applyTo(before);
        List<RouteField> setByChange = change.values().entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .map(Map.Entry::getKey)
                .toList();
        Set<RouteField> overriding = new LinkedHashSet<>();
        Set<RouteField> shadowed = new LinkedHashSet<>();
        for (RouteField field : setByChange) {
            List<RouteField> overrides = after.overridesOf(field);
            if (!overrides.isEmpty()) {
                overriding.addAll(overrides);
                shadowed.add(field);
            }
        }
        List<RouteField> cleared = new ArrayList<>();
        if (handling == OverrideHandling.CLEAR_OVERRIDE) {
            for (RouteField field : overriding) {
                after = after.with(field, null);
                cleared.add(field);
            }
            overriding.clear();
        }
        List<FieldChange> changes = before.diff(after);
        if (changes.isEmpty()) {
            return new PlanEntry.Unchanged(routed.number(), before);
        }
        if (!overriding.isEmpty()) {
            return new PlanEntry.WouldNotMoveTraffic(routed.number(), before, after, changes,
                    List.copyOf(overriding), List.copyOf(shadowed));
        }
        return new PlanEntry.Apply(routed.number(), before, after, changes, cleared);
    }

    /** Entries flagged "repoint would not move traffic"; {@link NumberRepointer#apply} refuses while any exist. */
    public List<PlanEntry.WouldNotMoveTraffic> wouldNotMoveTraffic() {
        return entries.stream()
                .filter(PlanEntry.WouldNotMoveTraffic.class::isInstance)
                .map(PlanEntry.WouldNotMoveTraffic.class::cast)
                .toList();
    }

    /** Entries that will be sent. */
    public List<PlanEntry.Apply> changes() {
        return entries.stream()
                .filter(PlanEntry.Apply.class::isInstance)
                .map(PlanEntry.Apply.class::cast)
                .toList();
    }

    /** Whether {@link NumberRepointer#apply} will accept this plan. */
    public boolean canApply() {
        return wouldNotMoveTraffic().isEmpty();
    }

    /** A human-readable plan: one block per number with its field changes or flag. */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("Repoint plan for ").append(entries.size()).append(" number(s) of ")
                .append(snapshot.account()).append('\n');
        for (PlanEntry entry : entries) {
            text.append("  ").append(entry.number()).append(": ");
            if (entry instanceof PlanEntry.Apply apply) {
                text.append("change ").append(apply.changes().size()).append(" field(s)");
                if (!apply.clearedOverrides().isEmpty()) {
                    text.append(", clearing override ").append(apply.clearedOverrides());
                }
                text.append('\n');
                apply.changes().forEach(change -> text.append("      ").append(change).append('\n'));
            } else if (entry instanceof PlanEntry.WouldNotMoveTraffic flagged) {
                text.append("FLAGGED ").append(flagged.reason()).append('\n');
            } else {
                text.append("already on target, nothing to send\n");
            }
        }
        return text.toString();
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String describe() {
        return toText();
    }
}
