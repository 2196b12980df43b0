package io.cutkit.cli;

import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.preflight.DryRun;
import io.cutkit.preflight.DryRunChecks;
import io.cutkit.preflight.DryRunOptions;
import io.cutkit.preflight.DryRunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cutkit dry-run}: rehearses the data path on a local embedded server and reports what would
 * break (the preflight module's {@link DryRun}); options map one to one onto {@link DryRunOptions},
 * a {@code --plan} file gives the same keys and the command line overrides it.
 */
@Command(name = "dry-run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Find what will break before the window opens, without writing to the source or the target.",
            "Imports the dump (or a consistent export of --source) into a local embedded server set up like the",
            "target, then checks definers, collations, migrations, the new code's schema, the key and encrypted",
            "columns, secrets and phone numbers. Exit 1 when a P0 finding (fix before the window) is found."})
final class DryRunCommand extends CutkitSubcommand {

    @Option(names = "--dump", paramLabel = "FILE", description = "A mysqldump / mariadb-dump / Cloud SQL export (.sql or .sql.gz).")
    Path dump;

    @Mixin
    SourceServerOptions source;

    @Option(names = "--source-database", paramLabel = "NAME", description = "The database to export from --source (default: the URL's).")
    String sourceDatabase;

    @Option(names = "--database", paramLabel = "NAME", description = "The database name on the new stack.")
    String database;

    @Mixin
    TargetServerOptions target;

    @Option(names = "--application-account", paramLabel = "USER@HOST", description = "The application's account on --target: it must exist and hold what migrations need.")
    String applicationAccount;

    @Option(names = "--target-collation", paramLabel = "NAME", description = "The collation the target database will be created with.")
    String targetCollation;

    @Option(names = "--target-flavor", paramLabel = "FLAVOR", description = "mysql-8.0, mysql-8.4 or mariadb-11.4, when the target cannot be reached.")
    String targetFlavor;

    @Option(names = "--migrations", paramLabel = "DIR", description = "The new code's migrations (.sql, or another tool's files: planned by name).")
    Path migrations;

    @Option(names = "--history", paramLabel = "TOOL", description = "sequelize, rails, flyway or cutkit: where the source records its migrations.")
    String history;

    @Option(names = "--reference-migrations", paramLabel = "DIR", description = "The migrations that wrote the source's history.")
    Path referenceMigrations;

    @Option(names = "--expected-schema", paramLabel = "DIR", description = "The new code's migrations, built into a scratch database and compared.")
    Path expectedSchema;

    @Option(names = "--key-file", paramLabel = "ENV-FILE", description = "Env file holding the encryption key (mode 600).")
    Path keyFile;

    @Option(names = "--key-var", paramLabel = "NAME", description = "The key's variable in --key-file (default ENCRYPTION_KEY).")
    String keyVar;

    @Option(names = "--encrypted", paramLabel = "TABLE.COLUMN,...", description = "Columns that hold encryption envelopes.")
    String encrypted;

    @Option(names = "--plaintext", paramLabel = "TABLE.COLUMN,...", description = "Columns that must not hold ciphertext.")
    String plaintext;

    @Option(names = "--secrets", paramLabel = "ENV-FILE", description = "The source's secrets: placeholders found, fingerprints listed.")
    Path secrets;

    @Option(names = "--destination-secrets", paramLabel = "ENV-FILE", description = "The destination's secrets, compared by fingerprint.")
    Path destinationSecrets;

    @Option(names = "--numbers", paramLabel = "FILE", description = "Env file: TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, WEBHOOK_BASE_URL, [NUMBERS, TWILIO_API_BASE_URL].")
    Path numbers;

    @Option(names = "--window", paramLabel = "DURATION", description = "The cutover window, e.g. 30m (default) or 1h.")
    String window;

    @Option(names = "--plan", paramLabel = "FILE", description = "All of the above in one JSON or YAML file (the command line overrides it).")
    Path plan;

