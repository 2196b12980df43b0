package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * A full online dry-run with --source and --target through accounts that may only read both real servers:
 * SELECT, SHOW VIEW, PROCESS and REPLICATION CLIENT run every check that reads them and name the triggers
 * and events the server hides from such an account as skipped (it shows them only with TRIGGER and EVENT);
 * with those two as well nothing is skipped. The report says the servers were only read, and both are
 * unchanged afterwards.
 */
class ReadOnlyAccountDryRunIT {

    private static final String READER = "cutkit_read";
    private static final String READER_WITH_DEFINITIONS = "cutkit_read_defs";
    private static final String PASSWORD = "ro-" + Long.toHexString(System.nanoTime());
    private static final String READ = "SELECT, SHOW VIEW, PROCESS, REPLICATION CLIENT";
    /** Every stage that reads the source or the target, or works on what they gave, for this plan. */
    private static final List<String> SERVER_STAGES = List.of("export", "target", "inspect", "target-content",
            "server-variables", "replication", "import", "collation", "tables", "reserved-words", "references",
            "accounts", "verify", "estimate");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EmbeddedMariaDb source;
    private static EmbeddedMariaDb target;
    private static String sourceDatabase;

    @BeforeAll
    static void start() throws SQLException {
        source = EmbeddedMariaDb.builder().binaryLog(11).start();
        target = EmbeddedMariaDb.builder().start();
        sourceDatabase = source.createDatabase("optileads_live");
        Refdata.importWithClient(source, sourceDatabase);
        for (EmbeddedMariaDb server : List.of(source, target)) {
            execute(server, "CREATE USER '" + READER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "GRANT " + READ + " ON *.* TO '" + READER + "'@'%'",
                    "CREATE USER '" + READER_WITH_DEFINITIONS + "'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                    "GRANT " + READ + ", TRIGGER, EVENT ON *.* TO '" + READER_WITH_DEFINITIONS + "'@'%'");
        }
        execute(target, "CREATE USER 'crm_app'@'%' IDENTIFIED BY '" + PASSWORD + "'",
                "GRANT SELECT, INSERT ON `crm`.* TO 'crm_app'@'%'");
    }

    @AfterAll
    static void stop() {
        source.close();
        target.close();
    }

    @Test
    void fourReadPrivilegesRunEveryServerCheckAndNameWhatTheServerHidesFromThem() throws SQLException, IOException {
        for (EmbeddedMariaDb server : List.of(source, target)) {
            // MariaDB shows REPLICATION CLIENT by its newer name, BINLOG MONITOR; nothing else is granted
            assertThat(grantsOf(server, READER)).singleElement().asString()
                    .startsWith("GRANT SELECT, PROCESS, BINLOG MONITOR, SHOW VIEW ON *.* TO `" + READER + "`@`%`");
        }

        DryRunReport report = readOnlyRun(READER);

        assertThat(report.findings("other")).as(report.toText()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.message()).contains("'" + READER + "'@'%' lacks TRIGGER, EVENT on `" + sourceDatabase + "`")
                    .contains("triggers and events").contains("skipped");
            assertThat(f.fix()).contains("GRANT TRIGGER, EVENT ON `" + sourceDatabase + "`.* TO '" + READER + "'@'%'");
        });
        assertThat(report.stages()).filteredOn(s -> s.name().equals("export")).singleElement()
                .satisfies(s -> assertThat(s.note()).endsWith("; triggers and events skipped: needs TRIGGER, EVENT"));
        assertThat(definerObjects(report)).noneMatch(o -> o.startsWith("trigger "));
    }

    @Test
    void withTriggerAndEventAsWellNothingIsSkipped() throws SQLException, IOException {
        DryRunReport report = readOnlyRun(READER_WITH_DEFINITIONS);

        assertThat(report.findings("other")).extracting(Finding::message).as(report.toText())
                .noneMatch(m -> m.contains("hides") || m.contains("skipped"));
        assertThat(report.stages()).filteredOn(s -> s.name().equals("export")).singleElement()
                .satisfies(s -> assertThat(s.note()).doesNotContain("skipped"));
        assertThat(definerObjects(report)).contains("trigger " + Refdata.names("triggers", "name").get(0));
    }

    /** Runs the online dry-run as {@code user} on source and target and checks what holds for any read-only account. */
    private static DryRunReport readOnlyRun(String user) throws SQLException, IOException {
        List<String> sourceBefore = ServerSnapshot.of(source);
        List<String> targetBefore = ServerSnapshot.of(target);

        DryRunReport report = DryRun.of(DryRunPlan.builder().source(as(source, user), sourceDatabase).database("crm")
                .target(as(target, user)).applicationAccount("crm_app", "%").online(true).build())
                .onServer(DatabaseServers.shared()).run();

        assertThat(report.stages()).as(report.toText()).noneMatch(s -> s.status() == StageResult.Status.FAILED);
        assertThat(report.stages()).filteredOn(s -> SERVER_STAGES.contains(s.name())).as(report.toText())
                .hasSize(SERVER_STAGES.size()).allMatch(s -> s.status() == StageResult.Status.RAN);
        assertThat(report.stages()).filteredOn(s -> s.name().equals("replication")).singleElement()
                .satisfies(s -> assertThat(s.note()).endsWith("for the online plan"));
        assertThat(report.findings("account")).extracting(Finding::message)
                .singleElement().asString().contains("'crm_app'@'%' lacks UPDATE");
        assertThat(report.findings()).extracting(Finding::message).as(report.toText())
                .noneMatch(m -> m.contains("could not") || m.contains("denied"));
        assertThat(report.toText()).contains("Nothing was written to the source or the target: " + DryRunReport.READ_ONLY);
        assertThat(JSON.readTree(report.toJson()).path("read_only").asString()).isEqualTo(DryRunReport.READ_ONLY);
        assertThat(schema().validate(JSON.readTree(report.toJson()))).as(report.toJson()).isEmpty();

        assertThat(ServerSnapshot.of(source)).isEqualTo(sourceBefore);
        assertThat(ServerSnapshot.of(target)).isEqualTo(targetBefore);
        return report;
    }

    @SuppressWarnings("unchecked")
    private static List<String> definerObjects(DryRunReport report) {
        return report.findings("missing-definer").stream()
                .flatMap(f -> ((List<Object>) f.evidence().get("objects")).stream().map(String::valueOf)).toList();
    }

    private static ServerAddress as(EmbeddedMariaDb server, String user) {
        return ServerAddress.of(server.jdbcUrl(""), user, PASSWORD);
    }

    private static List<String> grantsOf(EmbeddedMariaDb server, String user) throws SQLException {
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            return ServerSnapshot.column(st, "SHOW GRANTS FOR '" + user + "'@'%'");
        }
    }

    private static Schema schema() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("..", "docs", "dry-run.schema.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private static void execute(EmbeddedMariaDb server, String... statements) throws SQLException {
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
