package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import java.time.LocalDate;

/**
 * A decision to accept findings of one class (on one object, or all when {@code object} is null) until
 * a date: a waived finding is still reported, marked with the reason, and no longer fails the run; after
 * {@code until} it counts again. The reason is required.
 *
 * @param findingClass the class id it waives, e.g. {@code engine}
 * @param object the finding's object it waives, or null for every object of the class
 * @param reason why the team accepts it (required)
 * @param until the last day it holds, or null for no end
 */
public record Waiver(String findingClass, String object, String reason, LocalDate until) {

    public Waiver {
        if (findingClass == null || FindingClass.byId(findingClass).isEmpty()) {
            throw new IllegalArgumentException("a waiver needs a known class, not '" + findingClass + "'");
        }
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("the waiver of " + findingClass + (object == null ? "" : " " + object)
                    + " has no reason: say why the finding is accepted");
        }
    }

    /** Whether this waiver covers {@code finding} on {@code day} (not expired). */
    public boolean covers(Finding finding, LocalDate day) {
        return finding.findingClass().id().equals(findingClass) && (object == null || object.equals(finding.object()))
                && (until == null || !day.isAfter(until));
    }

    /** The first of {@code waivers} that covers {@code finding} today, or null. */
    static Waiver covering(Iterable<Waiver> waivers, Finding finding, LocalDate day) {
        for (Waiver w : waivers) {
            if (w.covers(finding, day)) {
                return w;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "waived: " + reason + (until == null ? "" : " (until " + until + ")");
    }

    static Waiver of(String findingClass, String object, String reason, String until) {
        try {
            return new Waiver(findingClass, object, reason, until == null ? null : LocalDate.parse(until));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("the waiver of " + findingClass + " has until '" + until
                    + "', not a date such as 2027-01-31", e);
        }
    }
}
