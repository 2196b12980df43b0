package io.cutkit.mysql.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server-setting checks' boundaries on real servers: what each reports and what it leaves alone. */
class ServerSettingFindingsIT {

    private static DatabaseServer shared;
    private static String database;

    @BeforeAll
    static void start() throws SQLException {
        shared = DatabaseServers.shared();
        database = shared.createDatabase("settings");
        execute(shared, "SET SESSION sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER'",
                "CREATE PROCEDURE " + database + ".with_mode() SELECT 1",
                "SET SESSION sql_mode = 'STRICT_TRANS_TABLES'",
                "CREATE PROCEDURE " + database + ".without_mode() SELECT 1",
                "CREATE PROCEDURE " + database + ".sets_mode() BEGIN SET SESSION sql_mode = 'NO_AUTO_CREATE_USER';"
                        + " SELECT 1; END",
                "CREATE TABLE " + database + ".`Orders` (id INT PRIMARY KEY)",
                "CREATE TABLE " + database + ".`orders` (id INT PRIMARY KEY)",
                "CREATE TABLE " + database + ".`customers` (id INT PRIMARY KEY)",
                "CREATE VIEW " + database + ".offsets_only AS SELECT CONVERT_TZ('2024-01-01 00:00:00', '+00:00', '+01:00') AS t",
                "CREATE VIEW " + database + ".named AS SELECT CONVERT_TZ(NOW(), 'UTC', 'America/New_York') AS t");
    }

    @AfterAll
    static void stop() {
        shared.dropDatabase(database);
    }

    private static void execute(DatabaseServer server, String... statements) throws SQLException {
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    @Test
    void theObjectSavedWithNoAutoCreateUserIsP1AndOneWhoseBodySetsItIsP0() throws SQLException {
        try (Connection c = shared.connect(null)) {
            List<Finding> found = SavedSqlModeFindings.of(c, database, "crm");
            assertThat(found).extracting(Finding::object).containsExactlyInAnyOrder("crm.with_mode", "crm.sets_mode");
            assertThat(found).filteredOn(f -> f.object().equals("crm.with_mode")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.P1);
                assertThat(f.autofix()).isNotNull();
            });
            assertThat(found).filteredOn(f -> f.object().equals("crm.sets_mode")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.P0);
                assertThat(f.autofix()).isNull();
                assertThat(f.evidence()).containsEntry("in_body", true);
            });
        }
    }

    @Test
    void caseOnlyNamesCollideOnlyWhenTheTargetFoldsNames() throws SQLException {
        try (Connection c = shared.connect(null)) {
            assertThat(CaseCollisionFindings.of(c, database, "crm", 0)).isEmpty();
            List<Finding> folded = CaseCollisionFindings.of(c, database, "crm", 2);
            assertThat(folded).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.P0);
                assertThat(f.evidence().get("tables")).asList().containsExactlyInAnyOrder("crm.Orders", "crm.orders");
            });
        }
        assertThat(CaseCollisionFindings.lowerCaseTableNames(shared.dataSource(null))).isZero();
    }

    @Test
    void onlyViewsConvertingWithNamedZonesAreReportedAndTheSharedServerHasNoZoneTables() throws SQLException {
        try (Connection c = shared.connect(null)) {
            assertThat(TimeZoneFindings.ofStoredCode(c, database, "crm")).singleElement().satisfies(f -> {
                assertThat(f.object()).isEqualTo("crm.named");
                assertThat(f.evidence().get("zones")).asList().containsExactly("UTC", "America/New_York");
            });
        }
        assertThat(TimeZoneFindings.namedZonesLoaded(shared.dataSource(null))).isFalse();
        assertThat(TimeZoneFindings.ofSource(shared.dataSource(null))).isEmpty();
    }

    @Test
    void binlogRetentionIsJudgedAgainstThreeTimesTheMeasuredCopy() throws SQLException {
        try (EmbeddedMariaDb source = EmbeddedMariaDb.builder().binaryLog(52).start()) {
            execute(source, "SET GLOBAL binlog_expire_logs_seconds = 600");
            assertThat(BinlogRetentionFindings.of(source.dataSource(null), 1_000, Duration.ofSeconds(200), true)).isEmpty();
            List<Finding> short3x = BinlogRetentionFindings.of(source.dataSource(null), 1_000, Duration.ofMillis(200_001), true);
            assertThat(short3x).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.P0);
                assertThat(f.evidence()).containsEntry("retention_seconds", 600L).containsEntry("copy_seconds", 201L)
                        .containsEntry("needed_seconds", 603L);
            });
            assertThat(BinlogRetentionFindings.of(source.dataSource(null), 1_000, Duration.ofMillis(200_001), false))
                    .extracting(Finding::severity).containsExactly(Severity.P2);
            execute(source, "SET GLOBAL binlog_expire_logs_seconds = 0", "SET GLOBAL expire_logs_days = 0");
            assertThat(BinlogRetentionFindings.of(source.dataSource(null), 1_000, Duration.ofHours(5), true))
                    .as("binlogs kept forever").isEmpty();
        }
        assertThat(BinlogRetentionFindings.of(shared.dataSource(null), 1_000, Duration.ofHours(5), true))
                .as("no binary log: left to ReplicationReadinessFindings").isEmpty();
    }
}
