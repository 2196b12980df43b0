package io.cutkit.preflight;

import io.cutkit.mysql.migration.MigrationHistory;
import io.cutkit.mysql.migration.MySqlMigrationRunner;
import io.cutkit.mysql.preflight.DriftFindings;
import io.cutkit.mysql.schema.DriftReport;
import io.cutkit.mysql.schema.ExpectedSchema;
import io.cutkit.mysql.schema.SchemaDriftGuard;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Compares the schema the new code expects (declared in the plan, or built from its migrations in a scratch
 * database on the local server) with the imported copy, after its migrations ran ({@link SchemaDriftGuard}); a
 * narrowing below live data is P0 ({@link DriftFindings}).
 */
final class DriftStage implements Stage {

    private static final String SCRATCH_HISTORY = "cutkit_expected_schema_history";

    @Override
    public String name() {
        return "drift";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.plan.expectedSchema().isEmpty() && state.plan.expectedSchemaMigrations().isEmpty()) {
            return Optional.of("needs --expected-schema (the new code's schema, or its migrations)");
        }
        return state.imported().isPresent() ? Optional.empty() : Optional.of("needs an imported copy");
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        ExpectedSchema expected = state.plan.expectedSchema().isPresent() ? state.plan.expectedSchema().get()
                : fromMigrations(state);
        DriftReport report = SchemaDriftGuard.of(state.local.dataSource(state.localDatabase), state.localDatabase)
                .compareWith(expected);
        state.addAll(DriftFindings.of(report, state.database));
        return expected.tables().size() + " expected table(s): " + report.dataLosingNarrowings().size()
                + " narrowing(s) below live data, " + (report.narrowings().size() - report.dataLosingNarrowings().size()
                + report.otherDifferences().size()) + " other difference(s)";
    }

    /** Builds the new code's migrations into a scratch database and reads its schema, without the runner's history. */
    private static ExpectedSchema fromMigrations(DryRunState state) throws SQLException {
        state.progress.accept("building the new code's schema from its migrations");
        String scratch = state.local.createDatabase("cutkit_expected");
        try {
            MySqlMigrationRunner.builder(state.local.dataSource(scratch))
                    .source(state.plan.expectedSchemaMigrations().orElseThrow())
                    .history(MigrationHistory.cutkit(SCRATCH_HISTORY)).build().migrate();
            try (Connection c = state.local.connect(scratch); Statement st = c.createStatement()) {
                st.execute("DROP TABLE " + ImportStage.quote(SCRATCH_HISTORY));
            }
            return ExpectedSchema.fromDatabase(state.local.dataSource(scratch), scratch);
        } finally {
            state.local.dropDatabase(scratch);
        }
    }
}
