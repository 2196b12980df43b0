package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.dump.ForeignDatabasePolicy;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each dump-level blocker planted in a copy of refdata's dump, found by a dry-run with its class, severity and fix. */
class DumpFindingsDryRunIT {

    private static DatabaseServer local;
    private static EmbeddedMariaDb target;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        local = DatabaseServers.shared();
        target = EmbeddedMariaDb.builder().start();
    }

    @AfterAll
    static void stop() {
        target.close();
    }

    private DryRunReport dryRun(DryRunPlan.Builder plan) {
        return DryRun.of(plan.build()).onServer(local).run();
    }

    private static ServerAddress targetAddress() {
        return ServerAddress.of(target.jdbcUrl(""), target.user(), target.password());
    }

    private static Finding only(DryRunReport report, String classId) {
        assertThat(report.findings(classId)).as(report.toText()).hasSize(1);
        Finding f = report.findings(classId).get(0);
        assertThat(f.fix()).isNotBlank();
        return f;
    }

    @Test
    void aPlantedUseOfAnotherDatabaseIsABlocker() {
        java.util.concurrent.atomic.AtomicBoolean planted = new java.util.concurrent.atomic.AtomicBoolean();
        Path dump = DumpVariant.of(Refdata.dump()).editLines(l -> l.startsWith("DROP TABLE IF EXISTS") && !planted.getAndSet(true)
                ? "USE `reporting`;\n" + l : l).writeTo(dir.resolve("planted-use.sql"));
        Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm")), "use-mismatch");
        assertThat(f.severity()).isEqualTo(Severity.P0);
        assertThat(f.evidence().get("databases")).asList().contains("reporting", Refdata.databaseName());
    }

    @Test
    void theDumpsOwnDatabaseIsABlockerOnlyWhenTheImportRefusesIt() {
        DryRunReport refusing = dryRun(DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                .foreignDatabases(ForeignDatabasePolicy.REFUSE));
        assertThat(only(refusing, "use-mismatch").severity()).isEqualTo(Severity.P0);
        DryRunReport rewriting = dryRun(DryRunPlan.builder().dump(Refdata.dump()).database("crm"));
        assertThat(only(rewriting, "use-mismatch").severity()).isEqualTo(Severity.P1);
    }

    @Test
    void aCollationTheTargetFlavourLacksIsABlocker() {
        String collation = Refdata.text("database", "collation");
        Path dump = DumpVariant.of(Refdata.dump()).editLines(l -> l.replace(collation, "utf8mb4_uca1400_as_cs"))
                .writeTo(dir.resolve("uca1400.sql"));
        Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm").targetFlavor(TargetFlavor.MYSQL_8_0)),
                "collation-unavailable");
        assertThat(f.severity()).isEqualTo(Severity.P0);
        assertThat(f.evidence()).containsEntry("collation", "utf8mb4_uca1400_as_cs").containsEntry("flavor", "mysql-8.0");
    }

    @Test
    void aPlannedCollationOtherThanTheSourcesIsABlocker() {
        Finding f = only(dryRun(DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                .targetCollation("utf8mb4_unicode_ci")), "collation");
        assertThat(f.severity()).isEqualTo(Severity.P0);
        assertThat(f.evidence()).containsEntry("source_collation", Refdata.text("database", "collation"))
                .containsEntry("planned_collation", "utf8mb4_unicode_ci");
    }

    @Test
    void aGtidPurgedLineIsAManagedInstanceStatement() {
        Path dump = DumpVariant.of(Refdata.dump()).append("SET @@GLOBAL.GTID_PURGED='0-1-100';")
                .writeTo(dir.resolve("gtid.sql"));
        Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm")), "managed-instance-statement");
        assertThat(f.severity()).isEqualTo(Severity.P1);
        assertThat(f.object()).startsWith("gtid.sql:");
    }

    @Test
    void aStatementOverTheTargetsMaxAllowedPacketIsABlocker() throws Exception {
        try (Connection c = target.connect(null); Statement st = c.createStatement()) {
            st.execute("SET GLOBAL max_allowed_packet = 16384");
        }
        try {
            Finding f = only(dryRun(DryRunPlan.builder().dump(Refdata.dump()).database("crm").target(targetAddress())),
                    "packet-too-large");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.evidence()).containsEntry("max_allowed_packet", 16384L);
        } finally {
            try (Connection c = target.connect(null); Statement st = c.createStatement()) {
                st.execute("SET GLOBAL max_allowed_packet = 1073741824");
            }
        }
    }

    @Test
    void aRoutineTheDumpCreatesOverTheTargetsOwnIsABlockerEvenWithNoTablesThere() throws Exception {
        try (Connection c = target.connect(null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE held");
            st.execute("CREATE FUNCTION held.twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
        }
        Path dump = Files.writeString(dir.resolve("routine.sql"), "CREATE TABLE t (id INT PRIMARY KEY);\n"
                + "INSERT INTO t VALUES (1);\nCREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 3;\n");
        try {
            Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("held").target(targetAddress())),
                    "target-not-empty");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo("routine.sql:3");
            assertThat(f.evidence().get("objects")).asString().contains("function twice (line 3, error 1304)");
        } finally {
            try (Connection c = target.connect(null); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE held");
            }
        }
    }

    @Test
    void aDefinerMissingOnTheTargetIsABlocker() {
        Finding f = only(dryRun(DryRunPlan.builder().dump(Refdata.dump()).database("crm").target(targetAddress())),
                "missing-definer");
        assertThat(f.severity()).isEqualTo(Severity.P0);
        assertThat(Refdata.definers()).contains(f.evidence().get("account").toString());
    }

    @Test
    void aSuperOnlyStatementRepeatedIsOneFindingAndNoneForATargetThatRunsIt() {
        java.util.concurrent.atomic.AtomicBoolean planted = new java.util.concurrent.atomic.AtomicBoolean();
        Path dump = DumpVariant.of(Refdata.dump()).editLines(l -> l.startsWith("DROP TABLE IF EXISTS") && !planted.getAndSet(true)
                ? "SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;\nSET @@SESSION.SQL_LOG_BIN= 0;\n" + l : l)
                .append("SET @@SESSION.SQL_LOG_BIN = @MYSQLDUMP_TEMP_LOG_BIN;").writeTo(dir.resolve("log-bin.sql"));
        Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm")), "managed-instance-statement");
        assertThat(f.severity()).isEqualTo(Severity.P1);
        assertThat(f.evidence()).containsEntry("statements", 2);
        assertThat(f.evidence().get("lines")).asList().hasSize(2);

        DryRunReport onTarget = dryRun(DryRunPlan.builder().dump(dump).database("crm").target(targetAddress()));
        assertThat(onTarget.findings("managed-instance-statement")).as("the target's account has SUPER: it runs them")
                .isEmpty();
        assertThat(onTarget.stages()).filteredOn(s -> s.name().equals("accounts")).singleElement()
                .satisfies(s -> assertThat(s.note()).contains("none refused"));
    }

    @Test
    void aGtidPurgedLineOnAMariaDbTargetThatRunsSuperStatementsIsStillAClientImportStop() {
        Path dump = DumpVariant.of(Refdata.dump()).append("SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '0bb78951-0f51-11f1-879a-d03957d0c085:1-20';")
                .writeTo(dir.resolve("gtid-target.sql"));
        Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm").target(targetAddress())),
                "managed-instance-statement");
        assertThat(f.severity()).isEqualTo(Severity.P1);
        assertThat(f.message()).contains("GTID_PURGED").contains("1193");
    }
}