    @Option(names = "--report", paramLabel = "DIR", description = "Where dry-run.json and dry-run.html go.")
    Path report;

    @Option(names = "--online", description = "The cutover copies online: keys, engines and binlog settings then block.")
    boolean online;

    @Option(names = "--fail-on", paramLabel = "P0|P1|P2", description = "Exit 1 when an unwaived finding at or above this severity remains (default P0).")
    String failOn = "P0";

    @Option(names = "--list-checks", description = "Print every check: its class, what it needs, its severity and what it finds.")
    boolean listChecks;

    @Override
    int run(Console console) {
        if (listChecks) {
            return listChecks(console);
        }
        Severity threshold = threshold();
        DryRunOptions options = plan == null ? DryRunOptions.of(Map.of()) : readPlan();
        options = options.with(given());
        ServerAddress sourceAddress = source.given() ? source.address() : null;
        ServerAddress targetAddress = target.given() ? target.address() : null;
        DryRunReport result;
        try (DryRunOptions.OpenedPlan opened = open(options, sourceAddress, targetAddress)) {
            result = DryRun.of(opened.plan()).progress(console::progress).run();
        }
        if (report != null) {
            result.write(report);
            console.progress("report: " + report.toAbsolutePath().resolve("dry-run.html"));
        }
        console.result(result.toText(), Console.parsed(result.toJson()));
        return result.failsOn(threshold) ? ExitCodes.FINDING : ExitCodes.OK;
    }

    private Severity threshold() {
        try {
            return Severity.valueOf(failOn.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--fail-on takes P0, P1 or P2, not '" + failOn + "'");
        }
    }

    private static int listChecks(Console console) {
        StringBuilder text = new StringBuilder();
        List<Map<String, Object>> checks = new ArrayList<>();
        for (DryRunChecks.Check check : DryRunChecks.all()) {
            FindingClass c = check.findingClass();
            String name = check.name().equals(c.id()) ? c.id() : c.id() + "/" + check.name();
            text.append(String.format("%-40s %-3s needs %-22s %s%n", name, check.severity(),
                    String.join(",", check.needs()), check.description()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("class", c.id());
            m.put("check", check.name());
            m.put("needs", check.needs());
            m.put("severity", check.severity().name());
            m.put("description", check.description());
            checks.add(m);
        }
        console.result(text.toString(), Map.of("checks", checks));
        return ExitCodes.OK;
    }

    private DryRunOptions readPlan() {
        try {
            return DryRunOptions.read(plan);
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw usage("--plan: " + e.getMessage());
        }
    }

    private DryRunOptions.OpenedPlan open(DryRunOptions options, ServerAddress sourceAddress, ServerAddress targetAddress) {
        try {
            return options.open(sourceAddress, targetAddress);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    /** The options given on the command line, as {@link DryRunOptions} keys. */
    private DryRunOptions given() {
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "dump", dump);
        if (source.given()) {
            values.put("source", source.url);
        }
        values.put("source-database", sourceDatabase);
        values.put("database", database);
        if (target.given()) {
            values.put("target", target.url);
        }
        values.put("application-account", applicationAccount);
        values.put("target-collation", targetCollation);
        values.put("target-flavor", targetFlavor);
        put(values, "migrations", migrations);
        values.put("history", history);
        put(values, "reference-migrations", referenceMigrations);
        put(values, "expected-schema", expectedSchema);
        put(values, "key-file", keyFile);
        values.put("key-var", keyVar);
        values.put("encrypted", encrypted);
        values.put("plaintext", plaintext);
        put(values, "secrets", secrets);
        put(values, "destination-secrets", destinationSecrets);
        put(values, "numbers", numbers);
        values.put("window", window);
        if (online) {
            values.put("online", "true");
        }
        return DryRunOptions.of(values);
    }

    private static void put(Map<String, String> values, String key, Path path) {
        if (path != null) {
            values.put(key, path.toString());
        }
    }
}
