package io.cutkit.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.MigrationResult;
import io.cutkit.mysql.migration.MigrationHistory;
import io.cutkit.mysql.migration.MigrationSource;
import io.cutkit.mysql.migration.MySqlMigrationRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cutkit migrations plan|apply}: fork-aware migrations over a directory (MySqlMigrationRunner). */
@Command(name = "migrations", mixinStandardHelpOptions = true,
        description = "Plan or apply the SQL migrations of a directory, reading another tool's history table too.",
        subcommands = {MigrationsCommand.Plan.class, MigrationsCommand.Apply.class})
final class MigrationsCommand extends CommandGroup {

    /** The history table another tool wrote, read next to cutkit's own (which is written). */
    enum History {
        SEQUELIZE(MigrationHistory::sequelizeMeta),
        RAILS(MigrationHistory::railsSchemaMigrations),
        FLYWAY(MigrationHistory::flyway),
        CUTKIT(MigrationHistory::cutkit);

        private final Supplier<MigrationHistory> history;

        History(Supplier<MigrationHistory> history) {
            this.history = history;
        }
    }

    /** Options of both subcommands. */
    static final class RunnerOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--database", paramLabel = "NAME", required = true, description = "The database to migrate.")
        String database;

        @Option(names = "--dir", paramLabel = "DIR", required = true, description = "The directory of migrations (.sql files).")
        Path directory;

        @Option(names = "--history", paramLabel = "TOOL", defaultValue = "CUTKIT",
                description = "History table to read: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}); "
                        + "cutkit_schema_history is always read and written.")
        History history;

        @Option(names = "--allow-out-of-order", description = "Run migrations numbered below the highest applied one.")
        boolean allowOutOfOrder;

        MySqlMigrationRunner runner(HikariDataSource dataSource) {
            if (!Files.isDirectory(directory)) {
                throw new ParameterException(spec.commandLine(), "--dir: " + directory + " is not a directory");
            }
            MySqlMigrationRunner.Builder builder = MySqlMigrationRunner.builder(dataSource)
                    .source(MigrationSource.directory(directory))
                    .allowOutOfOrder(allowOutOfOrder);
            if (history != History.CUTKIT) {
                builder.alsoRead(history.history.get());
            }
            return builder.build();
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show what apply would do, migration by migration. Exit 1 when the plan has conflicts.")
    static final class Plan extends CutkitSubcommand {
        @Mixin
        TargetServerOptions target;

        @Mixin
        RunnerOptions options;

        @Override
        int run(Console console) {
            try (HikariDataSource dataSource = target.address().dataSource(options.database, 2)) {
                MigrationPlan plan = options.runner(dataSource).plan();
                console.result(plan.toTable(), Console.parsed(plan.toJson()));
                return plan.executable() ? ExitCodes.OK : ExitCodes.FINDING;
            }
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Plan, then apply the pending migrations under a lock. Exit 1 (nothing run) when the plan has conflicts.")
    static final class Apply extends CutkitSubcommand {
        @Mixin
        TargetServerOptions target;

        @Mixin
        RunnerOptions options;

        @Override
        int run(Console console) {
            try (HikariDataSource dataSource = target.address().dataSource(options.database, 2)) {
                MySqlMigrationRunner runner = options.runner(dataSource);
                MigrationPlan plan = runner.plan();
                if (!plan.executable()) {
                    console.result(plan.toTable(), Map.of("applied", false, "plan", Console.parsed(plan.toJson())));
                    return ExitCodes.FINDING;
                }
                MigrationResult result;
                try (ProgressTicker ticker = ProgressTicker.start(console, "migrating " + options.database)) {
                    result = runner.migrate(plan);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("applied", true);
                doc.put("migrations", result.applied().stream().map(a -> Map.of("name", a.name(), "lineage", a.lineage(),
                        "statements", a.statements(), "durationMillis", a.duration().toMillis())).toList());
                doc.put("elapsedMillis", result.elapsed().toMillis());
                StringBuilder text = new StringBuilder(plan.toTable()).append('\n')
                        .append(result.noOp() ? "nothing to apply" : "applied " + result.applied().size() + " migration(s):");
                result.applied().forEach(a -> text.append("\n  ").append(a.name()).append(" (").append(a.statements())
                        .append(" statements, ").append(a.duration().toMillis()).append(" ms)"));
                console.result(text.toString(), doc);
                return ExitCodes.OK;
            }
        }
    }
}
