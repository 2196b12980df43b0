package io.cutkit.mysql.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a reading account lacks to see triggers and events, read from its grants and checked against what the
 * server shows it: without TRIGGER it sees no trigger, without EVENT no event.
 */
class HiddenObjectFindingsIT {

    private static final String PASSWORD = "h-" + Long.toHexString(System.nanoTime());

    private static EmbeddedMariaDb server;
    private static String database;

    @BeforeAll
    static void start() throws SQLException {
        server = EmbeddedMariaDb.builder().start();
        database = server.createDatabase("hidden");
        try (Connection c = server.connect(database); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT)");
            st.execute("CREATE TRIGGER t_bump BEFORE UPDATE ON t FOR EACH ROW SET NEW.n = OLD.n + 1");
            st.execute("CREATE EVENT e_tidy ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM t WHERE n > 100");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAccountThatMayOnlyReadLacksBothAndSeesNoTrigger() throws SQLException {
        account("only_read", "GRANT SELECT, SHOW VIEW ON *.* TO 'only_read'@'%'");
        try (HikariDataSource pool = pool("only_read")) {
            assertThat(HiddenObjectFindings.lacking(pool, database)).containsExactly("TRIGGER", "EVENT");
            assertThat(visible(pool, "TRIGGERS", "TRIGGER_SCHEMA")).isZero();
            assertThat(visible(pool, "EVENTS", "EVENT_SCHEMA")).isZero();
            assertThat(HiddenObjectFindings.of(pool, database, List.of("TRIGGER", "EVENT"))).singleElement()
                    .satisfies(f -> {
                        assertThat(f.severity()).isEqualTo(Severity.P1);
                        assertThat(f.message()).contains("'only_read'@'%' lacks TRIGGER, EVENT on `" + database + "`");
                        assertThat(f.fix()).startsWith("GRANT TRIGGER, EVENT ON `" + database + "`.* TO 'only_read'@'%'");
                    });
        }
    }

    @Test
    void theGrantTheFindingAdvisesOnTheDatabaseMakesTheTriggerVisible() throws SQLException {
        account("db_level", "GRANT SELECT ON *.* TO 'db_level'@'%'", "GRANT TRIGGER ON `" + database + "`.* TO 'db_level'@'%'");
        try (HikariDataSource pool = pool("db_level")) {
            assertThat(HiddenObjectFindings.lacking(pool, database)).containsExactly("EVENT");
            assertThat(visible(pool, "TRIGGERS", "TRIGGER_SCHEMA")).isEqualTo(1);
            assertThat(visible(pool, "EVENTS", "EVENT_SCHEMA")).isZero();
        }
        execute("GRANT EVENT ON `" + database + "`.* TO 'db_level'@'%'");
        try (HikariDataSource pool = pool("db_level")) {
            assertThat(HiddenObjectFindings.lacking(pool, database)).isEmpty();
            assertThat(visible(pool, "EVENTS", "EVENT_SCHEMA")).isEqualTo(1);
            assertThat(HiddenObjectFindings.of(pool, database, List.of())).isEmpty();
        }
    }

    @Test
    void allPrivilegesLackNothing() throws SQLException {
        account("all_of_it", "GRANT ALL PRIVILEGES ON *.* TO 'all_of_it'@'%'");
        try (HikariDataSource pool = pool("all_of_it")) {
            assertThat(HiddenObjectFindings.lacking(pool, database)).isEmpty();
            assertThat(visible(pool, "TRIGGERS", "TRIGGER_SCHEMA")).isEqualTo(1);
            assertThat(visible(pool, "EVENTS", "EVENT_SCHEMA")).isEqualTo(1);
        }
    }

    private static void account(String user, String... grants) throws SQLException {
        execute("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
        execute(grants);
    }

    private static HikariDataSource pool(String user) {
        return ServerAddress.of(server.jdbcUrl(""), user, PASSWORD).readOnlyPool(database, 1);
    }

    /** How many rows of information_schema.{@code view} about the test database the account sees. */
    private static long visible(HikariDataSource pool, String view, String schemaColumn) throws SQLException {
        try (Connection c = pool.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema." + view + " WHERE " + schemaColumn
                     + " = '" + database + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
