package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check of issue 19 planted in a copy of refdata's dump (or in a second server set up like a
 * differing target) and found by one dry-run with its class, severity, object and fix.
 */
class DryRunBreadthIT {

    private static DatabaseServer local;
    private static EmbeddedMariaDb target;
    private static String source;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        local = DatabaseServers.shared();
        target = EmbeddedMariaDb.builder().grantTables(true).start();
        source = local.createDatabase("breadth_source");
        Refdata.importWithClient(local, source);
    }

    @AfterAll
    static void stop() {
        local.dropDatabase(source);
        target.close();
    }

    private DryRunReport dryRun(DryRunPlan.Builder plan) {
        return DryRun.of(plan.build()).onServer(local).run();
    }

    /** A copy of refdata's dump with {@code statements} before its first table. */
    private Path planted(String name, String statements) {
        AtomicBoolean done = new AtomicBoolean();
        return DumpVariant.of(Refdata.dump()).editLines(l -> l.startsWith("DROP TABLE IF EXISTS") && !done.getAndSet(true)
                ? statements + "\n" + l : l).writeTo(dir.resolve(name));
    }

    private static Finding only(DryRunReport report, String classId) {
        assertThat(report.findings(classId)).as(report.toText()).hasSize(1);
        Finding f = report.findings(classId).get(0);
        assertThat(f.fix()).isNotBlank();
        return f;
    }

    private static ServerAddress targetAddress() {
        return ServerAddress.of(target.jdbcUrl(""), target.user(), target.password() == null ? "" : target.password());
    }

    private static void onTarget(String... statements) throws SQLException {
        try (Connection c = target.connect(null); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @Test
    void aMyIsamTableIsAnEngineFindingThatBlocksOnlyOnline() {
        Path dump = planted("myisam.sql", "CREATE TABLE legacy_counters (id INT PRIMARY KEY, hits INT) ENGINE=MyISAM;");
        Finding offline = only(dryRun(DryRunPlan.builder().dump(dump).database("crm")), "engine");
        assertThat(offline.severity()).isEqualTo(Severity.P1);
        assertThat(offline.object()).isEqualTo("crm.legacy_counters");
        assertThat(offline.evidence()).containsEntry("engine", "MyISAM");
        Finding online = only(dryRun(DryRunPlan.builder().dump(dump).database("crm").online(true)), "engine");
        assertThat(online.severity()).isEqualTo(Severity.P0);
    }

    @Test
    void aTableWithOnlyANullableUniqueKeyHasNoUsableKey() {
        Path dump = planted("nokey.sql", "CREATE TABLE import_scratch (email VARCHAR(80) NULL, UNIQUE KEY (email)) ENGINE=InnoDB;");
        Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm")), "missing-primary-key");
        assertThat(f.severity()).isEqualTo(Severity.P1);
        assertThat(f.object()).isEqualTo("crm.import_scratch");
        assertThat(f.message()).contains("chunked export").contains("verification");
    }

    @Test
    void aCompactTableOfManyTextColumnsExceedsTheRowSizeLimit() throws SQLException {
        StringBuilder columns = new StringBuilder("id INT PRIMARY KEY");
        for (int i = 1; i <= 11; i++) {
            columns.append(", note").append(i).append(" TEXT");
        }
        Path dump = planted("wide.sql", "CREATE TABLE wide_notes (" + columns + ") ENGINE=InnoDB ROW_FORMAT=COMPACT;");
        setStrictMode(local, false); // the source created it with strict mode off, as legacy servers did
        try {
            Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm")), "row-size");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo("crm.wide_notes");
            assertThat((Long) f.evidence().get("max_inline_bytes")).isGreaterThan((Long) f.evidence().get("limit_bytes"));
        } finally {
            setStrictMode(local, true);
        }
    }

    private static void setStrictMode(DatabaseServer server, boolean on) throws SQLException {
        try (Connection c = server.dataSource(null).getConnection(); Statement st = c.createStatement()) {
            st.execute("SET GLOBAL innodb_strict_mode = " + (on ? "ON" : "OFF"));
        }
    }

    @Test
    void aRoutineUsingRankUnquotedIsAReservedWordOnMySql84ButNotOnMariaDb() {
        Path dump = planted("rank.sql", "DELIMITER ;;\nCREATE PROCEDURE lead_rank() SELECT id AS rank FROM leads ORDER BY id"
                + " LIMIT 1 ;;\nDELIMITER ;");
        Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm").targetFlavor(TargetFlavor.MYSQL_8_4)),
                "reserved-word");
        assertThat(f.severity()).isEqualTo(Severity.P0);
        assertThat(f.object()).isEqualTo("crm.lead_rank");
        assertThat(f.evidence().get("words")).asList().containsExactly("rank");
        assertThat(dryRun(DryRunPlan.builder().dump(dump).database("crm").targetFlavor(TargetFlavor.MARIADB_11_4))
                .findings("reserved-word")).isEmpty();
    }

    @Test
    void aRoutineWritingIntoADatabaseThatIsNotMovedIsACrossSchemaReference() {
        Path dump = planted("archive.sql", "DELIMITER ;;\nCREATE PROCEDURE archive_leads() INSERT INTO archive.leads_2019"
                + " SELECT * FROM leads ;;\nDELIMITER ;");
        Finding f = only(dryRun(DryRunPlan.builder().dump(dump).database("crm")), "cross-schema-reference");
        assertThat(f.severity()).isEqualTo(Severity.P0);
        assertThat(f.object()).isEqualTo("crm.archive_leads");
        assertThat(f.evidence()).containsEntry("database", "archive");
    }

    @Test
    void aTargetDatabaseHoldingRowsIsABlockerNamingTablesAndCounts() throws SQLException {
        onTarget("CREATE DATABASE IF NOT EXISTS crm_busy", "CREATE TABLE IF NOT EXISTS crm_busy.leftovers (id INT PRIMARY KEY)",
                "REPLACE INTO crm_busy.leftovers VALUES (1), (2), (3)");
        try {
            Finding f = only(dryRun(DryRunPlan.builder().dump(Refdata.dump()).database("crm_busy").target(targetAddress())),
                    "target-not-empty");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo("crm_busy");
            assertThat(f.message()).contains("leftovers (3 rows)");
        } finally {
            onTarget("DROP DATABASE crm_busy");
        }
    }

    @Test
    void aMissingApplicationAccountIsAnAccountBlocker() {
        Finding f = only(dryRun(DryRunPlan.builder().dump(Refdata.dump()).database("crm").target(targetAddress())
                .applicationAccount("crm_nobody", "%")), "account");
        assertThat(f.severity()).isEqualTo(Severity.P0);
        assertThat(f.object()).isEqualTo("'crm_nobody'@'%'");
    }

    @Test
    void aSqlModeThatDiffersBetweenSourceAndTargetIsAServerVariable() throws SQLException {
        onTarget("SET GLOBAL sql_mode = 'NO_ENGINE_SUBSTITUTION'");
        try {
            DryRunReport report = dryRun(DryRunPlan.builder().source(sourceAddress(), source).database("crm")
                    .target(targetAddress()));
            assertThat(report.findings("server-variable")).as(report.toText()).filteredOn(f -> "sql_mode".equals(f.object()))
                    .singleElement().satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.P1);
                        assertThat(f.evidence()).containsEntry("target", "NO_ENGINE_SUBSTITUTION");
                        assertThat(f.fix()).contains("SET PERSIST sql_mode");
                    });
            assertThat(report.findings("replication-readiness")).extracting(Finding::severity).containsOnly(Severity.P2);
        } finally {
            onTarget("SET GLOBAL sql_mode = DEFAULT");
        }
    }

    @Test
    void aSourceWithoutBinaryLogBlocksAnOnlinePlan() {
        DryRunReport report = dryRun(DryRunPlan.builder().source(sourceAddress(), source).database("crm").online(true));
        assertThat(report.findings("replication-readiness")).as(report.toText()).filteredOn(f -> "log_bin".equals(f.object()))
                .singleElement().satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.P0);
                    assertThat(f.fix()).contains("log_bin");
                });
    }

    private static ServerAddress sourceAddress() {
        return ServerAddress.of(local.jdbcUrl(""), local.user(), local.password() == null ? "" : local.password());
    }
}
