package io.cutkit.gcp.sql;

import io.cutkit.mysql.dump.DatabaseReference;
import io.cutkit.mysql.dump.DumpInspector;
import io.cutkit.mysql.dump.DumpReport;
import io.cutkit.mysql.dump.DumpVerdict;
import io.cutkit.mysql.script.StatementKind;
import java.io.InputStream;
import java.util.List;

/**
 * The {@link DumpLandingCheck} backed by cutkit-mysql's {@link DumpInspector}: a statement-level
 * scan (conditional comments, DELIMITER blocks and string literals understood) in one sequential
 * read with constant memory. Reports the {@code CREATE DATABASE} and {@code USE} statements, and a
 * dump that is truncated, not SQL, or starts with MariaDB's sandbox-mode line (which MySQL's client,
 * and so Cloud SQL's import, rejects) as damage.
 */
public final class DumpInspectorLandingCheck implements DumpLandingCheck {

    private static final String SANDBOX = "Its first line is MariaDB's sandbox-mode marker (/*M!999999\\- enable the"
            + " sandbox mode */), which Cloud SQL's MySQL import stops at with \"Unknown command '\\-'\": remove that"
            + " line (e.g. sed 1d) and upload the file again.";

    private final DumpInspector inspector;

    private DumpInspectorLandingCheck(DumpInspector inspector) {
        this.inspector = inspector;
    }

    /** A check with a default inspector (no target server: only what the dump itself says). */
    public static DumpInspectorLandingCheck create() {
        return new DumpInspectorLandingCheck(DumpInspector.builder().build());
    }

    @Override
    public DumpLanding inspect(InputStream dump, String sourceName) {
        DumpReport report = inspector.inspect(dump, sourceName);
        List<DumpLanding.DatabaseMention> mentions = report.databases().stream()
                .filter(r -> r.statement() == StatementKind.USE || r.statement() == StatementKind.CREATE_DATABASE)
                .map(DumpInspectorLandingCheck::mention)
                .toList();
        List<String> damage = report.verdicts().stream()
                .filter(v -> v instanceof DumpVerdict.Truncated || v instanceof DumpVerdict.NotSql
                        || v instanceof DumpVerdict.SandboxMarker)
                .map(v -> v instanceof DumpVerdict.SandboxMarker ? SANDBOX : v.message())
                .toList();
        return new DumpLanding(mentions, report.statements(), damage);
    }

    private static DumpLanding.DatabaseMention mention(DatabaseReference reference) {
        return new DumpLanding.DatabaseMention(reference.line(),
                reference.statement() == StatementKind.USE ? "USE" : "CREATE DATABASE", reference.database());
    }

    @Override
    public String toString() {
        return "DumpInspectorLandingCheck";
    }
}
