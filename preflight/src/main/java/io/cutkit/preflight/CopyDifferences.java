package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.verify.TableComparison;
import io.cutkit.mysql.verify.VerificationReport;

/** Turns the tables a {@link VerificationReport} found different into P0 findings: the data path loses or changes rows. */
final class CopyDifferences {

    private CopyDifferences() {
    }

    /**
     * Adds one finding per differing table of {@code report}, which compared {@code reference} (e.g.
     * {@code "the source"}) with the imported copy, and returns the stage's note.
     */
    static String report(DryRunState state, VerificationReport report, String database, String reference) {
        for (TableComparison t : report.differences()) {
            Finding.Builder finding = Finding.of(FindingClass.OTHER,
                            "table `" + t.table() + "` differs after the import: " + t.sourceRows() + " rows in " + reference
                                    + ", " + t.targetRows() + " in the copy (" + t.verdict() + ")"
                                    + t.firstDifferingKey().map(k -> ", first at primary key " + k).orElse(""),
                            "do not cut over with this data path: find why the rows differ (the evidence names the"
                                    + " first differing key) and run the dry-run again")
                    .severity(Severity.P0).object(database + "." + t.table()).evidence("verdict", t.verdict().name())
                    .evidence("source_rows", t.sourceRows()).evidence("copy_rows", t.targetRows());
            t.firstDifferingKey().ifPresent(k -> finding.evidence("first_differing_key", k));
            state.add(finding.build());
        }
        return report.tables().size() + " tables compared with " + reference + ", " + report.differences().size() + " differ";
    }
}
