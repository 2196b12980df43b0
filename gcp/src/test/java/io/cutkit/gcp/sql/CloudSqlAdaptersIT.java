package io.cutkit.gcp.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.services.sqladmin.SQLAdmin;
import com.google.api.services.sqladmin.model.ExportContext;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.ImportOutcome;
import io.cutkit.core.data.RecreateOutcome;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.storage.GcsObjectReader;
import io.cutkit.gcp.testing.CloudSqlAdminStandIn;
import io.cutkit.gcp.testing.Fault;
import io.cutkit.gcp.testing.LocalBucket;
import io.cutkit.gcp.testing.OperationOutcome;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Cloud SQL adapters through the real SQLAdmin client against the stand-in, backed by two
 * embedded servers: a "contractor" source holding refdata and a new target whose default collation
 * differs.
 */
@Timeout(120)
class CloudSqlAdaptersIT {

    private static final CloudSqlInstance SOURCE = CloudSqlInstance.of("contractor", "optileads-prod");
    private static final CloudSqlInstance TARGET = CloudSqlInstance.of("newstack", "crm-prod");
    private static final Backoff FAST = new Backoff(Duration.ofMillis(25), 1.5, Duration.ofMillis(250));
    private static final String DUMP_DATABASE = Refdata.text("database", "name");

    private static DatabaseServer source;
    private static DatabaseServer target;

    private LocalBucket bucket;
    private CloudSqlAdminStandIn standIn;
    private SQLAdmin admin;

    @BeforeAll
    static void startServers() throws Exception {
        source = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_0900_ai_ci").start();
        target = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_unicode_ci").start();
        try (InputStream dump = new GZIPInputStream(Files.newInputStream(Refdata.dump()))) {
            pipeIntoClient(source, dump);
        }
    }

