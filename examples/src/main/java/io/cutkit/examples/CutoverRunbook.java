package io.cutkit.examples;

import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.ImportOutcome;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.migration.GuardRefusedException;
import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.MigrationResult;
import io.cutkit.core.migration.PlanReason;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.NumberState;
import io.cutkit.core.numbers.OverrideHandling;
import io.cutkit.core.numbers.RepointPlan;
import io.cutkit.core.numbers.RepointResult;
import io.cutkit.core.numbers.RoutingSnapshot;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationLag;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.SwitchAbortedException;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.preflight.DryRun;
import io.cutkit.preflight.DryRunReport;
import io.cutkit.core.runbook.AbortCondition;
import io.cutkit.core.runbook.Runbook;
import io.cutkit.core.runbook.RunbookConfig;
import io.cutkit.core.runbook.Step;
import io.cutkit.core.runbook.StepContext;
import io.cutkit.core.secret.PlaceholderSecretException;
import io.cutkit.core.secret.SecretPipe;
import io.cutkit.core.secret.SecretReceipt;
import io.cutkit.core.service.RestartOutcome;
import io.cutkit.core.smoke.SmokeCheck;
import io.cutkit.core.smoke.SmokeResult;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.KeyRing;
import io.cutkit.crypto.jdbc.JdbcCiphertextGuard;
import io.cutkit.examples.crm.CrmApi;
import io.cutkit.examples.crm.CrmModels;
import io.cutkit.examples.crm.ForkMigrations;
import io.cutkit.gcp.run.CloudRunEnvSecretSource;
import io.cutkit.gcp.secretmanager.SecretManagerSink;
import io.cutkit.gcp.secretmanager.SecretManagerSource;
import io.cutkit.mysql.account.ApplicationAccount;
import io.cutkit.mysql.dump.DumpInspector;
import io.cutkit.mysql.dump.DumpReport;
import io.cutkit.mysql.dump.DumpVerdict;
import io.cutkit.mysql.dump.ForeignDatabasePolicy;
import io.cutkit.mysql.dump.ImportRefusedException;
import io.cutkit.mysql.dump.JdbcSnapshotImporter;
import io.cutkit.mysql.migration.MigrationHistory;
import io.cutkit.mysql.migration.MigrationHook;
import io.cutkit.mysql.migration.MySqlMigrationRunner;
import io.cutkit.mysql.replication.NativeReplicationLink;
import io.cutkit.mysql.schema.JdbcDatabaseRecreator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.mindrot.jbcrypt.BCrypt;

/**
 * The field report's twelve-step cutover as a {@link Runbook}, written against a {@link Stage}.
 * Steps 4, 5, 6 and 11 are time-critical (hard budgets, abort conditions); 4 and 5 are tagged
 * {@code data-move}; 11, the number repoint, is the point of no return. Every step that changes
 * something on the new stack has a rollback, and the numbers go back to the old stack; the old
 * stack itself is only ever read. Each guard's refusal becomes an abort whose reason names the
 * guard and the fix.
 *
 * <p>An instance holds what one run learns (the snapshot, the numbers' recorded routes), so use one
 * instance per run. {@link #step(int)} exposes each step so a test script can run them one by one.
 */
public final class CutoverRunbook {

    /** The tag of the steps that move data. */
    public static final String DATA_MOVE = "data-move";
    /** The maintenance window the hard budgets must fit. */
    public static final Duration WINDOW = Duration.ofMinutes(30);

    private static final String DEDUP_HOOK_TARGET = "add-dedup-hash";

    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private final Stage stage;
    private final Blocker blocker;
    private final WriteRouting onlineWrites;
    private final List<Step> steps;
    private volatile Snapshot snapshot;
    private volatile NativeReplicationLink link;
    private volatile SwitchReport switchReport;
    private volatile RoutingSnapshot numbersBefore;
    private final Map<String, String> writtenVersions = new LinkedHashMap<>();

