package io.cutkit.preflight;

import io.cutkit.mysql.preflight.TimeZoneFindings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Named time zones the source or its stored code uses, against a target without time zone tables
 * ({@link TimeZoneFindings}): the source's {@code time_zone} when the plan names a source, and the
 * CONVERT_TZ calls of the imported copy's views, routines, triggers and events.
 */
final class TimeZonesStage implements Stage {

    @Override
    public String name() {
        return "time-zones";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.targetPool == null) {
            return Optional.of("needs --target (whether its time zone tables are loaded)");
        }
        return state.plan.source().isEmpty() && state.imported().isEmpty()
                ? Optional.of("needs --source or an imported copy") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        if (TimeZoneFindings.namedZonesLoaded(state.targetPool)) {
            return "the target resolves named zones";
        }
        int before = state.findings.size();
        if (state.plan.source().isPresent()) {
            state.addAll(TimeZoneFindings.ofSource(state.sourcePool()));
        }
        if (state.imported().isPresent()) {
            try (Connection c = state.local.connect(null)) {
                state.addAll(TimeZoneFindings.ofStoredCode(c, state.localDatabase, state.database));
            }
        }
        return "the target has no time zone tables; " + (state.findings.size() - before) + " use(s) of named zones";
    }
}
