package io.cutkit.cli;

import io.cutkit.core.data.ImportOutcome;
import io.cutkit.mysql.dump.DefinerPolicy;
import io.cutkit.mysql.dump.ForeignDatabasePolicy;
import io.cutkit.mysql.dump.ImportRefusedException;
import io.cutkit.mysql.dump.JdbcSnapshotImporter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutkit import}: a dump file or chunk directory into one target database (JdbcSnapshotImporter). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load a dump file or chunk directory into one target database.",
            "Reads mysqldump, mariadb-dump and Cloud SQL files (.sql, .sql.gz) and cutkit chunk directories.",
            "Checks first and changes nothing when it refuses (exit 1)."})
final class ImportCommand extends CutkitSubcommand {

    /** What to do with the DEFINER clauses of views, triggers, routines and events. */
    enum Definers { KEEP, STRIP }

    @Parameters(paramLabel = "PATH", description = "The dump file or chunk directory.")
    Path path;

    @Option(names = "--database", paramLabel = "NAME", required = true, description = "The database to load into.")
    String database;

    @Mixin
    TargetServerOptions target;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4", description = "Loading connections (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--foreign-databases", paramLabel = "POLICY", defaultValue = "REWRITE_TO_TARGET",
            description = "A dump's USE / CREATE DATABASE of another name: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    ForeignDatabasePolicy foreignDatabases;

    @Option(names = "--definers", paramLabel = "POLICY", defaultValue = "KEEP",
            description = "DEFINER clauses: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Definers definers;

    @Option(names = "--allow-missing-definers", description = "Load even when a kept DEFINER's account is missing on the target.")
    boolean allowMissingDefiners;

    @Override
    int run(Console console) {
        if (workers < 1) {
            throw usage("--workers must be at least 1, got " + workers);
        }
        JdbcSnapshotImporter importer = JdbcSnapshotImporter.builder(target.address())
                .workers(workers)
                .foreignDatabases(foreignDatabases)
                .definers(definers == Definers.STRIP ? DefinerPolicy.strip() : DefinerPolicy.keep())
                .allowMissingDefiners(allowMissingDefiners)
                .build();
        ImportOutcome outcome;
        try (ProgressTicker ticker = ProgressTicker.start(console, "importing " + path + " into " + database)) {
            outcome = importer.importPath(path, database);
        } catch (ImportRefusedException refused) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("refused", true);
            doc.put("targetDatabase", database);
            doc.put("reasons", refused.reasons());
            console.result("import refused, nothing changed:\n  " + String.join("\n  ", refused.reasons()), doc);
            return ExitCodes.FINDING;
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("refused", false);
        doc.put("targetDatabase", outcome.targetDatabase());
        doc.put("statements", outcome.statements());
        doc.put("rows", outcome.rows());
        doc.put("elapsedMillis", outcome.elapsed().toMillis());
        console.result(String.format("imported %s into %s: %d statements, %d rows in %.1f s", path,
                outcome.targetDatabase(), outcome.statements(), outcome.rows(), outcome.elapsed().toMillis() / 1000.0), doc);
        return ExitCodes.OK;
    }
}
