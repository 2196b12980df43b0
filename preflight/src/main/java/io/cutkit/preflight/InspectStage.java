package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.dump.DumpInspector;
import io.cutkit.mysql.dump.DumpReport;
import io.cutkit.mysql.preflight.DumpFindings;
import io.cutkit.mysql.preflight.SavedSqlModeFindings;
import java.util.Optional;

/**
 * Reads the dump once with {@link DumpInspector}: against the real target when the plan names one
 * (collations, DEFINER accounts, max_allowed_packet), and against the target flavour's collations
 * when the target cannot be reached.
 */
final class InspectStage implements Stage {

    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.dump == null ? Optional.of("needs a dump (--dump) or an export of the source") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) {
        state.progress.accept("inspecting " + state.dumpName);
        DumpInspector.Builder inspector = DumpInspector.builder().targetDatabase(state.plan.database().orElse(null));
        if (state.targetPool != null) {
            inspector.targetServer(state.targetPool);
        }
        DumpReport report = inspector.build().inspect(state.dump);
        state.inspection = report;
        state.database = state.plan.database().orElseGet(() -> report.databases().isEmpty() ? "dry_run"
                : report.databases().get(0).database());
        boolean flavourAcceptsMode = state.target == null && state.plan.targetFlavor().filter(f -> !f.isMySql()).isPresent();
        DumpFindings.of(report, state.dumpName, state.plan.foreignDatabases()).stream()
                .map(f -> flavourAcceptsMode && SavedSqlModeFindings.MODE.equals(f.evidence().get("sql_mode"))
                        ? accepted(f) : f)
                .forEach(state::add);
        state.plan.targetFlavor().filter(f -> state.target == null).ifPresent(flavor ->
                report.collations().forEach((collation, line) -> {
                    if (!flavor.supportsCollation(collation)) {
                        state.add(Finding.of(FindingClass.COLLATION_UNAVAILABLE,
                                        "the dump uses collation " + collation + ", which " + flavor.id()
                                                + " does not have: CREATE statements using it fail with error 1273",
                                        "choose a target with " + collation + ", or convert the source to a collation "
                                                + flavor.id() + " has before the export")
                                .object(state.dumpName + ":" + line).evidence("collation", collation)
                                .evidence("flavor", flavor.id()).build());
                    }
                }));
        return report.bytes() + " bytes, " + report.statements() + " statements, " + report.tables().size() + " tables, "
                + report.verdicts().size() + " verdicts";
    }

    /** The mode's finding for a MariaDB flavour, which accepts it: hygiene for a later move to MySQL 8. */
    private static Finding accepted(Finding f) {
        return new Finding(Severity.P2, f.findingClass(), f.message() + "; the target (MariaDB) accepts it", f.fix(),
                f.object(), f.autofix(), f.evidence());
    }
}
