package io.cutkit.preflight;

import io.cutkit.mysql.preflight.ReplicationReadinessFindings;
import java.sql.SQLException;
import java.util.Optional;

/** Reads whether the source's binary log can feed an online cutover ({@link ReplicationReadinessFindings}). */
final class ReplicationStage implements Stage {

    @Override
    public String name() {
        return "replication";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.plan.source().isEmpty() ? Optional.of("needs --source (its binary log settings)") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        int before = state.findings.size();
        state.addAll(ReplicationReadinessFindings.of(state.sourcePool(), state.plan.online()));
        return (state.findings.size() - before) + " gap(s)" + (state.plan.online() ? " for the online plan" : "");
    }
}
