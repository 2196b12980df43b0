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
import picocli.CommandLine.Option;

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

    /** Options of both subcommands: where, which directory, which history; opens the runner. */
    abstract static class MigrationSubcommand extends CutkitSubcommand {
        @Mixin
        TargetServerOptions target;

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

        abstract int run(Console console, MySqlMigrationRunner runner);

        @Override
        final int run(Console console) {
            if (!Files.isDirectory(directory)) {
                throw usage("--dir: " + directory + " is not a directory");
            }
            try (HikariDataSource dataSource = target.address().dataSource(database, 2)) {
                MySqlMigrationRunner.Builder builder = MySqlMigrationRunner.builder(dataSource)
                        .source(MigrationSource.directory(directory))
                        .allowOutOfOrder(allowOutOfOrder);
                if (history != History.CUTKIT) {
                    builder.alsoRead(history.history.get());
                }
                return run(console, builder.build());
            }
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show what apply would do, migration by migration. Exit 1 when the plan has conflicts.")
    static final class Plan extends MigrationSubcommand {
        @Override
        int run(Console console, MySqlMigrationRunner runner) {
            MigrationPlan plan = runner.plan();
            console.result(plan.toText(), Console.parsed(plan.toJson()));
            return plan.executable() ? ExitCodes.OK : ExitCodes.FINDING;
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Plan, then apply the pending migrations under a lock. Exit 1 (nothing run) when the plan has conflicts.")
    static final class Apply extends MigrationSubcommand {
        @Override
        int run(Console console, MySqlMigrationRunner runner) {
            MigrationPlan plan = runner.plan();
            if (!plan.executable()) {
                console.result(plan.toText(), Map.of("applied", false, "plan", Console.parsed(plan.toJson())));
                return ExitCodes.FINDING;
            }
            MigrationResult result;
            try (ProgressTicker ticker = ProgressTicker.start(console, "migrating " + database)) {
                result = runner.migrate(plan);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("applied", true);
            doc.put("migrations", result.applied().stream().map(a -> Map.of("name", a.name(), "lineage", a.lineage(),
                    "statements", a.statements(), "durationMillis", a.duration().toMillis())).toList());
            doc.put("elapsedMillis", result.elapsed().toMillis());
            StringBuilder text = new StringBuilder(plan.toText()).append('\n')
                    .append(result.noOp() ? "nothing to apply" : "applied " + result.applied().size() + " migration(s):");
            result.applied().forEach(a -> text.append("\n  ").append(a.name()).append(" (").append(a.statements())
                    .append(" statements, ").append(a.duration().toMillis()).append(" ms)"));
            console.result(text.toString(), doc);
            return ExitCodes.OK;
        }
    }
}
