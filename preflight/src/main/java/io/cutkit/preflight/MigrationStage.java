package io.cutkit.preflight;

import io.cutkit.core.migration.MigrationFailedException;
import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.migration.Migration;
import io.cutkit.mysql.migration.MigrationHistory;
import io.cutkit.mysql.migration.MySqlMigrationRunner;
import io.cutkit.mysql.preflight.MigrationFindings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Plans the new code's migrations against the imported copy's history, as the window's run would (collisions
 * of forked histories, changed, renamed and foreign migrations: {@link MigrationFindings}), then applies them to
 * the copy when the plan allows it and cutkit can run them, measuring the time the estimate adds. Another tool's
 * files (e.g. Sequelize's) are planned only.
 */
final class MigrationStage implements Stage {

    @Override
    public String name() {
        return "migrations";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.plan.migrations().isEmpty()) {
            return Optional.of("needs --migrations (and the history table they are recorded in)");
        }
        return state.imported().isPresent() ? Optional.empty() : Optional.of("needs an imported copy");
    }

    @Override
    public String run(DryRunState state) {
        MigrationHistory history = state.plan.history();
        MySqlMigrationRunner.Builder builder = MySqlMigrationRunner.builder(state.local.dataSource(state.localDatabase))
                .source(state.plan.migrations().orElseThrow());
        if (history.writable()) {
            builder.history(history);
        } else {
            builder.alsoRead(history);
        }
        state.plan.referenceMigrations().ifPresent(builder::referenceMigrations);
        MySqlMigrationRunner runner = builder.build();
        MigrationPlan plan = runner.plan();
        state.addAll(MigrationFindings.of(plan, state.database));
        List<PlanEntry.Apply> pending = plan.toApply();
        String planned = pending.size() + " to apply, " + plan.conflicts().size() + " conflict(s)";
        if (!plan.executable()) {
            return planned + "; not applied until the conflicts are resolved";
        }
        if (pending.isEmpty()) {
            return planned;
        }
        Set<String> notRunnable = state.plan.migrations().orElseThrow().load().stream()
                .filter(m -> !m.runnable()).map(Migration::name).collect(Collectors.toSet());
        List<String> othersTool = pending.stream().map(PlanEntry::name).filter(notRunnable::contains).toList();
        if (!othersTool.isEmpty()) {
            state.add(Finding.of(FindingClass.OTHER,
                            othersTool.size() + " pending migration(s) are another tool's files (e.g. " + othersTool.get(0)
                                    + "): planned, not rehearsed, so their time is not in the estimate",
                            "rehearse them with their own tool on a copy of the data and add their time to the window")
                    .severity(Severity.P2).object(othersTool.get(0)).evidence("migrations", othersTool).build());
            return planned + "; not applied (another tool's files)";
        }
        state.progress.accept("applying " + pending.size() + " migration(s) to the local copy");
        long started = System.nanoTime();
        try {
            runner.migrate(plan);
            state.migrationTime = Duration.ofNanos(System.nanoTime() - started);
            return planned + "; applied to the copy in " + state.migrationTime.toMillis() + " ms";
        } catch (MigrationFailedException e) {
            state.migrationTime = Duration.ofNanos(System.nanoTime() - started);
            state.add(MigrationFindings.failed(e));
            return planned + "; " + e.migration() + " failed on the copy";
        }
    }
}
