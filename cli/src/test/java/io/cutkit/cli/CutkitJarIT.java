package io.cutkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.numbers.NumberId;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.Secret;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.twilio.testing.TwilioStandIn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Real runs of every subcommand through the built jar against the embedded server (refdata's dump
 * and key) and the Twilio stand-in, then a search of everything they printed for the secrets used.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CutkitJarIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "cutkit_cli";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String AUTH_TOKEN = "tok" + UUID.randomUUID().toString().replace("-", "");

    @TempDir
    static Path dir;

    private static DatabaseServer server;
    private static String source;
    private static String copy;
    private static Path passwordFile;
    private static Path keyFile;
    private static Path wrongKeyFile;
    private static TwilioStandIn twilio;
    private static NumberId number;
    private static Path credentials;
    private static final List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void startServerAndStandIn() throws Exception {
        server = DatabaseServers.shared();
        try (Connection c = server.connect(null); Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO '" + USER + "'@'%' WITH GRANT OPTION");
        }
        source = server.createDatabase("cli_source");
        Refdata.importWithClient(server, source);
        copy = server.createDatabase("cli_copy");
        passwordFile = privateFile("db.password", PASSWORD + "\n");
        keyFile = privateCopy(Refdata.file("secrets.env"), "app.env");
        wrongKeyFile = privateCopy(Refdata.file("wrong-key.env"), "wrong.env");
        try (EnvFile env = EnvFile.read(keyFile)) {
            for (String name : env.names()) {
                try (Secret value = env.source(name).read()) {
                    secrets.add(value.withBytes(b -> new String(b, StandardCharsets.UTF_8)));
                }
            }
        }
        secrets.add(PASSWORD);
        secrets.add(AUTH_TOKEN);
        twilio = TwilioStandIn.builder().authToken(Secret.copyOf(AUTH_TOKEN.getBytes(StandardCharsets.UTF_8))).start();
        number = twilio.addNumber("+13125550181", NumberRoute.empty()
                .with(RouteField.VOICE_URL, "https://old-host.example/api/twilio/voice")
                .with(RouteField.SMS_URL, "https://old-host.example/api/twilio/sms"));
        credentials = privateFile("twilio.env", "TWILIO_ACCOUNT_SID=" + twilio.accountSid() + "\nTWILIO_AUTH_TOKEN="
                + AUTH_TOKEN + "\nTWILIO_API_BASE_URL=" + twilio.endpoint() + "\n");
    }

    @AfterAll
    static void stopStandIn() {
        if (twilio != null) {
            twilio.close();
        }
    }

    private static Path privateFile(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static Path privateCopy(Path from, String name) throws IOException {
        return privateFile(name, Files.readString(from));
    }

    private static List<String> target(String... more) {
        List<String> args = new ArrayList<>(List.of("--target", server.jdbcUrl(""), "--target-user", USER,
                "--target-password-file", passwordFile.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static List<String> source(String... more) {
        List<String> args = new ArrayList<>(List.of("--source", server.jdbcUrl(""), "--source-user", USER,
                "--source-password-file", passwordFile.toString()));
        args.addAll(List.of(more));
        return args;
    }

    private static CutkitJar.Run cutkit(List<String> head, List<String> options) {
        List<String> args = new ArrayList<>(head);
        args.addAll(options);
        return CutkitJar.run(args.toArray(String[]::new));
    }

    private static JsonNode json(CutkitJar.Run run) {
        return JSON.readTree(run.stdout());
    }

    private static long count(String database, String table) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + Refdata.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(1)
    void inspectFindsThatThePlainDumpLandsInItsOwnDatabase() {
        CutkitJar.Run run = cutkit(List.of("inspect", Refdata.dump().toString(), "--database", copy, "--json"), target());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.FINDING);
        assertThat(json(run).path("verdicts").findValuesAsString("kind")).contains("LandsElsewhere");
    }

    @Test
    @Order(2)
    void importRefusesADefinerTheTargetLacksAndChangesNothing() throws Exception {
        CutkitJar.Run run = cutkit(List.of("import", Refdata.dump().toString(), "--database", copy, "--json"), target());

        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCodes.FINDING);
        assertThat(json(run).path("refused").asBoolean()).isTrue();
        assertThat(json(run).path("reasons").toString()).contains("optileads_app");
    }

    @Test
    @Order(3)
    void importLoadsTheDumpWithDefinersStripped() throws Exception {
        CutkitJar.Run run = cutkit(List.of("import", Refdata.dump().toString(), "--database", copy, "--definers", "strip",
                "--json", "--verbose"), target());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(json(run).path("rows").asLong()).isPositive();
        assertThat(count(copy, "leads")).isEqualTo(Refdata.tables().get("leads"));
    }

    @Test
    @Order(4)
    void verifyFindsTheCopyEqualToTheSource() {
        CutkitJar.Run run = cutkit(List.of("verify", "--source-database", source, "--target-database", copy),
                concat(source(), target()));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.stdout()).startsWith("MATCH");
    }

    @Test
    @Order(5)
    void verifyReportsATableThatDiffers() throws Exception {
        try (Connection c = server.connect(copy); Statement s = c.createStatement()) {
            s.execute("DELETE FROM tags ORDER BY id DESC LIMIT 1");
        }
        CutkitJar.Run run = cutkit(List.of("verify", "--source-database", source, "--target-database", copy, "--json"),
                concat(source(), target()));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FINDING);
        assertThat(json(run).path("matches").asBoolean()).isFalse();
        assertThat(run.stdout()).contains("ROW_COUNT_DIFFERS");
    }

    @Test
    @Order(6)
    void exportWritesAChunkDirectory() {
        Path chunks = dir.resolve("chunks");
        CutkitJar.Run run = cutkit(List.of("export", "--database", source, "--output", chunks.toString(), "--workers", "2",
                "--json"), source());

        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(json(run).path("databases").get(0).path("name").asString()).isEqualTo(source);
        assertThat(chunks.resolve("cutkit-manifest.tsv")).exists();
    }

    @Test
    @Order(7)
    void migrationsPlanAndApplyOverTheSequelizeHistory() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("055-add-cli-note.sql"), "ALTER TABLE leads ADD COLUMN cliNote VARCHAR(10) NULL;\n");
        List<String> options = target("--database", copy, "--dir", migrations.toString(), "--history", "sequelize");

        CutkitJar.Run plan = cutkit(List.of("migrations", "plan", "--json"), options);
        CutkitJar.Run apply = cutkit(List.of("migrations", "apply"), options);

        assertThat(plan.exitCode()).as(plan.stderr()).isZero();
        assertThat(plan.stdout()).contains("055-add-cli-note").contains("PENDING");
        assertThat(apply.exitCode()).as(apply.stderr()).isZero();
        assertThat(apply.stdout()).contains("applied 1 migration(s)");
    }

    @Test
    @Order(8)
    void migrationsPlanReportsACollisionWithAnAppliedNumber() throws Exception {
        Path fork = Files.createDirectories(dir.resolve("fork"));
        Files.writeString(fork.resolve("046-add-dedup-hash.sql"), "ALTER TABLE leads ADD COLUMN emailHash CHAR(64) NULL;\n");

        CutkitJar.Run plan = cutkit(List.of("migrations", "plan"),
                target("--database", copy, "--dir", fork.toString(), "--history", "sequelize"));

        assertThat(plan.exitCode()).as(plan.stderr()).isEqualTo(ExitCodes.FINDING);
        assertThat(plan.stdout()).contains("collision").contains("rename this migration to 056-add-dedup-hash");
    }

    @Test
    @Order(9)
    void sampleDecryptPassesWithTheApplicationsKey() {
        CutkitJar.Run run = cutkit(List.of("guard", "sample-decrypt", "--json"),
                target("--database", copy, "--key-env-file", keyFile.toString(), "--column", "leads.email"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(json(run).path("columns").get(0).path("report").path("decrypted").asInt()).isEqualTo(10);
    }

    @Test
    @Order(10)
    void sampleDecryptFindsTheWrongKey() {
        CutkitJar.Run run = cutkit(List.of("guard", "sample-decrypt"),
                target("--database", copy, "--key-env-file", wrongKeyFile.toString(), "--column", "leads.email"));

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FINDING);
        assertThat(run.stdout()).contains("FINDING");
    }

    @Test
    @Order(11)
    void scanExpectingEncryptedValuesPassesOnAnEncryptedColumn() {
        CutkitJar.Run run = cutkit(List.of("guard", "scan", "--expect", "encrypted", "--json"),
                target("--database", copy, "--key-env-file", keyFile.toString(), "--column", "leads.phone"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(json(run).path("columns").get(0).path("report").path("wrongKey").asLong()).isZero();
    }

    @Test
    @Order(12)
    void secretPipeCopiesAKeyIntoAnEnvFileAndPrintsItsFingerprint() throws Exception {
        Path destination = dir.resolve("new-stack.env");
        CutkitJar.Run run = CutkitJar.run("secret", "pipe", "--name", "ENCRYPTION_KEY", "--from-env-file", keyFile.toString(),
                "--to-env-file", destination.toString(), "--json");

        assertThat(run.exitCode()).as(run.output()).isZero();
        try (EnvFile written = EnvFile.read(destination); Secret key = written.source("ENCRYPTION_KEY").read()) {
            assertThat(json(run).path("fingerprint").asString()).isEqualTo(key.fingerprint());
        }
    }

    @Test
    @Order(13)
    void secretPipeRefusesAPlaceholderFromStdin() {
        CutkitJar.Run run = CutkitJar.run(Map.of(), "changeme\n", "secret", "pipe", "--name", "SMTP_PASS", "--from-stdin",
                "--to-file", dir.resolve("smtp.pass").toString());

        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FINDING);
        assertThat(dir.resolve("smtp.pass")).doesNotExist();
    }

    @Test
    @Order(14)
    void numbersPlanApplyAndRollbackAgainstTheStandIn() {
        Path previous = dir.resolve("numbers-before.txt");
        List<String> routes = List.of("--credentials", credentials.toString(), "--number", "+13125550181",
                "--webhook-base", "https://new-stack.example", "--voice-path", "/api/twilio/voice", "--sms-path", "/api/twilio/sms");

        CutkitJar.Run plan = cutkit(List.of("numbers", "plan"), routes);
        assertThat(plan.exitCode()).as(plan.output()).isZero();
        assertThat(twilio.route(number.sid()).get(RouteField.VOICE_URL)).hasValue("https://old-host.example/api/twilio/voice");

        CutkitJar.Run apply = cutkit(List.of("numbers", "apply", "--previous-routes", previous.toString(), "--json"), routes);
        assertThat(apply.exitCode()).as(apply.output()).isZero();
        assertThat(json(apply).path("status").asString()).isEqualTo("COMPLETE");
        assertThat(twilio.route(number.sid()).get(RouteField.VOICE_URL)).hasValue("https://new-stack.example/api/twilio/voice");

        CutkitJar.Run rollback = CutkitJar.run("numbers", "rollback", "--credentials", credentials.toString(),
                "--previous-routes", previous.toString());
        assertThat(rollback.exitCode()).as(rollback.output()).isZero();
        assertThat(twilio.route(number.sid()).get(RouteField.VOICE_URL)).hasValue("https://old-host.example/api/twilio/voice");
    }

    @Test
    @Order(15)
    void aPasswordFileOthersCanReadIsAUsageError() throws Exception {
        Path shared = privateFile("shared.password", PASSWORD);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rw-r-----"));

        CutkitJar.Run run = CutkitJar.run("verify", "--source", server.jdbcUrl(""), "--source-user", USER,
                "--source-password-file", shared.toString(), "--source-database", source, "--target", server.jdbcUrl(""),
                "--target-user", USER, "--target-password-file", passwordFile.toString(), "--target-database", copy);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--source-password-file").contains("chmod 600");
    }

    @Test
    @Order(16)
    void aJdbcUrlWithAPasswordIsAUsageErrorNamingThePasswordFileOption() {
        CutkitJar.Run run = CutkitJar.run("import", Refdata.dump().toString(), "--database", copy,
                "--target", server.jdbcUrl("").replace("jdbc:mysql://", "jdbc:mysql://" + USER + ":" + PASSWORD + "@"),
                "--target-user", USER, "--target-password-file", passwordFile.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--target-password-file");
    }

    @Test
    @Order(17)
    void aWrongPasswordFailsNamingTheServerAndAccountWithoutTheJavaTypeOrAnyPassword() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        secrets.add(wrong);
        Path wrongFile = privateFile("wrong.password", wrong + "\n");

        CutkitJar.Run run = CutkitJar.run("import", Refdata.dump().toString(), "--database", copy,
                "--target", server.jdbcUrl(""), "--target-user", USER, "--target-password-file", wrongFile.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.stderr()).contains("cutkit import: error: Cannot connect to", " as " + USER + ": ", "Access denied",
                "check the address, the account and its password").doesNotContain("PoolInitializationException");
    }

    @Test
    @Order(100)
    void noSecretAppearsInAnyConsoleLineOrJson() {
        List<CutkitJar.Run> runs = CutkitJar.runs();
        assertThat(runs).hasSizeGreaterThanOrEqualTo(18);
        for (CutkitJar.Run run : runs) {
            for (String secret : secrets) {
                assertThat(run.output()).as("output of cutkit %s", run.args()).doesNotContain(secret);
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
