package io.cutkit.mysql.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.mysql.dump.DumpInspector;
import io.cutkit.mysql.dump.DumpVerdict;
import io.cutkit.mysql.dump.ImportRefusedException;
import io.cutkit.mysql.dump.JdbcSnapshotImporter;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refdata's trigger and view run as a DEFINER that exists with USAGE only: on a server of its own with
 * grant tables, since the account is server-wide.
 */
class DefinerPrivilegesIT {

    private static EmbeddedMariaDb server;
    private static AccountName definer;

    @BeforeAll
    static void start() throws SQLException {
        server = EmbeddedMariaDb.builder().grantTables(true).start();
        definer = AccountName.parse(Refdata.definers().get(0));
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            st.execute("CREATE USER " + definer + " ACCOUNT LOCK");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void refusesTheImportBeforeChangingAnythingWhenTheDefinerHasOnlyUsage() throws SQLException {
        String target = "crm_refused";

        assertThatThrownBy(() -> importer().importPath(Refdata.dump(), target))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.reasons())
                        .anySatisfy(r -> assertThat(r).contains("lacks").contains("TRIGGER on `leads`")
                                .contains("INSERT on `lead_status_history`")
                                .contains("GRANT SELECT, INSERT, TRIGGER ON `" + target + "`.* TO " + definer))
                        .anySatisfy(r -> assertThat(r).contains("view").contains("SELECT on `leads`")));
        try (Connection c = server.connect(null); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW DATABASES LIKE '" + target + "'")) {
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void afterTheSuggestedGrantTheImportGoesThroughAndTheTriggerRuns() throws SQLException {
        String target = "crm_granted";
        List<DefinerPrivilegeGap> gaps = DumpInspector.builder().targetDatabase(target)
                .targetServer(server.dataSource(null)).build().inspect(Refdata.dump())
                .verdicts(DumpVerdict.DefinerLacksPrivileges.class).stream().map(DumpVerdict.DefinerLacksPrivileges::gap)
                .toList();

        List<String> granted = DefinerAccounts.of(server.dataSource(null)).grantMissing(gaps);
        importer().importPath(Refdata.dump(), target);

        assertThat(granted).containsExactly("GRANT SELECT, INSERT, TRIGGER ON `" + target + "`.* TO " + definer);
        try (Connection c = server.connect(target); Statement st = c.createStatement()) {
            long before = count(st, "SELECT COUNT(*) FROM lead_status_history");
            assertThat(st.executeUpdate("UPDATE leads SET status = CONCAT('x', status) WHERE id = 1")).isEqualTo(1);
            assertThat(count(st, "SELECT COUNT(*) FROM lead_status_history")).isEqualTo(before + 1);
            assertThat(count(st, "SELECT COUNT(*) FROM " + Refdata.quote(Refdata.names("views", "name").get(0))))
                    .isPositive();
        }
    }

    @Test
    void aTriggerWhoseDefinerIsGrantedOnlyTheTargetFiresDuringTheLoadAndInALaterDataScriptAndKeepsItsDefiner(
            @TempDir Path tmp) throws Exception {
        String target = "crm_trigger_first";
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + target);
            st.execute("GRANT SELECT, INSERT, TRIGGER ON `" + target + "`.* TO " + definer);
        }
        Path schema = Files.writeString(tmp.resolve("schema.sql"), "CREATE TABLE t (id INT PRIMARY KEY);\n"
                + "CREATE TABLE t_log (id INT);\n"
                + "CREATE DEFINER=" + definer + " TRIGGER t_ai AFTER INSERT ON t FOR EACH ROW INSERT INTO t_log VALUES (NEW.id);\n"
                + "INSERT INTO t VALUES (1), (2);\n");
        Path data = Files.writeString(tmp.resolve("data.sql"), "INSERT INTO t VALUES (3);\n");

        importer().importPath(schema, target);
        importer().importPath(data, target);

        try (Connection c = server.connect(target); Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT COUNT(*) FROM t_log")).isEqualTo(3);
            try (ResultSet rs = st.executeQuery("SELECT DEFINER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '"
                    + target + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(AccountName.parse(rs.getString(1)))
                        .isEqualTo(definer);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static JdbcSnapshotImporter importer() {
        return JdbcSnapshotImporter.builder(ServerAddress.of(server.jdbcUrl(""), server.user(),
                server.password() == null ? "" : server.password())).workers(2).build();
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