    @AfterAll
    static void stopServers() {
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @BeforeEach
    void start() {
        bucket = LocalBucket.create();
        standIn = CloudSqlAdminStandIn.start(bucket)
                .instance(SOURCE.project(), SOURCE.instance(), source)
                .instance(TARGET.project(), TARGET.instance(), target);
        admin = standIn.sqlAdmin();
    }

    @AfterEach
    void stop() throws SQLException {
        standIn.close();
        target.dropDatabase(DUMP_DATABASE);
    }

    private static void pipeIntoClient(DatabaseServer server, InputStream sql) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(server.clientBinary("mariadb").orElseThrow().toString(),
                "--protocol=TCP", "--host=" + server.host(), "--port=" + server.port(), "--user=" + server.user(),
                "--skip-ssl", "--default-character-set=utf8mb4", "--max-allowed-packet=1G");
        builder.environment().put("MYSQL_PWD", server.password());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        try (OutputStream stdin = process.getOutputStream()) {
            sql.transferTo(stdin);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static Map<String, Long> rowCounts(DatabaseServer server, String database) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            List<String> tables = new java.util.ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + database + "' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    private static Map<String, Long> manifestCounts() {
        return new TreeMap<>(Refdata.tables());
    }

    private static boolean exists(DatabaseServer server, String database) throws SQLException {
        try (Connection c = server.connect(null); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                        + database + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static String collationOf(DatabaseServer server, String database) throws SQLException {
        try (Connection c = server.connect(null); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA "
                        + "WHERE SCHEMA_NAME = '" + database + "'")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** A database on the target with one sentinel row, standing for the new stack's empty-ish database. */
    private static String targetWithSentinel() throws SQLException {
        String name = target.createDatabase("crm");
        try (Connection c = target.connect(name); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE sentinel (id INT PRIMARY KEY)");
            s.execute("INSERT INTO sentinel VALUES (42)");
        }
        return name;
    }

    private CloudSqlExporter exporter() {
        return CloudSqlExporter.builder(admin, SOURCE).storage(bucket.storage()).backoff(FAST)
                .deadline(Duration.ofSeconds(60)).build();
    }

    private CloudSqlImporter.Builder importer() {
        return CloudSqlImporter.builder(admin, TARGET, bucket.storage(), DumpInspectorLandingCheck.create()).backoff(FAST)
                .deadline(Duration.ofSeconds(90));
    }

    private CloudSqlDatabaseRecreator.Builder recreator(String database) {
        return CloudSqlDatabaseRecreator.builder(admin, TARGET, database).backoff(FAST).deadline(Duration.ofSeconds(20));
    }

    private Snapshot smallExport(String name) throws SQLException {
        String database = source.createDatabase("small");
        try (Connection c = source.connect(database); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            s.execute("INSERT INTO t VALUES (1), (2)");
        }
        return exporter().export(List.of(database), URI.create("gs://cutover-dumps/" + name));
    }

    @Test
    void exportInspectImportOfRefdataRefusesTheUseTrapThenLandsInTheRecreatedDatabase() throws Exception {
        String crm = targetWithSentinel();
        URI uri = URI.create("gs://cutover-dumps/optileads.sql.gz");

        Snapshot snapshot = exporter().export(List.of(DUMP_DATABASE), uri);

        ExportContext sent = standIn.exportsReceived().get(0);
        assertThat(sent.getOffload()).isTrue();
        assertThat(sent.getDatabases()).containsExactly(DUMP_DATABASE);
        assertThat(snapshot.databases()).containsExactly(new DatabaseSpec(DUMP_DATABASE,
                Refdata.text("database", "characterSet"), Refdata.text("database", "collation")));
        assertThat(snapshot.sizeBytes()).isPositive().isEqualTo(bucket.get(uri).length);

        GcsObjectReader.Read<DumpLanding> inspected = GcsObjectReader.of(bucket.storage())
                .read(uri, in -> DumpInspectorLandingCheck.create().inspect(in, uri.toString()));
        assertThat(inspected.gzip()).isTrue();
        assertThat(inspected.crc32cVerified()).isTrue();
        assertThat(inspected.result().databases()).containsExactly(DUMP_DATABASE);
        assertThat(inspected.result().mentions()).extracting(DumpLanding.DatabaseMention::statement)
                .contains("CREATE DATABASE", "USE");

        assertThatThrownBy(() -> importer().build().importInto(snapshot, crm))
                .isInstanceOfSatisfying(DumpLandsElsewhereException.class, e -> {
                    assertThat(e.target()).isEqualTo(crm);
                    assertThat(e.mentions()).extracting(DumpLanding.DatabaseMention::database).containsOnly(DUMP_DATABASE);
                    assertThat(e.getMessage()).contains("Nothing was imported").contains("followDump(true)");
                });
        assertThat(exists(target, DUMP_DATABASE)).isFalse();
        assertThat(rowCounts(target, crm)).containsExactly(Map.entry("sentinel", 1L));

        RecreateOutcome recreated = recreator(DUMP_DATABASE).build().recreateLike(snapshot.databases().get(0), DUMP_DATABASE);
        assertThat(recreated.droppedExisting()).isFalse();
        assertThat(collationOf(target, DUMP_DATABASE)).isEqualTo(Refdata.text("database", "collation"));

        ImportOutcome outcome = importer().followDump(true).build().importInto(snapshot, crm);

        assertThat(outcome.targetDatabase()).isEqualTo(DUMP_DATABASE);
        assertThat(outcome.statements()).isPositive();
        assertThat(rowCounts(target, DUMP_DATABASE)).isEqualTo(manifestCounts());
        assertThat(collationOf(target, DUMP_DATABASE)).isEqualTo(Refdata.text("database", "collation"));
        assertThat(rowCounts(target, crm)).containsExactly(Map.entry("sentinel", 1L));
    }

    @Test
    void theStandInsImportFollowsTheDumpsUseWhateverDatabaseItIsGiven() throws Exception {
        Snapshot snapshot = smallExport("small.sql");
        String named = snapshot.databases().get(0).name();
        String crm = targetWithSentinel();
        DumpLandingCheck blind = (in, name) -> new DumpLanding(List.of(), 0);

        ImportOutcome outcome = CloudSqlImporter.builder(admin, TARGET, bucket.storage(), blind).backoff(FAST)
                .deadline(Duration.ofSeconds(30)).build().importInto(snapshot, crm);

        // an importer that does not look reports crm, but the dump's USE put the rows elsewhere
        assertThat(outcome.targetDatabase()).isEqualTo(crm);
        assertThat(rowCounts(target, named)).containsExactly(Map.entry("t", 2L));
        assertThat(rowCounts(target, crm)).containsExactly(Map.entry("sentinel", 1L));
        target.dropDatabase(named);
    }

    @Test
    void refusesATruncatedDumpBeforeCallingTheImport() throws Exception {
        String crm = targetWithSentinel();
        byte[] whole;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Refdata.dump()))) {
            whole = in.readAllBytes();
        }
        URI cut = URI.create("gs://cutover-dumps/cut.sql");
        bucket.put(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        Snapshot snapshot = new Snapshot(cut, "sql", -1, "", List.of(), java.time.Instant.now(), Duration.ZERO);

        assertThatThrownBy(() -> importer().followDump(true).build().importInto(snapshot, crm))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("Nothing was imported");
        assertThat(standIn.faults().callCount("instances.import")).isZero();
        assertThat(exists(target, DUMP_DATABASE)).isFalse();
    }

    @Test
    void refusesAMariaDbSandboxFirstLineThatCloudSqlsImportRejects() throws Exception {
        String crm = targetWithSentinel();
        byte[] dump;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Refdata.dump()))) {
            dump = in.readAllBytes();
        }
        String sandbox = "/*M!999999\\- enable the sandbox mode */\n";
        if (!new String(dump, 0, sandbox.length(), StandardCharsets.ISO_8859_1).equals(sandbox)) {
            dump = (sandbox + new String(dump, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        }
        URI uri = URI.create("gs://cutover-dumps/from-mariadb-dump.sql");
        bucket.put(uri, dump);
        Snapshot snapshot = new Snapshot(uri, "sql", dump.length, "", List.of(), java.time.Instant.now(), Duration.ZERO);

        assertThatThrownBy(() -> importer().followDump(true).build().importInto(snapshot, crm))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("sandbox-mode marker").hasMessageContaining("sed 1d")
                .hasMessageContaining("Nothing was imported");
        assertThat(standIn.faults().callCount("instances.import")).isZero();

        // what the check prevents: the import itself stops at line 1, as MySQL's client does
        DumpLandingCheck blind = (in, name) -> new DumpLanding(List.of(), 0);
        assertThatThrownBy(() -> CloudSqlImporter.builder(admin, TARGET, bucket.storage(), blind).backoff(FAST)
                .deadline(Duration.ofSeconds(30)).build().importInto(snapshot, crm))
                .hasMessageContaining("Unknown command '\\-'");
        assertThat(exists(target, DUMP_DATABASE)).isFalse();
        assertThat(rowCounts(target, crm)).containsExactly(Map.entry("sentinel", 1L));
    }

    @Test
    void exportsWithoutTheSandboxLineAsCloudSqlsMysqldumpDoes() throws Exception {
        Snapshot snapshot = smallExport("no-sandbox.sql");
        byte[] file = bucket.get(snapshot.location());
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain("sandbox mode").contains("CREATE DATABASE");
        source.dropDatabase(snapshot.databases().get(0).name());
    }

    @Test
    void surfacesTheErrorOfAFailingImportStatement() throws Exception {
        String crm = targetWithSentinel();
        URI broken = URI.create("gs://cutover-dumps/broken.sql");
        bucket.put(broken, "CREATE TABLE ok (id INT);\nINSERT INTO missing_table VALUES (1);\n"
                .getBytes(StandardCharsets.UTF_8));
        Snapshot snapshot = new Snapshot(broken, "sql", -1, "", List.of(), java.time.Instant.now(), Duration.ZERO);

        assertThatThrownBy(() -> importer().build().importInto(snapshot, crm))
                .isInstanceOfSatisfying(CloudSqlException.class, e -> {
                    assertThat(e.httpStatus()).isZero();
                    assertThat(e.serviceCode()).isEqualTo("ERROR_RDBMS");
                    assertThat(e.serviceMessage()).contains("missing_table");
                });
    }

    @Test
    void surfacesTheOperationsOwnError() throws Exception {
        Snapshot snapshot = smallExport("small-failing.sql");
        String crm = targetWithSentinel();
        standIn.nextOperation(OperationOutcome.failAfter(Duration.ofMillis(50), "ERROR_RDBMS",
                "Import failed: the instance ran out of disk"));

        assertThatThrownBy(() -> importer().followDump(true).build().importInto(snapshot, crm))
                .isInstanceOfSatisfying(CloudSqlException.class,
                        e -> assertThat(e.getMessage()).contains("ran out of disk").contains("instances.import"));
        assertThat(exists(target, snapshot.databases().get(0).name())).isFalse();
    }

    @Test
    void retriesConflictsRateLimitsAndOutagesWithinTheDeadline() throws Exception {
        standIn.faults().failNext("instances.export", Fault.CONFLICT, 1)
                .failNext("instances.export", Fault.RATE_LIMITED, 1)
                .failNext("instances.export", Fault.UNAVAILABLE, 1)
                .failNext("operations.get", Fault.UNAVAILABLE, 2);

        Snapshot snapshot = smallExport("retried.sql");

        assertThat(standIn.faults().callCount("instances.export")).isEqualTo(4);
        assertThat(bucket.get(snapshot.location())).isNotEmpty();
    }

    @Test
    void givesUpOnAPersistentRateLimitWithTheLastRefusal() {
        standIn.faults().failAlways("instances.export", Fault.RATE_LIMITED);
        CloudSqlExporter exporter = CloudSqlExporter.builder(admin, SOURCE).backoff(FAST)
                .deadline(Duration.ofSeconds(1)).build();

        assertThatThrownBy(() -> exporter.export(List.of(DUMP_DATABASE), URI.create("gs://cutover-dumps/limited.sql")))
                .isInstanceOfSatisfying(CloudSqlException.class,
                        e -> assertThat(e.getMessage()).contains("DEADLINE_EXCEEDED").contains("HTTP 429"));
        assertThat(standIn.exportsReceived()).isEmpty();
    }

    @Test
    void namesTheRoleWhenPermissionIsDeniedWithoutRetrying() {
        standIn.faults().failAlways("instances.export", Fault.PERMISSION_DENIED);

        assertThatThrownBy(() -> exporter().export(List.of(DUMP_DATABASE), URI.create("gs://cutover-dumps/denied.sql")))
                .isInstanceOfSatisfying(CloudSqlException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(403);
                    assertThat(e.serviceCode()).isEqualTo("PERMISSION_DENIED");
                    assertThat(e.getMessage()).contains("roles/cloudsql.admin");
                });
        assertThat(standIn.faults().callCount("instances.export")).isEqualTo(1);
    }

