package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.mysql.dump.DumpVerdict;
import io.cutkit.mysql.preflight.SavedSqlModeFindings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Reports routines, triggers and events saved with {@code NO_AUTO_CREATE_USER} when the target is MySQL 8
 * ({@link SavedSqlModeFindings}): read from the source's {@code information_schema} when the plan names a
 * source, otherwise from the imported copy, where the dump's {@code SET sql_mode} before each CREATE put it.
 * Objects found replace the inspection's finding of the lines that set the mode, which they name better. A
 * dump that never sets the mode itself (a script run under the server's own modes) is judged by the
 * objects' bodies only: the copy's saved modes are then the rehearsal server's, not the dump's.
 */
final class SavedSqlModeStage implements Stage {

    @Override
    public String name() {
        return "sql-modes";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.targetFlavor().isEmpty()) {
            return Optional.of("needs --target or --target-flavor");
        }
        if (!state.targetFlavor().get().isMySql()) {
            return Optional.of("the target (" + state.targetFlavor().get().id() + ") accepts every saved sql_mode");
        }
        return state.plan.source().isEmpty() && state.imported().isEmpty()
                ? Optional.of("needs --source or an imported copy") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        boolean fromSource = state.plan.source().isPresent();
        // the copy's saved modes are the dump's only where the dump sets the mode: a script's CREATEs run under
        // the rehearsal server's own sql_mode, whose MariaDB defaults (and TRADITIONAL) hold NO_AUTO_CREATE_USER
        boolean dumpSetsMode = fromSource || !state.inspection.verdicts(DumpVerdict.NoAutoCreateUser.class).isEmpty();
        List<Finding> found;
        try (Connection c = fromSource ? state.sourcePool().getConnection() : state.local.connect(null)) {
            found = SavedSqlModeFindings.of(c, fromSource ? state.plan.sourceDatabase().orElseThrow() : state.localDatabase,
                    state.database).stream().filter(f -> dumpSetsMode || f.evidence().containsKey("in_body")).toList();
        }
        long inBody = found.stream().filter(f -> f.evidence().containsKey("in_body")).count();
        int saved = found.stream().filter(f -> f.evidence().get("objects") instanceof List<?>)
                .mapToInt(f -> ((List<?>) f.evidence().get("objects")).size()).sum();
        if (saved > 0) {
            // the objects named here are what the inspection's finding of the mode's lines points at
            state.findings.removeIf(f -> f.findingClass() == FindingClass.OTHER
                    && SavedSqlModeFindings.MODE.equals(f.evidence().get("sql_mode")));
        }
        state.addAll(found);
        String body = inBody + " object(s) set " + SavedSqlModeFindings.MODE + " in their bodies";
        if (!dumpSetsMode) {
            return body + "; the dump never sets it before a CREATE (the copy's saved modes are the rehearsal server's own)";
        }
        return saved + " object(s) saved with " + SavedSqlModeFindings.MODE + (fromSource ? " on the source" : " in the dump")
                + "; " + body;
    }
}
