package io.cutkit.preflight;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.VerificationReport;
import java.util.Optional;

/**
 * Compares the imported copy with the live source, table by table (row counts and content checksums,
 * {@link DatabaseVerifier}); a difference is P0: the data path loses or changes rows.
 */
final class SourceVerifyStage implements Stage {

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.plan.source().isEmpty()) {
            return Optional.of("needs --source (checksums against the live source)");
        }
        return state.imported().isPresent() ? Optional.empty() : Optional.of("needs an imported copy");
    }

    @Override
    public String run(DryRunState state) {
        state.progress.accept("verifying the copy against the source (row counts and checksums)");
        String database = state.plan.sourceDatabase().orElseThrow();
        try (HikariDataSource source = state.plan.source().orElseThrow().readOnlyPool(database, 2)) {
            VerificationReport report = DatabaseVerifier.builder().parallelism(2).build()
                    .compare(source, database, state.local.dataSource(state.localDatabase), state.localDatabase);
            return CopyDifferences.report(state, report, database, "the source");
        }
    }
}
