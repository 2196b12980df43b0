package io.cutkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.secretmanager.v1.SecretName;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.numbers.RoutedNumber;
import io.cutkit.core.runbook.Step;
import io.cutkit.core.secret.Secret;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.examples.crm.CrmApi;
import io.cutkit.examples.local.LocalStage;
import io.cutkit.examples.local.StageServers;
import io.cutkit.gcp.run.CloudRunEnvSecretSource;
import io.cutkit.gcp.secretmanager.SecretManagerSource;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cutover as a JUnit script: one ordered test per step of the field report, sharing one local
 * stage. Each test runs its step (within its budget) and then checks the step's effect on the
 * stack independently of the step's own code.
 */
@TestMethodOrder(OrderAnnotation.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CutoverScriptIT {

    private Path work;
    private StageServers servers;
    private LocalStage stage;
    private CutoverRunbook cutover;
    private final ScriptContext script = new ScriptContext();

    @BeforeAll
    void buildStage(@TempDir Path dir) {
        work = dir;
        servers = StageServers.start();
        stage = LocalStage.build(servers, Blocker.NONE, work);
        cutover = CutoverRunbook.on(stage, Blocker.NONE);
    }

    @AfterAll
    void tearDown() {
        if (stage != null) {
            stage.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    private void runStep(int number) throws Exception {
        Step step = cutover.step(number);
        Duration elapsed = script.run(step);
        assertThat(elapsed).as("step %d against its budget", number).isLessThanOrEqualTo(step.budget());
    }

    @Test
    @Order(1)
    void step01PreFlightRecordsTheSourceState() throws Exception {
        runStep(1);
        assertThat(script.fact("source_migrations")).isEqualTo(String.valueOf(count(stage.sourceData(), "SequelizeMeta")));
        assertThat(script.fact("source_leads")).isEqualTo(String.valueOf(count(stage.sourceData(), "leads")));
        assertThat(script.fact("source_collation")).isEqualTo(StageServers.SOURCE_COLLATION);
        assertThat(script.fact("dry_run_p0")).isEqualTo("0");
        assertThat(stage.workDirectory().resolve("dry-run").resolve("dry-run.json")).exists();
        assertThat(stage.workDirectory().resolve("dry-run").resolve("dry-run.html")).exists();
    }

    @Test
    @Order(2)
    void step02PipesTheSourceKeyIntoSecretManager() throws Exception {
        runStep(2);
        try (Secret source = CloudRunEnvSecretSource.of(stage.cloudRun(), stage.sourceService(), CrmApi.KEY_VARIABLE).read();
             Secret stored = SecretManagerSource.latest(stage.secretManager(),
                     SecretName.of(stage.project(), CrmApi.KEY_VARIABLE)).read()) {
            assertThat(stored).isEqualTo(source);
            assertThat(script.fact("key_fingerprint")).isEqualTo(source.fingerprint());
        }
    }

    @Test
    @Order(3)
    void step03RecreatesTheDestinationWithTheSourceCollation() throws Exception {
        runStep(3);
        assertThat(scalar(stage.destinationAdmin(), "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = '" + stage.destinationDatabase() + "'")).isEqualTo(StageServers.SOURCE_COLLATION);
        assertThat(scalar(stage.destinationAdmin(), "SELECT @@collation_server")).isNotEqualTo(StageServers.SOURCE_COLLATION);
    }

    @Test
    @Order(4)
    void step04WritesASnapshotWhoseChecksumMatches() throws Exception {
        runStep(4);
        Path file = work.resolve("snapshot").resolve(stage.sourceDatabase() + ".sql.gz");
        assertThat(file).isRegularFile();
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        assertThat(script.fact("snapshot_sha256")).isEqualTo(HexFormat.of().formatHex(digest.digest()));
    }

    @Test
    @Order(5)
    void step05ImportsEveryRowIntoTheNamedDatabase() throws Exception {
        runStep(5);
        for (String table : new String[] {"leads", "users", "phone_numbers", "SequelizeMeta"}) {
            assertThat(count(stage.destinationData(), table)).as(table).isEqualTo(count(stage.sourceData(), table));
        }
        String longest = "SELECT MAX(CHAR_LENGTH(`referenceId`)) FROM `leads`";
        assertThat(scalar(stage.destinationData(), longest)).isEqualTo(scalar(stage.sourceData(), longest));
        String emoji = "SELECT `notes` FROM `leads` WHERE `notes` LIKE '%🚀%' ORDER BY `id` LIMIT 1";
        assertThat(scalar(stage.destinationData(), emoji)).isEqualTo(scalar(stage.sourceData(), emoji)).contains("🚀");
        assertThat(scalar(stage.destinationAdmin(), "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '"
                + stage.sourceDatabase() + "'")).as("nothing landed in the source's database name").isEqualTo("0");
    }

    @Test
    @Order(6)
    void step06GrantsTheAppUserAndAppliesTheForkMigrations() throws Exception {
        runStep(6);
        assertThat(scalar(stage.destinationData(), "SELECT COUNT(*) FROM `SequelizeMeta` WHERE `name` LIKE '055-add-dedup-hash%'"))
                .isEqualTo("1");
        assertThat(scalar(stage.destinationData(), "SELECT COUNT(*) FROM `leads` WHERE `emailHash` IS NULL")).isEqualTo("0");
        assertThat(scalar(stage.destinationAdmin(), "SELECT COUNT(*) FROM mysql.user WHERE User = '"
                + stage.appDatabaseUser() + "'")).isEqualTo("1");
    }

    @Test
    @Order(7)
    void step07RestartMakesTheApiServeWithThePipedKey() throws Exception {
        runStep(7);
        byte[] served = stage.servedEnv(CrmApi.KEY_VARIABLE).orElseThrow();
        try (Secret source = CloudRunEnvSecretSource.of(stage.cloudRun(), stage.sourceService(), CrmApi.KEY_VARIABLE).read();
             Secret serving = Secret.adopt(served)) {
            assertThat(serving).isEqualTo(source);
        }
    }

    @Test
    @Order(8)
    void step08SmokeTestSeesARealEmail() throws Exception {
        runStep(8);
        String stored = scalar(stage.sourceData(), "SELECT `email` FROM `leads` ORDER BY `id` LIMIT 1");
        String id = scalar(stage.sourceData(), "SELECT MIN(`id`) FROM `leads`");
        String plaintext;
        try (EncryptionKey key = EncryptionKey.fromBase64(
                CloudRunEnvSecretSource.of(stage.cloudRun(), stage.sourceService(), CrmApi.KEY_VARIABLE))) {
            plaintext = EnvelopeCodec.of(key).decrypt(stored).plaintext();
        }
        HttpResponse<String> lead = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stage.apiUri().resolve("/leads/" + id)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(lead.statusCode()).isEqualTo(200);
        assertThat(lead.body()).contains("\"email\":\"" + plaintext + "\"").doesNotContain("\\\"ct\\\"");
    }

    @Test
    @Order(9)
    void step09AdminLogsInWithTheImportedHash() throws Exception {
        runStep(9);
        assertThat(script.fact("admin_login")).isEqualTo("ok");
    }

    @Test
    @Order(10)
    void step10PipesTheNineCredentials() throws Exception {
        runStep(10);
        for (String name : CrmApi.CREDENTIALS) {
            try (Secret source = CloudRunEnvSecretSource.of(stage.cloudRun(), stage.sourceService(), name).read();
                 Secret stored = SecretManagerSource.latest(stage.secretManager(), SecretName.of(stage.project(), name)).read()) {
                assertThat(stored).as(name).isEqualTo(source);
                String value = source.withBytes(bytes -> new String(bytes, StandardCharsets.UTF_8));
                assertThat(script.progress()).as("progress never shows %s", name).noneMatch(line -> line.contains(value));
            }
        }
    }

    @Test
    @Order(11)
    void step11RepointsEveryNumberToTheNewStack() throws Exception {
        runStep(11);
        for (RoutedNumber number : stage.repointer().snapshot(NumberSelection.of(stage.phoneNumbers())).numbers()) {
            assertThat(number.route().get(RouteField.VOICE_URL)).as(number.toString())
                    .hasValue(stage.webhookBaseUrl() + "/api/twilio/voice");
            assertThat(number.route().get(RouteField.SMS_URL)).hasValue(stage.webhookBaseUrl() + "/api/twilio/sms");
        }
    }

    @Test
    @Order(12)
    void step12RestartLoadsEveryCredential() throws Exception {
        runStep(12);
        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(stage.apiUri().resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"credentials\":\"9/9\"");
    }

    private static long count(DataSource data, String table) throws SQLException {
        return Long.parseLong(scalar(data, "SELECT COUNT(*) FROM `" + table + "`"));
    }

    private static String scalar(DataSource data, String sql) throws SQLException {
        try (Connection c = data.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