    @Test
    void refusesToExportAMissingDatabaseBeforeStarting() {
        assertThatThrownBy(() -> exporter().export(List.of("no_such_db"), URI.create("gs://cutover-dumps/x.sql")))
                .isInstanceOf(CloudSqlException.class).hasMessageContaining("no_such_db").hasMessageContaining("nothing was exported");
        assertThatThrownBy(() -> exporter().export(List.of(DUMP_DATABASE), URI.create("file:dumps/x.sql")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gs://bucket/object");
        assertThat(standIn.exportsReceived()).isEmpty();
    }

    @Test
    void refusesAnotherTargetOrAnUnknownCollationBeforeDroppingAnything() throws Exception {
        String crm = targetWithSentinel();
        CloudSqlDatabaseRecreator recreator = recreator(crm).build();

        assertThatThrownBy(() -> recreator.recreateLike(new DatabaseSpec("x", "utf8mb4", "utf8mb4_bin"), "other"))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("Nothing was dropped");
        assertThatThrownBy(() -> recreator.recreateLike(new DatabaseSpec("x", "utf8mb4", "utf8mb4_klingon_ci"), crm))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("utf8mb4_klingon_ci")
                .hasMessageContaining("Nothing was dropped");
        assertThat(rowCounts(target, crm)).containsExactly(Map.entry("sentinel", 1L));

        RecreateOutcome dry = recreator(crm).dryRun(true).build()
                .recreateLike(new DatabaseSpec("x", "utf8mb4", "utf8mb4_bin"), crm);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.droppedExisting()).isTrue();
        assertThat(rowCounts(target, crm)).containsExactly(Map.entry("sentinel", 1L));

        RecreateOutcome done = recreator.recreateLike(new DatabaseSpec("x", "utf8mb4", "utf8mb4_bin"), crm);
        assertThat(done.droppedExisting()).isTrue();
        assertThat(collationOf(target, crm)).isEqualTo("utf8mb4_bin");
        assertThat(rowCounts(target, crm)).isEmpty();
    }

    @Test
    void anExportThatNeverFinishesIsNotReportedAsDoneAndTheNextOneIsRefusedWhileTheInstanceIsBusy() {
        standIn.nextOperation(OperationOutcome.neverFinish());
        CloudSqlExporter exporter = CloudSqlExporter.builder(admin, SOURCE).backoff(FAST)
                .deadline(Duration.ofSeconds(1)).build();
        URI stuck = URI.create("gs://cutover-dumps/stuck.sql");
        long start = System.nanoTime();

        assertThatThrownBy(() -> exporter.export(List.of(DUMP_DATABASE), stuck))
                .isInstanceOfSatisfying(CloudSqlException.class,
                        e -> assertThat(e.serviceCode()).isEqualTo("DEADLINE_EXCEEDED"))
                .hasMessageContaining("gcloud sql operations list");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(bucket.storage().get(GcsObjectReader.blobId(stuck))).isNull();

        start = System.nanoTime();
        assertThatThrownBy(() -> exporter.export(List.of(DUMP_DATABASE), URI.create("gs://cutover-dumps/next.sql")))
                .isInstanceOf(CloudSqlException.class).hasMessageContaining("409");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void ridesOutA429StormAndA5xxBurstOnEveryCallAndExportsTheWholeDump() throws Exception {
        standIn.faults().failNext("databases.get", Fault.RATE_LIMITED, 2)
                .failNext("databases.get", Fault.UNAVAILABLE, 2)
                .failNext("instances.export", Fault.RATE_LIMITED, 4)
                .failNext("instances.export", Fault.UNAVAILABLE, 2)
                .failNext("operations.get", Fault.RATE_LIMITED, 2)
                .failNext("operations.get", Fault.UNAVAILABLE, 2);

        Snapshot snapshot = smallExport("stormy.sql");

        String dump = new String(bucket.get(snapshot.location()), StandardCharsets.UTF_8);
        assertThat(dump).containsPattern("INSERT INTO `t` VALUES\\s*\\(1\\),\\s*\\(2\\);").contains("-- Dump completed");
        assertThat(standIn.exportsReceived()).hasSize(1);
    }
}
