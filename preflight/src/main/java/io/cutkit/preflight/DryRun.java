package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Rehearses a team's data path before the window and reports what would break: the dump (or a
 * consistent export of the live source) is inspected, imported into a local embedded server with
 * cutkit's importer, verified, and checked against the target, the migrations, the new code's schema,
 * the key, the secrets and the numbers the {@link DryRunPlan} names. The real source and target are
 * only read, through read-only sessions. Each check whose inputs are missing is reported as skipped.
 *
 * <pre>{@code
 * DryRunReport report = DryRun.of(plan).progress(System.err::println).run();
 * System.out.print(report.toText());
 * report.write(Path.of("dry-run"));                 // dry-run.json and dry-run.html
 * if (report.hasAtLeast(Severity.P0)) System.exit(1);
 * }</pre>
 *
 * <p>Cost: starting the embedded server (a few seconds the first time in a JVM, unless one is given
 * with {@link #onServer}), one read of the dump, one import, and the checks' queries.
 */
public final class DryRun {

    private final DryRunPlan plan;
    private DatabaseServer server;
    private Consumer<String> progress = line -> { };

    private DryRun(DryRunPlan plan) {
        this.plan = Objects.requireNonNull(plan, "plan");
    }

    /** A dry-run of {@code plan}. */
    public static DryRun of(DryRunPlan plan) {
        return new DryRun(plan);
    }

    /** Rehearses on {@code server} (left running; the dry-run's database is dropped) instead of a new embedded one. */
    public DryRun onServer(DatabaseServer server) {
        this.server = Objects.requireNonNull(server, "server");
        return this;
    }

    /** Receives one line per step that takes a while, e.g. {@code "importing optileads.sql.gz"}. */
    public DryRun progress(Consumer<String> listener) {
        this.progress = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Runs every stage and returns the report; only a failure to start the local server throws. */
    public DryRunReport run() {
        long started = System.nanoTime();
        boolean own = server == null;
        if (own) {
            progress.accept("starting the local rehearsal server");
        }
        DatabaseServer local = own ? EmbeddedMariaDb.builder().start() : server;
        DryRunState state = new DryRunState(plan, local, progress);
        state.dumpName = plan.dump().map(p -> p.getFileName().toString()).orElse(null);
        state.dump = plan.dump().orElse(null);
        List<StageResult> results = new ArrayList<>();
        try {
            for (Stage stage : stages()) {
                results.add(run(stage, state));
            }
        } finally {
            cleanUp(state, own);
        }
        String subject = (plan.dump().isPresent() ? state.dumpName
                : "source database " + plan.sourceDatabase().orElse("?")) + " -> " + (state.database == null
                        ? plan.database().orElse("?") : state.database);
        return new DryRunReport(subject, state.findings, results, Optional.ofNullable(state.estimate),
                Duration.ofNanos(System.nanoTime() - started)).waivedBy(plan.waivers(), java.time.LocalDate.now());
    }

    private static List<Stage> stages() {
        return List.of(new SourceExportStage(), new TargetStage(), new InspectStage(), new TargetContentStage(),
                new ServerVariablesStage(), new ReplicationStage(), new ImportStage(), new CollationStage(),
                new TablesStage(), new ReservedWordsStage(), new ReferencesStage(), new SavedSqlModeStage(),
                new TimeZonesStage(), new TableNamesStage(), new AccountsStage(), new SourceVerifyStage(),
                new DumpVerifyStage(), new MigrationStage(), new DriftStage(), new EncryptionStage(), new SecretsStage(),
                new NumbersStage(), new EstimateStage(), new BinlogRetentionStage());
    }

    private static StageResult run(Stage stage, DryRunState state) {
        Optional<String> missing = stage.missing(state);
        if (missing.isPresent()) {
            return new StageResult(stage.name(), StageResult.Status.SKIPPED, Duration.ZERO, missing.get());
        }
        long started = System.nanoTime();
        try {
            String note = stage.run(state);
            return new StageResult(stage.name(), StageResult.Status.RAN, Duration.ofNanos(System.nanoTime() - started), note);
        } catch (Exception | LinkageError e) {
            String problem = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            state.add(Finding.of(FindingClass.OTHER, "the " + stage.name() + " check could not run: " + problem,
                    "fix what the message names and run the dry-run again; until then this check has not passed")
                    .severity(Severity.P1).object(stage.name()).build());
            return new StageResult(stage.name(), StageResult.Status.FAILED, Duration.ofNanos(System.nanoTime() - started),
                    problem);
        }
    }

    private static void cleanUp(DryRunState state, boolean ownServer) {
        if (state.targetPool != null) {
            state.targetPool.close();
        }
        if (state.sourcePool != null) {
            state.sourcePool.close();
        }
        try {
            if (ownServer) {
                state.local.close();
            } else if (state.localDatabase != null) {
                state.local.dropDatabase(state.localDatabase);
            }
        } catch (Exception e) {
            state.progress.accept("could not clean up the local rehearsal database: " + e.getMessage());
        }
        for (Path p : state.temporaryFiles) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                state.progress.accept("could not delete " + p + ": " + e.getMessage());
            }
        }
    }
}
