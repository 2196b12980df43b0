package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.schema.ColumnNarrowing;
import io.cutkit.mysql.schema.DriftReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link DriftReport} (the new code's schema against a copy of the live data) into pre-flight
 * {@link Finding}s: each narrowing that live rows would not survive is a P0 {@code narrowing} with the rows
 * that do not fit and the first offending key (the field report's blocker 3); every other difference,
 * including narrowings no row is affected by, is summed up in one P2 {@code other}.
 */
public final class DriftFindings {

    private static final int LISTED = 20;

    private DriftFindings() {
    }

    /** The findings of {@code report}, for the database the new stack calls {@code database}. */
    public static List<Finding> of(DriftReport report, String database) {
        List<Finding> findings = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (ColumnNarrowing n : report.narrowings()) {
            if (n.losesData()) {
                findings.add(narrowing(n, database));
            } else {
                others.add(n.describe());
            }
        }
        report.otherDifferences().forEach(d -> others.add("`" + d.table() + "`"
                + (d.column().isEmpty() ? "" : ".`" + d.column() + "`") + ": " + d.description()));
        if (!others.isEmpty()) {
            findings.add(Finding.of(FindingClass.OTHER,
                            others.size() + " other difference(s) between the new code's schema and `" + database
                                    + "` (no live data lost), e.g. " + others.get(0),
                            "review them; align the code's schema or its migrations where the difference is unintended")
                    .severity(Severity.P2).object(database).evidence("count", others.size())
                    .evidence("differences", others.stream().limit(LISTED).toList()).build());
        }
        return findings;
    }

    private static Finding narrowing(ColumnNarrowing n, String database) {
        String column = n.table() + "." + n.column();
        Finding.Builder finding = Finding.of(FindingClass.NARROWING,
                        "the new code expects " + column + " as " + n.expected() + ", narrower than the live " + n.live()
                                + " (" + String.join("; ", n.reasons()) + "): " + n.rowsThatDoNotFit()
                                + " row(s) do not fit" + n.firstOffendingKey().map(k -> ", the first at key " + k).orElse("")
                                + ", so the sync or migration fails with \"Data too long\" or loses data",
                        "keep " + column + " at " + n.live() + " in the new code's models and migrations (or shorten"
                                + " those rows deliberately first); never narrow a column below the live data")
                .object(database + "." + column).evidence("column", column).evidence("live_type", n.live().toString())
                .evidence("expected_type", n.expected().toString()).evidence("rows_that_do_not_fit", n.rowsThatDoNotFit());
        n.firstOffendingKey().ifPresent(k -> finding.evidence("first_offending_key", k));
        return finding.build();
    }
}
