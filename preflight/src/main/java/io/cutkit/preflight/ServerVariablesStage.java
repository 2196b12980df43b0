package io.cutkit.preflight;

import io.cutkit.mysql.preflight.ServerVariableFindings;
import java.sql.SQLException;
import java.util.Optional;

/** Compares the source's and the target's behaviour-changing settings ({@link ServerVariableFindings}). */
final class ServerVariablesStage implements Stage {

    @Override
    public String name() {
        return "server-variables";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.targetPool == null || state.plan.source().isEmpty()
                ? Optional.of("needs --source and --target (a flavour alone says nothing of either's settings)")
                : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        int before = state.findings.size();
        state.addAll(ServerVariableFindings.of(state.sourcePool(), state.targetPool));
        return (state.findings.size() - before) + " setting(s) differ";
    }
}
