package io.cutkit.mysql.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.secret.Secret;
import tools.jackson.databind.JsonNode;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against an embedded server with grant tables, so accounts and DEFINER checks are real. */
class AccountsIT {

    private static final String PASSWORD = "s3cr'et\\pw\"with-quotes \u00e9";
    private static EmbeddedMariaDb server;

    @BeforeAll
    static void start() {
        server = EmbeddedMariaDb.builder().grantTables(true).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void createsApplicationUserWithPasswordFromSecretAndGrantsOnlyItsDatabase() throws SQLException {
        String db = server.createDatabase("app");
        String other = server.createDatabase("other");
        AccountOutcome outcome;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        try (Secret password = Secret.copyOf(PASSWORD.getBytes(StandardCharsets.UTF_8))) {
            ApplicationAccount account = ApplicationAccount.builder().user("crm_app").database(db).password(password).build();
            assertThat(account.toString()).doesNotContain(PASSWORD).contains("crm_app");
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try {
                outcome = account.ensure(server.dataSource(null));
            } finally {
                System.setErr(stderr);
            }
        }

        // slf4j-simple writes to the current System.err: the line is there, the password is not
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("Created 'crm_app'@'%'").doesNotContain(PASSWORD)
                .doesNotContain("s3cr");

        assertThat(outcome.created()).isTrue();
        assertThat(outcome.grants()).containsExactly("ALL PRIVILEGES ON `" + db + "`.*");
        assertThat(outcome.toString()).doesNotContain(PASSWORD);
        try (Connection app = DriverManager.getConnection(server.jdbcUrl(db), "crm_app", PASSWORD);
             Statement statement = app.createStatement()) {
            statement.execute("CREATE TABLE t (id INT)");
            assertThatThrownBy(() -> statement.execute("CREATE TABLE `" + other + "`.t (id INT)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
    }

    @Test
    void existingUserGetsTheNewPasswordAndLosesTheOld() throws SQLException {
        String db = server.createDatabase("rotate");
        try (Secret first = Secret.copyOf("first-password-1".getBytes(StandardCharsets.UTF_8));
             Secret second = Secret.copyOf("second-password-2".getBytes(StandardCharsets.UTF_8))) {
            ApplicationAccount.builder().user("rotating").database(db).password(first).build().ensure(server.dataSource(null));
            AccountOutcome outcome = ApplicationAccount.builder().user("rotating").database(db).password(second).build()
                    .ensure(server.dataSource(null));
            assertThat(outcome.created()).isFalse();
        }

        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(db), "rotating", "first-password-1"))
                .isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        DriverManager.getConnection(server.jdbcUrl(db), "rotating", "second-password-2").close();
    }

    @Test
    void failureMessageAndStackTraceNeverContainThePassword() throws SQLException {
        String db = server.createDatabase("weak");
        try (Connection admin = server.connect(null); Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER 'weak_admin'@'%' IDENTIFIED BY 'weak-admin-pw'");
            statement.execute("GRANT SELECT ON mysql.* TO 'weak_admin'@'%'");
        }
        var weakAdmin = new com.mysql.cj.jdbc.MysqlDataSource();
        weakAdmin.setURL(server.jdbcUrl(null));
        weakAdmin.setUser("weak_admin");
        weakAdmin.setPassword("weak-admin-pw");

        try (Secret password = Secret.copyOf(PASSWORD.getBytes(StandardCharsets.UTF_8))) {
            ApplicationAccount account = ApplicationAccount.builder().user("never_created").database(db).password(password).build();
            assertThatThrownBy(() -> account.ensure(weakAdmin))
                    .isInstanceOfSatisfying(AccountException.class, e -> {
                        StringWriter trace = new StringWriter();
                        e.printStackTrace(new PrintWriter(trace));
                        assertThat(trace.toString()).doesNotContain(PASSWORD).doesNotContain("s3cr");
                        assertThat(e.errorCode()).isPositive();
                    })
                    .hasMessageContaining("Could not create 'never_created'@'%'")
                    .hasMessageContaining("CREATE USER privilege");
        }
    }

    @Test
    void missingRefdataDefinersBreakTheirObjectsUntilCreated() throws SQLException {
        String db = server.createDatabase("refdata");
        Refdata.importWithClient(server, db);
        DefinerAccounts definers = DefinerAccounts.of(server.dataSource(null));
        java.util.List<AccountName> missing = missingDefiners();
        assertThat(missing).isNotEmpty();
        String view = Refdata.quote(definerView(missing));

        DefinerReport before = definers.scan(db);
        assertThat(before.missing()).containsExactlyInAnyOrderElementsOf(missing);
        assertThat(before.uses()).extracting(DefinerUse::objectType, DefinerUse::objectName)
                .containsExactlyInAnyOrderElementsOf(storedObjects());
        assertThat(before.toText()).contains(missing.get(0).toString()).contains("error 1449");
        assertThatThrownBy(() -> count(db, "SELECT COUNT(*) FROM " + view)).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(1449));

        DefinerReport after = definers.createMissing(db);

        assertThat(after.created()).containsExactlyInAnyOrderElementsOf(missing);
        assertThat(after.complete()).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM " + view)).isNotNegative();
        assertThat(definers.scan(db).complete()).isTrue();
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(db), missing.get(0).user(), ""))
                .isInstanceOf(SQLException.class);
    }

    /** The manifest's DEFINER accounts that this server lacks. */
    private static java.util.List<AccountName> missingDefiners() throws SQLException {
        java.util.List<AccountName> missing = new java.util.ArrayList<>();
        for (String definer : Refdata.definers()) {
            AccountName account = AccountName.parse(definer);
            try (Connection connection = server.connect(""); java.sql.PreparedStatement exists = connection.prepareStatement(
                    "SELECT COUNT(*) FROM mysql.user WHERE User = ? AND Host = ?")) {
                exists.setString(1, account.user());
                exists.setString(2, account.host());
                try (ResultSet rs = exists.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        missing.add(account);
                    }
                }
            }
        }
        return missing;
    }

    /** A SQL SECURITY DEFINER view of the manifest whose definer is missing. */
    private static String definerView(java.util.List<AccountName> missing) {
        for (JsonNode view : Refdata.at("views")) {
            if ("DEFINER".equalsIgnoreCase(view.path("security").asString())
                    && missing.contains(AccountName.parse(view.path("definer").asString()))) {
                return view.path("name").asString();
            }
        }
        throw new IllegalStateException("refdata has no SQL SECURITY DEFINER view of a missing account");
    }

    /** (type, name) of every stored object the manifest lists: views, triggers, routines, events. */
    private static java.util.List<org.assertj.core.groups.Tuple> storedObjects() {
        java.util.List<org.assertj.core.groups.Tuple> objects = new java.util.ArrayList<>();
        Refdata.manifest().path("views").forEach(v -> objects.add(org.assertj.core.groups.Tuple.tuple("VIEW", v.path("name").asString())));
        Refdata.manifest().path("triggers").forEach(t -> objects.add(org.assertj.core.groups.Tuple.tuple("TRIGGER", t.path("name").asString())));
        Refdata.manifest().path("routines").forEach(r -> objects.add(org.assertj.core.groups.Tuple.tuple(
                r.path("type").asString().toUpperCase(java.util.Locale.ROOT), r.path("name").asString())));
        Refdata.manifest().path("events").forEach(e -> objects.add(org.assertj.core.groups.Tuple.tuple("EVENT", e.path("name").asString())));
        return objects;
    }

    private static long count(String db, String sql) throws SQLException {
        try (Connection connection = server.connect(db); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