    private CutoverRunbook(Stage stage, Blocker blocker, WriteRouting onlineWrites) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.blocker = Objects.requireNonNull(blocker, "blocker");
        this.onlineWrites = onlineWrites;
        this.steps = List.of(preFlight(), pipeKey(), recreate(), export(), importSnapshot(), grantAndMigrate(),
                restart(7, "Restart the API to pick up the key"), smokeTest(), adminLogin(), pipeCredentials(), repoint(),
                restartForCredentials());
    }

    /** The cutover on {@code stage}, with {@code blocker}'s code-side part injected (stage-side parts are the stage's). */
    public static CutoverRunbook on(Stage stage, Blocker blocker) {
        return new CutoverRunbook(stage, blocker, null);
    }

    /**
     * The cutover with the online data move: step 5 imports the snapshot, lets the destination
     * replicate from the snapshot's position ({@link Stage#replication()}), verifies both at one
     * position while the application keeps writing, switches, and turns {@code writes} to the
     * destination; the freeze is in {@link #switchReport()}.
     */
    public static CutoverRunbook online(Stage stage, Blocker blocker, WriteRouting writes) {
        if (stage.replication().isEmpty()) {
            throw new IllegalArgumentException("The stage cannot replicate; build it for the online move");
        }
        return new CutoverRunbook(stage, blocker, Objects.requireNonNull(writes, "writes"));
    }

    /** The online switch of this run, once step 5 made it. */
    public Optional<SwitchReport> switchReport() {
        return Optional.ofNullable(switchReport);
    }

    /** The twelve steps in order. */
    public List<Step> steps() {
        return steps;
    }

    /** Step {@code number} (1 to 12). */
    public Step step(int number) {
        return steps.get(number - 1);
    }

    /** A runbook of the twelve steps under {@code config}. */
    public Runbook runbook(RunbookConfig config) {
        return Runbook.of("cutover", config, steps);
    }

    // ---- 1 ------------------------------------------------------------------------------------

    private Step preFlight() {
        return Step.number(1, "Pre-flight verification").budget(Duration.ofMinutes(1)).action(ctx -> {
            ctx.record("source_migrations", String.valueOf(count(stage.sourceData(), "SequelizeMeta")));
            ctx.record("source_leads", String.valueOf(count(stage.sourceData(), "leads")));
            ctx.record("source_users", String.valueOf(count(stage.sourceData(), "users")));
            DatabaseSpec source = JdbcDatabaseRecreator.survey(stage.sourceData(), stage.sourceDatabase()).database();
            ctx.record("source_charset", source.characterSet());
            ctx.record("source_collation", source.collation());
            ctx.progress(stage.sourceDatabase() + ": " + ctx.fact("source_migrations").orElseThrow() + " migrations applied, "
                    + ctx.fact("source_leads").orElseThrow() + " leads, " + source.collation());
            String planned = blocker == Blocker.COLLATION
                    ? serverDefault(stage.destinationAdmin(), stage.sourceDatabase()).collation() : source.collation();
            DryRunReport dryRun;
            try (PreflightPlan plan = PreflightPlan.of(stage, blocker, planned)) {
                DryRun run = DryRun.of(plan.plan()).progress(ctx::progress);
                stage.scratchServer().ifPresent(run::onServer);
                dryRun = run.run();
            }
            dryRun.write(stage.workDirectory().resolve("dry-run"));
            ctx.record("dry_run_p0", String.valueOf(dryRun.counts().get(Severity.P0)));
            ctx.record("dry_run_p1", String.valueOf(dryRun.counts().get(Severity.P1)));
            List<Finding> blockers = dryRun.findings().stream().filter(f -> f.severity() == Severity.P0).toList();
            dryRun.findings().stream().filter(f -> f.severity() != Severity.P0)
                    .forEach(f -> ctx.progress("dry-run " + f.headline()));
            if (!blockers.isEmpty()) {
                ctx.abort("cutkit dry-run found " + blockers.size() + " blocker(s) before anything changed: " + blockers.stream()
                        .map(f -> f.headline() + " Fix: " + f.fix() + ".").collect(Collectors.joining(" ")));
            }
            ctx.progress("cutkit dry-run: no blocker (" + dryRun.counts().get(Severity.P1) + " P1, "
                    + dryRun.counts().get(Severity.P2) + " P2), report in " + stage.workDirectory().resolve("dry-run")
                    .toAbsolutePath());
        }).build();
    }

    // ---- 2 ------------------------------------------------------------------------------------

    private Step pipeKey() {
        return Step.number(2, "Pipe the encryption key into Secret Manager").budget(Duration.ofSeconds(30))
                .action(ctx -> {
                    SecretReceipt receipt = pipe(ctx, CrmApi.KEY_VARIABLE);
                    ctx.record("key_fingerprint", receipt.fingerprint());
                    ctx.progress(receipt.toString());
                })
                .rollback(ctx -> disableWritten(List.of(CrmApi.KEY_VARIABLE)))
                .build();
    }

    private SecretReceipt pipe(StepContext ctx, String name) {
        try {
            SecretReceipt receipt = SecretPipe.withPolicy(stage.secretPolicy()).move(name,
                    CloudRunEnvSecretSource.of(stage.cloudRun(), stage.sourceService(), name),
                    SecretManagerSink.to(stage.secretManager(), SecretName.of(stage.project(), name)).build());
            synchronized (writtenVersions) {
                writtenVersions.put(name, receipt.destinationVersion());
            }
            return receipt;
        } catch (PlaceholderSecretException e) {
            throw ctx.abort("PlaceholderPolicy refused to pipe " + name + " from " + stage.sourceService() + ": "
                    + e.getMessage());
        }
    }

    /** Disables the versions this run added to {@code names}, so the new stack never starts with them. */
    private void disableWritten(List<String> names) {
        synchronized (writtenVersions) {
            for (String name : names) {
                String version = writtenVersions.remove(name);
                if (version != null) {
                    stage.secretManager().disableSecretVersion(SecretVersionName.of(stage.project(), name, version));
                }
            }
        }
    }

    // ---- 3 ------------------------------------------------------------------------------------

    private Step recreate() {
        return Step.number(3, "Drop and recreate the destination database").budget(Duration.ofSeconds(30))
                .action(ctx -> {
                    DatabaseSpec like = new DatabaseSpec(stage.sourceDatabase(), ctx.fact("source_charset").orElseThrow(),
                            ctx.fact("source_collation").orElseThrow());
                    if (blocker == Blocker.COLLATION) {
                        like = serverDefault(stage.destinationAdmin(), stage.sourceDatabase());
                    }
                    ctx.progress(JdbcDatabaseRecreator.builder().target(stage.destinationAdmin())
                            .targetDatabase(stage.destinationDatabase()).build()
                            .recreateLike(like, stage.destinationDatabase()).summary());
                })
                .rollback(ctx -> execute(stage.destinationAdmin(), "DROP DATABASE IF EXISTS " + quote(stage.destinationDatabase())))
                .build();
    }

    // ---- 4 ------------------------------------------------------------------------------------

    private Step export() {
        return Step.number(4, "Export with a consistent snapshot").budget(Duration.ofMinutes(3)).hard().tag(DATA_MOVE)
                .action(ctx -> {
                    Path file = stage.workDirectory().resolve("snapshot").resolve(stage.sourceDatabase() + ".sql.gz");
                    Files.createDirectories(file.getParent());
                    Files.deleteIfExists(file);
                    snapshot = stage.exporter().export(List.of(stage.sourceDatabase()), file.toUri());
                    ctx.record("snapshot_sha256", snapshot.sha256());
                    ctx.record("snapshot_bytes", String.valueOf(snapshot.sizeBytes()));
                    ctx.progress(String.format("%s: %.1f MB in %d ms, sha256 %s", file.getFileName(),
                            snapshot.sizeBytes() / 1e6, snapshot.elapsed().toMillis(), snapshot.sha256().substring(0, 12)));
                })
                .abortWhen(AbortCondition.when("the snapshot does not hold the source database", ctx -> snapshot == null
                        || snapshot.databases().stream().noneMatch(d -> d.name().equals(stage.sourceDatabase()))))
                .build();
    }

    // ---- 5 ------------------------------------------------------------------------------------

    private Step importSnapshot() {
        return Step.number(5, onlineWrites == null ? "Import into the new database"
                        : "Import, replicate, verify live, switch").budget(Duration.ofMinutes(3)).hard().tag(DATA_MOVE)
                .action(ctx -> {
                    if (snapshot == null) {
                        ctx.abort("no snapshot was taken by this process (a resumed run skipped step 4); move the journal"
                                + " away and run again from step 1");
                    }
                    Path file = Path.of(snapshot.location());
                    JdbcSnapshotImporter importer = JdbcSnapshotImporter.builder(stage.destinationServer()).workers(2)
                            .foreignDatabases(blocker == Blocker.USE_MISMATCH
                                    ? ForeignDatabasePolicy.REFUSE : ForeignDatabasePolicy.REWRITE_TO_TARGET)
                            .build();
                    requireCollation(ctx);
                    try {
                        ImportOutcome outcome = importer.importInto(snapshot, stage.destinationDatabase());
                        ctx.progress(outcome.rows() + " rows in " + outcome.statements() + " statements into `"
                                + outcome.targetDatabase() + "`");
                        if (onlineWrites != null) {
                            replicateVerifySwitch(ctx);
                        }
                    } catch (ImportRefusedException e) {
                        refuseMissingDefiners(ctx, e.report());
                        ctx.abort("DumpInspector (import pre-flight) refused the import, nothing was loaded: " + e.getMessage()
                                + " Fix: load with ForeignDatabasePolicy.REWRITE_TO_TARGET, which rewrites the dump's USE to `"
                                + stage.destinationDatabase() + "`.");
                    }
                })
                .abortWhen(AbortCondition.when("the destination's leads and users differ in number from the source's",
                        ctx -> !String.valueOf(count(stage.destinationData(), "leads")).equals(ctx.fact("source_leads").orElse(""))
                                || !String.valueOf(count(stage.destinationData(), "users")).equals(ctx.fact("source_users").orElse(""))))
                .rollback(ctx -> {
                    if (link != null) {
                        stopReplicating(ctx);
                    }
                    execute(stage.destinationAdmin(), "DROP DATABASE IF EXISTS " + quote(stage.destinationDatabase()));
                    ctx.progress("dropped the partly or wholly imported `" + stage.destinationDatabase() + "`");
                })
                .build();
    }

    /** The online data move after the import: replicate from the snapshot's position, verify live, switch. */
    private void replicateVerifySwitch(StepContext ctx) throws SQLException {
        ReplicationPosition position = snapshot.position().orElseThrow(() -> ctx.abort("the snapshot holds no replication"
                + " position, so the destination cannot replicate from it. Fix: turn on the source's binary log (ROW)"));
        grantApplicationUser(ctx);
        link = stage.replication().orElseThrow().build();
        link.start(position);
        ctx.progress("replicating from " + position.describe());
        awaitCaughtUp(ctx);
        LiveVerification verification = link.verify();
        ctx.progress("live verification " + verification.describe().lines().findFirst().orElse(""));
        if (!verification.matches()) {
            ctx.abort("live verification found differences while writes went on, nothing was switched: "
                    + verification.describe() + " Fix: reload the destination and verify again.");
        }
        try {
            switchReport = link.switchOver();
        } catch (SwitchAbortedException e) {
            ctx.abort(e.getMessage());
        }
        onlineWrites.toDestination();
        ctx.progress("switched, freeze " + switchReport.freeze().toMillis() + " ms: " + switchReport.describe());
    }

    private void awaitCaughtUp(StepContext ctx) {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        ReplicationLag lag = link.lag();
        while (lag.transactions() > 0 || lag.error().isPresent()) {
            if (lag.error().isPresent() || System.nanoTime() > deadline) {
                ctx.abort("the destination did not catch up with the source: " + lag.describe());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ctx.abort("interrupted while the destination caught up");
            }
            lag = link.lag();
        }
    }

    /** Moves the writes back to the source when the switch was made, then stops replication into the destination. */
    private void stopReplicating(StepContext ctx) throws SQLException {
        if (switchReport != null) {
            link.rollBack();
            onlineWrites.toSource();
            switchReport = null;
            ctx.progress("writes moved back to the source through reverse replication");
        }
        try (Connection c = stage.destinationAdmin().getConnection(); Statement st = c.createStatement()) {
            st.execute("STOP SLAVE");
            st.execute("RESET SLAVE ALL");
            st.execute("SET GLOBAL read_only = 0");
        }
        link = null;
    }

    private void grantApplicationUser(StepContext ctx) {
        ApplicationAccount.builder().user(stage.appDatabaseUser()).host("%").database(stage.destinationDatabase())
                .privileges("SELECT, INSERT, UPDATE, DELETE").password(stage.appDatabasePassword()).build()
                .ensure(stage.destinationAdmin());
        ctx.progress("granted " + stage.appDatabaseUser() + " on `" + stage.destinationDatabase() + "`");
    }

    /** Words the importer's refusal of missing DEFINER accounts as the step's abort, with the fix. */
    private static void refuseMissingDefiners(StepContext ctx, DumpReport report) {
        List<String> missing = report == null ? List.of() : DumpInspector.missingDefiners(report);
        if (!missing.isEmpty()) {
            String first = report.verdicts(DumpVerdict.MissingDefiner.class).get(0).message();
            ctx.abort("DumpInspector refused the import, nothing was loaded: DEFINER account(s) " + String.join(", ", missing)
                    + " do not exist on the destination (" + first + ") Fix: create " + String.join(", ", missing)
                    + " on the destination first (DefinerAccounts.createMissing, or the platform's account setup), then run again.");
        }
    }

    private void requireCollation(StepContext ctx) {
        String wanted = snapshot.databases().stream().filter(d -> d.name().equals(stage.sourceDatabase())).findFirst()
                .map(DatabaseSpec::collation).orElseThrow();
        String actual = schemaCollation(stage.destinationAdmin(), stage.destinationDatabase());
        if (!wanted.equalsIgnoreCase(actual)) {
            ctx.abort("collation check refused the import, nothing was loaded: `" + stage.destinationDatabase() + "` was created with "
                    + actual + " but the snapshot's database uses " + wanted + "; tables the migrations create would get "
                    + actual + " and joins with imported tables fail with 'Illegal mix of collations'. Fix: recreate the "
                    + "destination with the source's collation (JdbcDatabaseRecreator.recreateLike(survey(source)...)), then import.");
        }
    }

    // ---- 6 ------------------------------------------------------------------------------------

    private Step grantAndMigrate() {
        return Step.number(6, "Grant the application user, then run migrations").budget(Duration.ofMinutes(3)).hard()
                .action(ctx -> {
                    grantApplicationUser(ctx);
                    try (KeyRing ring = KeyRing.of(EncryptionKey.fromBase64(SecretManagerSource.latest(stage.secretManager(),
                            SecretName.of(stage.project(), CrmApi.KEY_VARIABLE))))) {
                        migrate(ctx, ring);
                    }
                })
                .abortWhen(AbortCondition.when("leads without a dedup hash after the migrations",
                        ctx -> countWhere(stage.destinationData(), "leads", "`emailHash` IS NULL") > 0))
                .rollback(ctx -> execute(stage.destinationAdmin(),
                        "DROP USER IF EXISTS '" + stage.appDatabaseUser().replace("'", "''") + "'@'%'"))
                .build();
    }

    private void migrate(StepContext ctx, KeyRing ring) {
        EnvelopeCodec codec = EnvelopeCodec.of(ring);
        MySqlMigrationRunner runner = MySqlMigrationRunner.builder(stage.destinationData())
                .source(blocker == Blocker.MIGRATION_COLLISION ? ForkMigrations.asForked(codec) : ForkMigrations.renumbered(codec))
                .history(MigrationHistory.sequelizeMeta())
                .hook(sampleDecryptFirst(ring))
                .hook(MigrationHook.guard("CiphertextGuard.assertNoCiphertext", m -> m.name().contains(DEDUP_HOOK_TARGET),
                        (connection, m) -> JdbcCiphertextGuard.on(connection, ring)
                                .assertNoCiphertext(ColumnRef.of("leads", "company", "id"))))
                .appliedBy("cutkit-rehearsal")
                .build();
        MigrationPlan plan = runner.plan();
        if (!plan.executable()) {
            ctx.abort("MigrationRunner plan refused, nothing was applied: " + plan.conflicts().stream()
                    .map(c -> c.name() + ": " + c.detail()).collect(Collectors.joining("; "))
                    + ". Fix: renumber the fork's migrations to " + plan.conflicts().stream()
                    .map(c -> c.suggestedName().orElse("a free number")).collect(Collectors.joining(", ")) + " and run again.");
        }
        ctx.progress(plan.toApply().size() + " to apply, " + plan.count(PlanReason.FOREIGN) + " contractor migrations skipped");
        try {
            MigrationResult result = runner.migrate(plan);
            ctx.record("migrations_applied", result.applied().stream().map(MigrationResult.Applied::name)
                    .collect(Collectors.joining(", ")));
            ctx.progress("applied " + ctx.fact("migrations_applied").orElseThrow());
        } catch (GuardRefusedException e) {
            ctx.abort(e.getMessage());
        }
    }

    /** The report's one line: decrypt the first encrypted row strictly before any migration runs. */
    private static MigrationHook sampleDecryptFirst(KeyRing ring) {
        return new MigrationHook() {
            @Override
            public String name() {
                return "CiphertextGuard.sampleDecrypt";
            }

            @Override
            public void beforeRun(MigrationPlan plan, Connection connection) {
                JdbcCiphertextGuard.on(connection, ring).sampleDecrypt(ColumnRef.of("leads", "email", "id"), 1);
            }
        };
    }

    // ---- 7 and 12 -----------------------------------------------------------------------------

    private Step restart(int number, String title) {
        return Step.number(number, title).budget(Duration.ofMinutes(1))
                .action(ctx -> {
                    RestartOutcome outcome = stage.restarter().restart(stage.destinationService().toString(), Duration.ofSeconds(45));
                    ctx.record("revision_after_step_" + number, outcome.newRevision());
                    ctx.progress("revision " + shortName(outcome.previousRevision()) + " -> " + shortName(outcome.newRevision())
                            + " in " + outcome.elapsed().toMillis() + " ms");
                }).build();
    }

    private Step restartForCredentials() {
        Step restart = restart(12, "Restart the API to pick up the credentials");
        return Step.number(12, restart.title()).budget(restart.budget())
                .action(ctx -> {
                    restart.action().run(ctx);
                    String expected = "\"credentials\":\"" + CrmApi.CREDENTIALS.size() + "/" + CrmApi.CREDENTIALS.size() + "\"";
                    SmokeResult health = SmokeCheck.get(stage.apiUri().resolve("/health"))
                            .expectBody("every credential loaded", body -> body.contains(expected))
                            .within(Duration.ofSeconds(5)).run();
                    if (!health.passed()) {
                        ctx.abort("SmokeCheck failed after the restart: " + health.problem() + ". Fix: check the nine secrets' "
                                + "latest versions and the service's references to them, then restart again.");
                    }
                }).build();
    }

    // ---- 8 ------------------------------------------------------------------------------------

    private Step smokeTest() {
        return Step.number(8, "Smoke test").budget(Duration.ofSeconds(30)).action(ctx -> {
            SmokeResult health = SmokeCheck.get(stage.apiUri().resolve("/health")).within(Duration.ofSeconds(5)).run();
            if (!health.passed()) {
                ctx.abort("SmokeCheck failed: GET /health: " + health.problem() + ". Fix: check the API's database account"
                        + " and connection, then run again.");
            }
            long id = firstLeadId(stage.destinationData());
            URI lead = stage.apiUri().resolve("/leads/" + id);
            SmokeResult email = SmokeCheck.get(lead)
                    .expectBody("the lead's email renders as an email, not ciphertext",
                            body -> body.matches("(?s).*\"email\":\"[^\"{}@\\s]+@[^\"{}@\\s]+\\.[^\"{}@\\s]+\".*"))
                    .within(Duration.ofSeconds(3)).run();
            if (!email.passed()) {
                ctx.abort("SmokeCheck failed: GET /leads/" + id + ": " + email.problem() + ". The API serves ciphertext: it is"
                        + " not running with the key the data was encrypted with. Fix: make the service read the latest "
                        + CrmApi.KEY_VARIABLE + " version (a reference pinned to an old version keeps the placeholder) and"
                        + " restart it; nothing was exposed, the numbers still point at the old stack.");
            }
            ctx.progress("/health 200; /leads/" + id + " shows a real email");
        }).build();
    }

    // ---- 9 ------------------------------------------------------------------------------------

    private Step adminLogin() {
        return Step.number(9, "Seed or verify the admin user").budget(Duration.ofMinutes(2)).action(ctx -> {
            String hash = null;
            try (Connection c = stage.destinationData().getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT `passwordHash` FROM `users` WHERE `email` = ?")) {
                ps.setString(1, stage.adminEmail());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        hash = rs.getString(1);
                    }
                }
            }
            if (hash == null) {
                ctx.abort("the admin user " + stage.adminEmail() + " is not in the imported users. Fix: seed it with the"
                        + " application's admin seeder, then run this step again.");
            }
            String stored = hash;
            boolean matches = stage.adminPassword().withBytes(p -> BCrypt.checkpw(new String(p, StandardCharsets.UTF_8), stored));
            if (!matches) {
                ctx.abort("admin login failed: the bcrypt hash imported for " + stage.adminEmail() + " does not match the"
                        + " admin password. Fix: compare the users table with the source (the import must not re-encode hashes).");
            }
            ctx.record("admin_login", "ok");
            ctx.progress(stage.adminEmail() + " logs in: the bcrypt hash imported unchanged");
        }).build();
    }

    // ---- 10 -----------------------------------------------------------------------------------

    private Step pipeCredentials() {
        return Step.number(10, "Pipe the Twilio, SMTP and IMAP credentials").budget(Duration.ofMinutes(1))
                .action(ctx -> {
                    for (String name : CrmApi.CREDENTIALS) {
                        SecretReceipt receipt = pipe(ctx, name);
                        ctx.progress(receipt.toString());
                    }
                })
                .rollback(ctx -> disableWritten(CrmApi.CREDENTIALS))
                .build();
    }

    // ---- 11 -----------------------------------------------------------------------------------

    private Step repoint() {
        return Step.number(11, "Repoint the phone numbers").budget(Duration.ofMinutes(1)).hard().pointOfNoReturn()
                .action(ctx -> {
                    numbersBefore = stage.repointer().snapshot(NumberSelection.of(stage.phoneNumbers()));
                    Files.writeString(numbersFile(), numbersBefore.toText());
                    ctx.record("numbers_recorded", String.valueOf(numbersBefore.size()));
                    String base = stage.webhookBaseUrl();
                    RepointPlan plan = stage.repointer().plan(numbersBefore, PreflightPlan.newRoutes(base),
                            OverrideHandling.REFUSE);
                    if (!plan.canApply()) {
                        ctx.abort("NumberRepointer plan flagged " + plan.wouldNotMoveTraffic().size() + " number(s), nothing was"
                                + " changed: " + plan.wouldNotMoveTraffic().stream()
                                .map(f -> f.number() + " " + f.reason()).collect(Collectors.joining("; "))
                                + ". Fix: remove the override on the number, or plan with OverrideHandling.CLEAR_OVERRIDE.");
                    }
                    RepointResult result = stage.repointer().apply(plan);
                    if (result.status() != RepointResult.Status.COMPLETE) {
                        ctx.abort("NumberRepointer did not complete: " + result.toText());
                    }
                    ctx.record("numbers_repointed", String.valueOf(result.inState(NumberState.TARGET).size()));
                    ctx.progress(result.inState(NumberState.TARGET).size() + " numbers now call " + base);
                })
                .rollback(ctx -> {
                    // after a resume the routes recorded by the interrupted process are in the file
                    RoutingSnapshot recorded = numbersBefore != null ? numbersBefore
                            : Files.exists(numbersFile()) ? RoutingSnapshot.parse(Files.readString(numbersFile())) : null;
                    if (recorded == null) {
                        return;
                    }
                    RepointResult back = stage.repointer().rollback(recorded);
                    if (back.status() != RepointResult.Status.RESTORED) {
                        throw new IllegalStateException("numbers not all back on the old stack: " + back.toText());
                    }
                    ctx.progress(back.outcomes().size() + " numbers on the old stack's routes");
                })
                .build();
    }

    private Path numbersFile() {
        return stage.workDirectory().resolve("numbers-before.snapshot");
    }

    // ---- JDBC helpers -------------------------------------------------------------------------

    private static long count(DataSource data, String table) {
        return countWhere(data, table, "1 = 1");
    }

    private static long countWhere(DataSource data, String table, String condition) {
        try (Connection c = data.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quote(table) + " WHERE " + condition)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count " + table + ": " + e.getMessage(), e);
        }
    }

    private static long firstLeadId(DataSource data) throws SQLException {
        try (Connection c = data.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT MIN(`id`) FROM `leads`")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static DatabaseSpec serverDefault(DataSource admin, String name) throws SQLException {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT @@character_set_server, @@collation_server")) {
            rs.next();
            return new DatabaseSpec(name, rs.getString(1), rs.getString(2));
        }
    }

    private static String schemaCollation(DataSource admin, String database) {
        try (Connection c = admin.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("The destination database `" + database + "` does not exist; run step 3 first");
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the collation of `" + database + "`: " + e.getMessage(), e);
        }
    }

    private static void execute(DataSource admin, String sql) throws SQLException {
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static String shortName(String resourceName) {
        return resourceName.substring(resourceName.lastIndexOf('/') + 1);
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
