package io.cutkit.twilio.preflight;

import io.cutkit.core.numbers.PlanEntry;
import io.cutkit.core.numbers.RepointPlan;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a repoint plan (computed from a snapshot, nothing sent) into pre-flight {@link Finding}s: a number whose
 * SIP trunk or application overrides the webhooks being changed is a P0 {@code number-override}, since the
 * repoint would not move its traffic; an override the plan clears ({@code CLEAR_OVERRIDE}) is P1, a decision the
 * runbook must own. Evidence: the number, its SID, the overriding settings and what they shadow.
 */
public final class NumberFindings {

    private NumberFindings() {
    }

    /** The findings of {@code plan}. */
    public static List<Finding> of(RepointPlan plan) {
        List<Finding> findings = new ArrayList<>();
        for (PlanEntry entry : plan.entries()) {
            if (entry instanceof PlanEntry.WouldNotMoveTraffic flagged) {
                List<String> overrides = settings(flagged, flagged.overriddenBy());
                findings.add(Finding.of(FindingClass.NUMBER_OVERRIDE,
                                flagged.number().phoneNumber() + " routes through " + String.join(", ", overrides)
                                        + ", which overrides " + flagged.shadowed() + ": repointing its webhooks would"
                                        + " not move its traffic",
                                "remove the override from the number (or point the trunk or application at the new stack)"
                                        + " before the window, or plan with OverrideHandling.CLEAR_OVERRIDE, or leave the"
                                        + " number out of the selection")
                        .object(flagged.number().phoneNumber()).evidence("number", flagged.number().phoneNumber())
                        .evidence("sid", flagged.number().sid()).evidence("overridden_by", overrides)
                        .evidence("shadowed", flagged.shadowed().stream().map(RouteField::name).toList()).build());
            } else if (entry instanceof PlanEntry.Apply apply && !apply.clearedOverrides().isEmpty()) {
                List<String> cleared = settings(apply, apply.clearedOverrides());
                findings.add(Finding.of(FindingClass.NUMBER_OVERRIDE,
                                "the repoint clears " + String.join(", ", cleared) + " from " + apply.number().phoneNumber()
                                        + ", so whatever that trunk or application did for it stops",
                                "confirm in the runbook that nothing else needs " + String.join(", ", cleared)
                                        + " on this number; the rollback restores it")
                        .severity(Severity.P1).object(apply.number().phoneNumber())
                        .evidence("number", apply.number().phoneNumber()).evidence("sid", apply.number().sid())
                        .evidence("cleared", cleared).build());
            }
        }
        return findings;
    }

    private static List<String> settings(PlanEntry entry, List<RouteField> fields) {
        return fields.stream().map(f -> f.name() + "=" + entry.before().valueOrNull(f)).toList();
    }
}
