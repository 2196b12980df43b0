package io.cutkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The dry-run's server-setting checks through the built jar, each planted: a routine saved with
 * {@code NO_AUTO_CREATE_USER} (in a dump and on a live source) or setting it in its body, for a MySQL 8
 * target; named time zones against a target without time zone tables; tables whose names differ only in
 * case against a target with {@code lower_case_table_names=1}; binlog retention shorter than the measured
 * copy. Every report is validated against the published schema, docs/dry-run.schema.json.
 */
class DryRunSettingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROCEDURE = "touch_nothing";
    private static final String BODY_PROCEDURE = "strict_legacy_session";
    private static final String VIEW = "berlin_noon";
    private static final String SOURCE_PROCEDURE = "legacy_grant_helper";
    private static final String ZONE = "Europe/Berlin";

    @TempDir
    static Path dir;

    /** A target as a Windows or folding managed server is set up: lower_case_table_names=1, no time zone tables. */
    private static EmbeddedMariaDb target;
    /** A live source with its binary log on, kept 2 s, running in a named zone. */
    private static EmbeddedMariaDb source;
    private static String sourceDatabase;
    private static Path targetPassword;
    private static Path sourcePassword;
    private static Path planted;
    private static String table;
    private static String twin;
    private static Schema schema;

    @BeforeAll
    static void start() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("..", "docs", "dry-run.schema.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        target = EmbeddedMariaDb.builder().lowerCaseTableNames(1).start();
        source = EmbeddedMariaDb.builder().binaryLog(41).start();
        sourceDatabase = source.createDatabase("settings_source");
        Refdata.importWithClient(source, sourceDatabase);
        try (Connection c = source.connect(null); Statement st = c.createStatement()) {
            // one zone with one fixed offset: enough for the server to accept the name
            st.execute("INSERT INTO mysql.time_zone (Time_zone_id, Use_leap_seconds) VALUES (1, 'N')");
            st.execute("INSERT INTO mysql.time_zone_name (Name, Time_zone_id) VALUES ('" + ZONE + "', 1)");
            st.execute("INSERT INTO mysql.time_zone_transition_type (Time_zone_id, Transition_type_id, `Offset`, Is_DST,"
                    + " Abbreviation) VALUES (1, 0, 3600, 0, 'CET')");
            st.execute("SET GLOBAL time_zone = '" + ZONE + "'");
            st.execute("SET GLOBAL binlog_expire_logs_seconds = 2");
            st.execute("USE " + Refdata.quote(sourceDatabase));
            st.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER'");
            st.execute("CREATE PROCEDURE " + SOURCE_PROCEDURE + "() SELECT 1");
        }
        targetPassword = privateFile("target.password", target.password());
        sourcePassword = privateFile("source.password", source.password());
        table = Refdata.tables().keySet().stream().filter(t -> t.equals(t.toLowerCase(Locale.ROOT))).findFirst().orElseThrow();
        twin = Character.toUpperCase(table.charAt(0)) + table.substring(1);
        planted = plant(dir.resolve("planted.sql"), String.join("\n",
                "CREATE TABLE " + Refdata.quote(twin) + " (id INT PRIMARY KEY) ENGINE=InnoDB;",
                "CREATE VIEW " + VIEW + " AS SELECT CONVERT_TZ('2024-01-01 12:00:00', 'UTC', '" + ZONE + "') AS local_noon;",
                "/*!50003 SET @saved_sql_mode = @@sql_mode */ ;",
                "/*!50003 SET sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;",
                "DELIMITER ;;",
                "/*!50003 CREATE PROCEDURE " + PROCEDURE + "() SELECT 1 */;;",
                "/*!50003 SET sql_mode = 'STRICT_TRANS_TABLES' */ ;;",
                "/*!50003 CREATE PROCEDURE " + BODY_PROCEDURE + "() BEGIN SET SESSION sql_mode = 'NO_AUTO_CREATE_USER';"
                        + " SELECT 1; END */;;",
                "DELIMITER ;",
                "/*!50003 SET sql_mode = @saved_sql_mode */ ;"));
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
        if (source != null) {
            source.close();
        }
    }

    @Test
    void aDumpedRoutineSavedWithNoAutoCreateUserIsReportedForMySql8Only() {
        JsonNode mysql = dryRun("--dump", planted.toString(), "--database", "crm", "--target-flavor", "mysql-8.4");
        JsonNode f = finding(mysql, "server-variable", "crm." + PROCEDURE);
        assertThat(f.path("severity").asString()).isEqualTo("P1");
        assertThat(f.path("message").asString()).contains("NO_AUTO_CREATE_USER").contains("1231");
        assertThat(f.path("fix").asString()).contains("import with cutkit");
        assertThat(f.path("autofix").asString()).contains("cutkit import");
        assertThat(f.path("evidence").path("sql_mode").asString()).contains("NO_AUTO_CREATE_USER");
        JsonNode body = finding(mysql, "server-variable", "crm." + BODY_PROCEDURE);
        assertThat(body.path("severity").asString()).isEqualTo("P0");
        assertThat(body.path("autofix").isNull()).isTrue();
        assertThat(body.path("message").asString()).contains("in its body");
        assertThat(mysql.path("summary").path("P0").asLong()).as("the body's SET is the only blocker").isEqualTo(1);

        JsonNode mariaDb = dryRun("--dump", planted.toString(), "--database", "crm", "--target-flavor", "mariadb-11.4");
        assertThat(findings(mariaDb, "server-variable")).noneMatch(n -> n.path("object").asString().startsWith("crm."));
        assertThat(stage(mariaDb, "sql-modes").path("status").asString()).isEqualTo("skipped");
    }

    @Test
    void aSourceRoutineSavedWithNoAutoCreateUserIsReadFromTheSourcesInformationSchema() {
        JsonNode report = dryRun("--source", source.jdbcUrl(""), "--source-user", source.user(), "--source-password-file",
                sourcePassword.toString(), "--source-database", sourceDatabase, "--database", "crm",
                "--target-flavor", "mysql-8.0");
        JsonNode f = finding(report, "server-variable", "crm." + SOURCE_PROCEDURE);
        assertThat(f.path("severity").asString()).isEqualTo("P1");
        assertThat(f.path("evidence").path("kind").asString()).isEqualTo("procedure");
        assertThat(stage(report, "sql-modes").path("note").asString()).contains("on the source");
    }

    @Test
    void namedZonesAndCaseOnlyTableNamesAgainstAFoldingTargetWithoutZoneTables() {
        JsonNode report = dryRun(target("--dump", planted.toString(), "--database", "crm"));
        JsonNode zone = finding(report, "server-variable", "crm." + VIEW);
        assertThat(zone.path("severity").asString()).isEqualTo("P1");
        assertThat(zone.path("message").asString()).contains(ZONE).contains("time zone tables");
        assertThat(zone.path("fix").asString()).contains("mysql_tzinfo_to_sql").contains("mariadb-tzinfo-to-sql");
        assertThat(zone.path("evidence").path("zones").toString()).contains(ZONE).doesNotContain("UTC\",\"2024");

        JsonNode names = finding(report, "server-variable", null, "tables");
        assertThat(names.path("severity").asString()).isEqualTo("P0");
        List<String> tables = new ArrayList<>();
        names.path("evidence").path("tables").forEach(t -> tables.add(t.asString()));
        assertThat(tables).containsExactlyInAnyOrder("crm." + table, "crm." + twin);
        assertThat(names.path("object").asString()).isIn(tables);
        assertThat(names.path("message").asString()).contains("lower_case_table_names=1").contains(twin).contains(table);
        assertThat(names.path("fix").asString()).contains("RENAME TABLE");
    }

    @Test
    void anOnlineSourceInANamedZoneWithShortRetentionAgainstADifferingTarget() {
        JsonNode report = dryRun(target("--source", source.jdbcUrl(""), "--source-user", source.user(),
                "--source-password-file", sourcePassword.toString(), "--source-database", sourceDatabase,
                "--database", "crm", "--online"));
        JsonNode retention = finding(report, "replication-readiness", "binlog_expire_logs_seconds");
        assertThat(retention.path("severity").asString()).isEqualTo("P0");
        JsonNode evidence = retention.path("evidence");
        assertThat(evidence.path("retention_seconds").asLong()).isEqualTo(2);
        assertThat(evidence.path("copy_bytes").asLong()).isPositive();
        assertThat(evidence.path("needed_seconds").asLong()).isEqualTo(3 * evidence.path("copy_seconds").asLong());
        assertThat(retention.path("message").asString()).contains("2 s").contains(evidence.path("copy_seconds").asLong() + " s");
        assertThat(retention.path("fix").asString()).contains("SET GLOBAL binlog_expire_logs_seconds = ");

        JsonNode zone = finding(report, "server-variable", "time_zone", "target_zone_tables");
        assertThat(zone.path("severity").asString()).isEqualTo("P1");
        assertThat(zone.path("evidence").path("source").asString()).isEqualTo(ZONE);
        assertThat(zone.path("fix").asString()).contains("mysql_tzinfo_to_sql");

        JsonNode lowerCase = finding(report, "server-variable", "lower_case_table_names");
        assertThat(lowerCase.path("severity").asString()).isEqualTo("P1");
        assertThat(lowerCase.path("evidence").path("target").asString()).isEqualTo("1");
    }

    private static List<String> target(String... more) {
        List<String> args = new ArrayList<>(List.of("--target", target.jdbcUrl(""), "--target-user", target.user(),
                "--target-password-file", targetPassword.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static JsonNode dryRun(List<String> args) {
        return dryRun(args.toArray(String[]::new));
    }

    private static JsonNode dryRun(String... args) {
        List<String> all = new ArrayList<>(List.of("dry-run", "--json"));
        all.addAll(List.of(args));
        CutkitJar.Run run = CutkitJar.run(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.output()).isIn(ExitCodes.OK, ExitCodes.FINDING);
        assertThat(run.output()).doesNotContain(target.password()).doesNotContain(source.password());
        JsonNode report = JSON.readTree(run.stdout());
        assertThat(schema.validate(report)).as(run.stdout()).isEmpty();
        return report;
    }

    private static List<JsonNode> findings(JsonNode report, String classId) {
        List<JsonNode> found = new ArrayList<>();
        report.path("findings").forEach(f -> {
            if (f.path("class").asString().equals(classId)) {
                found.add(f);
            }
        });
        return found;
    }

    private static JsonNode finding(JsonNode report, String classId, String object) {
        return finding(report, classId, object, null);
    }

    /** The one finding of {@code classId} with {@code object} (any when null) and evidence {@code evidence} (any when null). */
    private static JsonNode finding(JsonNode report, String classId, String object, String evidence) {
        List<JsonNode> matching = findings(report, classId).stream()
                .filter(f -> object == null || f.path("object").asString().equals(object))
                .filter(f -> evidence == null || f.path("evidence").has(evidence)).toList();
        assertThat(matching).as(report.toPrettyString()).hasSize(1);
        assertThat(matching.get(0).path("fix").asString()).isNotBlank();
        return matching.get(0);
    }

    private static JsonNode stage(JsonNode report, String name) {
        for (JsonNode s : report.path("stages")) {
            if (s.path("name").asString().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no stage " + name + " in " + report.toPrettyString());
    }

    private static Path privateFile(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** refdata's dump as plain SQL with {@code statements} before its first table. */
    private static Path plant(Path file, String statements) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Refdata.dump())), StandardCharsets.ISO_8859_1));
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            boolean done = false;
            for (String line; (line = in.readLine()) != null; ) {
                if (!done && line.startsWith("DROP TABLE IF EXISTS")) {
                    out.write(statements);
                    out.write('\n');
                    done = true;
                }
                out.write(line);
                out.write('\n');
            }
        }
        return file;
    }
}
