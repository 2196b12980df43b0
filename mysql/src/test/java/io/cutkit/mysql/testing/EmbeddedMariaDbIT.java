package io.cutkit.mysql.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {

    private static EmbeddedMariaDb grantServer;

    /** One grant-table server shared by the tests that need accounts. */
    private static synchronized EmbeddedMariaDb grantServer() {
        if (grantServer == null) {
            grantServer = EmbeddedMariaDb.builder().grantTables(true).start();
        }
        return grantServer;
    }

    @AfterAll
    static void stopGrantServer() {
        if (grantServer != null) {
            grantServer.close();
        }
    }

    @Test
    void twoServersRunAtOnceWithDifferentDefaultCollations() throws SQLException {
        try (EmbeddedMariaDb source = EmbeddedMariaDb.builder()
                     .characterSet("utf8mb4").collation("utf8mb4_0900_ai_ci").start();
             EmbeddedMariaDb target = EmbeddedMariaDb.builder()
                     .characterSet("utf8mb4").collation("utf8mb4_unicode_ci").start()) {
            assertThat(source.port()).isNotEqualTo(target.port());
            assertThat(queryString(source, null, "SELECT @@collation_server")).isEqualTo(source.defaultCollation());
            assertThat(source.defaultCollation()).isEqualTo("utf8mb4_0900_ai_ci");
            assertThat(target.defaultCollation()).isEqualTo("utf8mb4_unicode_ci");
            assertThat(source.defaultCharacterSet()).isEqualTo("utf8mb4");

            String onSource = source.createDatabase("coll");
            String onTarget = target.createDatabase("coll");
            assertThat(schemaCollation(source, onSource)).isEqualTo(source.defaultCollation());
            assertThat(schemaCollation(target, onTarget)).isEqualTo("utf8mb4_unicode_ci");
            assertThat(databaseExists(target, onSource)).isFalse();
        }
    }

    @Test
    void grantTablesAllowAccountsAndPrivileges() throws SQLException {
        EmbeddedMariaDb server = grantServer();
        assertThat(server.password()).isNotEmpty();
        String db = server.createDatabase("grants");
        try (Connection admin = server.connect(null); Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER 'app_user'@'%' IDENTIFIED BY 'app-pass-1'");
            statement.execute("GRANT SELECT ON `" + db + "`.* TO 'app_user'@'%'");
        }
        try (Connection app = java.sql.DriverManager.getConnection(server.jdbcUrl(db), "app_user", "app-pass-1");
             Statement statement = app.createStatement()) {
            assertThat(statement.executeQuery("SELECT 1").next()).isTrue();
            assertThatThrownBy(() -> statement.execute("CREATE TABLE t (id INT)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        }
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(server.jdbcUrl(db), "app_user", "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("Access denied");
    }

    @Test
    void withoutGrantTablesAccountAndEventStatementsAreRefused() {
        try (EmbeddedMariaDb bare = EmbeddedMariaDb.builder().grantTables(false).start()) {
            assertThatThrownBy(() -> bare.execute("CREATE USER 'nobody'@'%'"))
                    .isInstanceOf(DatabaseFixtureException.class)
                    .hasMessageContaining("skip-grant-tables");
            String db = bare.createDatabase("events");
            assertThatThrownBy(() -> bare.execute("CREATE EVENT `" + db + "`.e ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1"))
                    .isInstanceOf(DatabaseFixtureException.class)
                    .hasMessageContaining("skip-grant-tables");
        }
    }

    @Test
    void theSharedEmbeddedServerHasGrantTablesSoEventsAndAccountsWork() {
        DatabaseServer shared = DatabaseServers.shared();
        if (!(shared instanceof EmbeddedMariaDb embedded)) {
            return;
        }
        String db = shared.createDatabase("events");
        embedded.execute("CREATE EVENT `" + db + "`.e ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1");
        embedded.execute("CREATE USER 'cutkit_probe'@'%' ACCOUNT LOCK");
        embedded.execute("DROP USER 'cutkit_probe'@'%'");
        shared.dropDatabase(db);
    }

    @Test
    void shipsClientProgramsInsideItsBaseDirectory() {
        DatabaseServer shared = DatabaseServers.shared();
        if (!(shared instanceof EmbeddedMariaDb)) {
            assertThat(shared.clientBinary("mariadb")).isEmpty();
            return;
        }
        assertThat(shared.clientBinary("mariadb")).hasValueSatisfying(path -> {
            assertThat(path).isAbsolute();
            assertThat(Files.isExecutable(path)).isTrue();
        });
        assertThat(shared.clientBinary("mariadb-dump")).isPresent();
        assertThat(shared.clientBinary("no-such-program")).isEmpty();
        assertThatThrownBy(() -> shared.clientBinary("../bin/mariadb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stoppedServerRemovesItsDataDirectoryAndRefusesConnections() {
        EmbeddedMariaDb server = EmbeddedMariaDb.builder().start();
        String url = server.jdbcUrl(null);
        server.close();
        assertThatThrownBy(() -> java.sql.DriverManager.getConnection(url, "root", ""))
                .isInstanceOf(SQLException.class);
    }

    @Test
    void existingServerFromEnvironmentStyleUrlWorksAndIsNotStoppedByClose() throws SQLException {
        EmbeddedMariaDb running = grantServer();
        DatabaseServer existing = DatabaseServers.existing(running.jdbcUrl(null), running.user(), running.password());
        String db = existing.createDatabase("existing");
        assertThat(queryString(existing, db, "SELECT DATABASE()")).isEqualTo(db);
        assertThat(existing.clientBinary("mariadb")).isEmpty();
        existing.close();
        assertThat(queryString(running, null, "SELECT 1")).isEqualTo("1");
        assertThat(existing.toString()).doesNotContain(running.password());
    }

    @Test
    void refusesCollationThatIsNotAName() {
        assertThatThrownBy(() -> EmbeddedMariaDb.builder().collation("utf8mb4_bin --init-file=/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("collation");
    }

    static String queryString(DatabaseServer server, String db, String sql) throws SQLException {
        try (Connection connection = server.connect(db);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String schemaCollation(DatabaseServer server, String db) throws SQLException {
        return queryString(server, null, "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = '" + db + "'");
    }

    private static boolean databaseExists(DatabaseServer server, String db) throws SQLException {
        return Integer.parseInt(queryString(server, null, "SELECT COUNT(*) FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = '" + db + "'")) > 0;
    }

    @Test
    void theServersConsoleStaysOutOfAnInfoLevelLogButItsErrorsDoNot() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            EmbeddedMariaDb.builder().start().close();
            assertThatThrownBy(() -> EmbeddedMariaDb.builder().characterSet("latin1").collation("utf8mb4_bin").start())
                    .isInstanceOf(DatabaseFixtureException.class);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines().filter(line -> line.contains("[Note]"))).isEmpty();
        assertThat(log.lines().filter(line -> line.contains(" ERROR ") && line.contains("[ERROR]"))).isNotEmpty();
    }
}
