package io.cutkit.core.numbers;

import java.util.List;
import java.util.stream.Collectors;

/** What a plan will do to one number. */
public sealed interface PlanEntry permits PlanEntry.Apply, PlanEntry.Unchanged, PlanEntry.WouldNotMoveTraffic {

    NumberId number();

    /** The number's route in the snapshot. */
    NumberRoute before();

    /** The fields will change as listed; {@code clearedOverrides} are SIDs cleared so traffic follows the URLs. */
    record Apply(NumberId number, NumberRoute before, NumberRoute after, List<FieldChange> changes,
            List<RouteField> clearedOverrides) implements PlanEntry {
        public Apply {
            changes = List.copyOf(changes);
            clearedOverrides = List.copyOf(clearedOverrides);
        }
    }

    /** The number already routes as asked; nothing will be sent for it. */
    record Unchanged(NumberId number, NumberRoute before) implements PlanEntry {
    }

    /**
     * Repoint would not move traffic: {@code overriddenBy} (set on the number) makes the changed
     * fields {@code shadowed} ineffective. Re-plan with {@link OverrideHandling#CLEAR_OVERRIDE}, or
     * leave the number out of the selection.
     */
    record WouldNotMoveTraffic(NumberId number, NumberRoute before, NumberRoute after, List<FieldChange> changes,
            List<RouteField> overriddenBy, List<RouteField> shadowed) implements PlanEntry {
        public WouldNotMoveTraffic {
            changes = List.copyOf(changes);
            overriddenBy = List.copyOf(overriddenBy);
            shadowed = List.copyOf(shadowed);
        }

        /** One line saying which setting keeps the traffic where it is. */
        public String reason() {
            String overrides = overriddenBy.stream()
                    .map(field -> field + "=" + before.valueOrNull(field))
                    .collect(Collectors.joining(", "));
            return "repoint would not move traffic: " + overrides + " overrides " + shadowed
                    + "; re-plan with OverrideHandling.CLEAR_OVERRIDE or leave this number out";
        }
    }
}
