package io.cutkit.preflight;

import io.cutkit.mysql.preflight.CaseCollisionFindings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Tables and views of the imported copy whose names differ only in case, against a target with
 * {@code lower_case_table_names} 1 or 2 ({@link CaseCollisionFindings}). The flavours' defaults on Linux
 * keep case, so the check needs the real target's setting.
 */
final class TableNamesStage implements Stage {

    @Override
    public String name() {
        return "table-names";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.targetPool == null) {
            return Optional.of("needs --target (its lower_case_table_names)");
        }
        return state.imported().isEmpty() ? Optional.of("needs an imported copy") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        int mode = CaseCollisionFindings.lowerCaseTableNames(state.targetPool);
        int before = state.findings.size();
        try (Connection c = state.local.connect(null)) {
            state.addAll(CaseCollisionFindings.of(c, state.localDatabase, state.database, mode));
        }
        return "lower_case_table_names=" + mode + " on the target; " + (state.findings.size() - before)
                + " group(s) of names that differ only in case";
    }
}
