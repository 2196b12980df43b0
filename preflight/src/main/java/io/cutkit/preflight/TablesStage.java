package io.cutkit.preflight;

import io.cutkit.mysql.preflight.TableFindings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Checks the imported copy's tables ({@link TableFindings}): engines, keys and row sizes. */
final class TablesStage implements Stage {

    @Override
    public String name() {
        return "tables";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.imported().isEmpty() ? Optional.of("needs an imported copy") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        int before = state.findings.size();
        try (Connection c = state.local.connect(null)) {
            state.addAll(TableFindings.of(c, state.localDatabase, state.database, state.plan.online()));
        }
        return (state.findings.size() - before) + " finding(s) on engines, keys and row sizes";
    }
}
