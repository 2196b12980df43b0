package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.account.AccountName;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dry-run against a "real" source and target: an embedded server with grant tables of its own,
 * holding refdata as the source; the rehearsal runs on the shared server.
 */
class DryRunAgainstRealServersIT {

    private static EmbeddedMariaDb real;
    private static ServerAddress address;
    private static String source;
    private static AccountName definer;

    @BeforeAll
    static void start() {
        real = EmbeddedMariaDb.builder().grantTables(true).start();
        address = ServerAddress.of(real.jdbcUrl(""), real.user(), real.password() == null ? "" : real.password());
        source = real.createDatabase("optileads_live");
        Refdata.importWithClient(real, source);
        definer = AccountName.parse(Refdata.definers().get(0));
    }

    @AfterAll
    static void stop() {
        real.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsWhatTheDefinerAndTheApplicationAccountLackOnTheTarget() throws SQLException {
        execute("CREATE USER IF NOT EXISTS " + definer + " ACCOUNT LOCK",
                "CREATE USER IF NOT EXISTS 'crm_app'@'%' ACCOUNT LOCK", "GRANT SELECT, INSERT ON `crm`.* TO 'crm_app'@'%'");

        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(Refdata.dump()).database("crm").target(address)
                .applicationAccount("crm_app", "%").build()).onServer(DatabaseServers.shared()).run();

        assertThat(report.findings("definer-privileges")).extracting(Finding::object)
                .contains("crm." + Refdata.names("views", "name").get(0));
        assertThat(report.findings("definer-privileges")).allMatch(f -> f.severity() == Severity.P0)
                .anySatisfy(f -> assertThat(f.evidence()).containsEntry("account", definer.toString())
                        .containsEntry("grant", "GRANT SELECT, INSERT, TRIGGER ON `crm`.* TO " + definer));
        assertThat(report.findings("account")).filteredOn(f -> f.message().contains("'crm_app'@'%'")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.P0);
                    assertThat((List<Object>) f.evidence().get("missing")).contains("UPDATE", "CREATE VIEW")
                            .doesNotContain("SELECT", "INSERT");
                });
        assertThat(report.findings("missing-definer")).isEmpty();
    }

    @Test
    void reportsADefinerTheTargetLacksAsCheckedThere() throws SQLException {
        execute("DROP USER IF EXISTS " + definer);

        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(Refdata.dump()).database("crm").target(address)
                .build()).onServer(DatabaseServers.shared()).run();

        assertThat(report.findings("missing-definer")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.message()).contains("does not exist on the target");
        });
    }

    @Test
    void judgesCollationsByTheLiveSourceDatabasesOwnNotTheRehearsalServersDefault() throws SQLException {
        String latin = "latin_live_" + Long.toHexString(System.nanoTime());
        execute("CREATE DATABASE `" + latin + "` COLLATE latin1_swedish_ci",
                "CREATE TABLE `" + latin + "`.t (id INT PRIMARY KEY, name VARCHAR(20))",
                "INSERT INTO `" + latin + "`.t VALUES (1, 'Åsa'), (2, 'Zoë')");

        DryRunReport same = DryRun.of(DryRunPlan.builder().source(address, latin).database("crm")
                .targetCollation("latin1_swedish_ci").build()).onServer(DatabaseServers.shared()).run();
        DryRunReport other = DryRun.of(DryRunPlan.builder().source(address, latin).database("crm")
                .targetCollation("utf8mb4_unicode_ci").build()).onServer(DatabaseServers.shared()).run();

        assertThat(same.stages()).filteredOn(s -> s.name().equals("collation")).singleElement()
                .satisfies(s -> assertThat(s.note()).startsWith("source latin1_swedish_ci"));
        assertThat(same.findings("collation")).isEmpty();
        assertThat(other.findings("collation")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("source_collation", "latin1_swedish_ci"));
    }

    @Test
    void leavesTheSourceAndTheTargetExactlyAsTheyWere() throws SQLException {
        List<String> before = ServerSnapshot.of(real);

        DryRunReport report = DryRun.of(DryRunPlan.builder().source(address, source).database("crm").target(address)
                .applicationAccount("crm_app", "%").build()).onServer(DatabaseServers.shared()).run();

        assertThat(report.stages()).filteredOn(s -> s.name().equals("verify")).singleElement()
                .satisfies(s -> assertThat(s.note()).contains(" 0 differ"));
        assertThat(ServerSnapshot.of(real)).isEqualTo(before);
    }

    @Test
    void readOnlySessionsRefuseEveryWrite() throws SQLException {
        try (HikariDataSource pool = address.readOnlyPool(source, 1); Connection c = pool.getConnection();
                Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("UPDATE leads SET status = 'changed'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("read-only");
            assertThat(ServerSnapshot.column(st, "SELECT @@session.transaction_read_only")).containsExactly("1");
        }
        try (Connection c = real.connect(source); Statement st = c.createStatement()) {
            assertThat(ServerSnapshot.column(st, "SELECT COUNT(*) FROM leads WHERE status = 'changed'")).containsExactly("0");
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = real.connect(null); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
