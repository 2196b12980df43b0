package io.cutkit.preflight;

import io.cutkit.mysql.preflight.TargetContentFindings;
import java.sql.SQLException;
import java.util.Optional;

/** Reads whether the target database already holds tables ({@link TargetContentFindings}). */
final class TargetContentStage implements Stage {

    @Override
    public String name() {
        return "target-content";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.targetPool == null) {
            return Optional.of("needs --target");
        }
        return state.database == null ? Optional.of("needs --database or an inspected dump") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        return TargetContentFindings.of(state.targetPool, state.database).map(f -> {
            state.add(f);
            return "`" + state.database + "` holds " + f.evidence().get("tables") + " table(s)";
        }).orElse("`" + state.database + "` is absent or empty");
    }
}
