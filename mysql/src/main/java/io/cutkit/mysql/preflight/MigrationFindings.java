package io.cutkit.mysql.preflight;

import io.cutkit.core.migration.MigrationFailedException;
import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.migration.PlanReason;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link MigrationPlan} made against a copy of the source into pre-flight {@link Finding}s. A pending
 * migration whose number an applied one already took is a P0 {@code migration-collision} (the field report's
 * blocker 2) with the next free number; applied migrations whose file changed are P1 {@code migration-checksum},
 * one each, and those renamed or unknown to the code being deployed are P1 {@code migration-checksum}, one
 * finding each kind; any other conflict that stops the run (out of order, a failed earlier attempt) is P0
 * {@code other}. A migration that fails on the copy is P0 {@code other} ({@link #failed}).
 */
public final class MigrationFindings {

    private static final int LISTED = 10;

    private MigrationFindings() {
    }

    /** The findings of {@code plan}, made for the database the new stack calls {@code database}. */
    public static List<Finding> of(MigrationPlan plan, String database) {
        List<Finding> findings = new ArrayList<>();
        for (PlanEntry.Conflict c : plan.conflicts()) {
            findings.add(switch (c.reason()) {
                case COLLISION -> collision(c);
                case CHECKSUM_CHANGED -> Finding.of(FindingClass.MIGRATION_CHECKSUM,
                                "applied migration " + c.name() + " has other content here than when it ran: " + c.detail(),
                                "restore the applied content of " + c.name() + " and add the change as a new migration")
                        .object(c.name()).evidence("migration", c.name()).build();
                default -> Finding.of(FindingClass.OTHER, "migration " + c.name() + " stops the run: " + c.detail(),
                                "decide before the window as the detail says; until then the migrations do not run")
                        .severity(Severity.P0).object(c.name()).evidence("migration", c.name())
                        .evidence("reason", c.reason().name().toLowerCase(java.util.Locale.ROOT)).build();
            });
        }
        List<PlanEntry> renamed = plan.withReason(PlanReason.RENAMED);
        if (!renamed.isEmpty()) {
            findings.add(Finding.of(FindingClass.MIGRATION_CHECKSUM,
                            renamed.size() + " migration(s) of the code are applied migrations under another name: they"
                                    + " are not run again, but the tool that owns `" + database + "` may run them twice",
                            "rename the files back to the names the history records, or record the new names in the history")
                    .object(database).evidence("renamed", renamed.stream().limit(LISTED)
                            .map(e -> e.name() + " (applied as " + ((PlanEntry.Skip) e).appliedAs().orElse("?") + ")").toList())
                    .build());
        }
        List<PlanEntry> foreign = plan.withReason(PlanReason.FOREIGN);
        if (!foreign.isEmpty()) {
            findings.add(Finding.of(FindingClass.MIGRATION_CHECKSUM,
                            foreign.size() + " applied migration(s) are unknown to the code being deployed (e.g. "
                                    + foreign.get(0).name() + "): their schema changes stay, but no file of the new code"
                                    + " explains them",
                            "merge the other fork's migrations into the code (renumbering the pending ones after them),"
                                    + " or confirm in the runbook that the new code works with their schema")
                    .object(database).evidence("count", foreign.size())
                    .evidence("migrations", foreign.stream().limit(LISTED).map(PlanEntry::name).toList()).build());
        }
        return findings;
    }

    /** The P0 finding of a migration that failed on the rehearsal copy, with its statement and error. */
    public static Finding failed(MigrationFailedException e) {
        return Finding.of(FindingClass.OTHER,
                        "migration " + e.migration() + " fails on a copy of the data at statement "
                                + e.failedStatementNumber() + " (error " + e.errorCode() + "): " + e.getMessage(),
                        "fix the migration (or the data it trips on) and run the dry-run again; in the window it would"
                                + " stop half-applied")
                .severity(Severity.P0).object(e.migration()).evidence("migration", e.migration())
                .evidence("statement_number", e.failedStatementNumber()).evidence("statement", e.failedStatement())
                .evidence("error", e.errorCode()).build();
    }

    private static Finding collision(PlanEntry.Conflict c) {
        String number = c.name().replaceFirst("^[Vv]?(\\d+).*$", "$1");
        String taken = c.conflictsWith().orElse("another migration");
        Finding.Builder finding = Finding.of(FindingClass.MIGRATION_COLLISION,
                        "pending migration " + c.name() + " has number " + number + ", which applied migration " + taken
                                + " already took: a name-based runner skips or mis-orders it, a version-based one"
                                + " thinks it ran",
                        c.suggestedName().map(s -> "rename " + c.name() + " to " + s + " (the next number free on both"
                                + " forks) before the window").orElse("renumber " + c.name() + " above every applied"
                                + " migration before the window"))
                .object(c.name()).evidence("number", number).evidence("migration", c.name()).evidence("taken_by", taken);
        c.suggestedVersion().ifPresent(v -> finding.evidence("next_free_number", v));
        c.suggestedName().ifPresent(s -> finding.evidence("suggested_name", s));
        return finding.build();
    }
}
