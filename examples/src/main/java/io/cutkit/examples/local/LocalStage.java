package io.cutkit.examples.local;

import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.EnvVarSource;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.SecretKeySelector;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServiceName;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.secretmanager.v1.ProjectName;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.protobuf.ByteString;
import io.cutkit.core.data.SnapshotExporter;
import io.cutkit.core.numbers.NumberRepointer;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.service.ServiceRestarter;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.examples.Blocker;
import io.cutkit.examples.Stage;
import io.cutkit.examples.crm.ContractorDatabase;
import io.cutkit.examples.crm.CrmApi;
import io.cutkit.examples.crm.CrmWriteLoad;
import io.cutkit.gcp.run.CloudRunRestarter;
import io.cutkit.gcp.testing.CloudRunStandIn;
import io.cutkit.gcp.testing.SecretManagerStandIn;
import io.cutkit.mysql.dump.JdbcSnapshotExporter;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.replication.NativeReplicationLink;
import io.cutkit.mysql.replication.ReplicationEndpoint;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.twilio.TwilioNumberRepointer;
import io.cutkit.twilio.TwilioTransport;
import io.cutkit.twilio.testing.TwilioStandIn;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The rehearsal's stage on one machine: the contractor's CRM generated on one embedded server, an
 * empty destination server whose default collation differs, Secret Manager and Cloud Run stand-ins
 * (the contractor's service with the key and nine credentials in its environment, the new service
 * referencing secrets that hold a template placeholder), a Twilio stand-in with six numbers on the
 * old host, and the new CRM API running locally with what its Cloud Run revision resolved.
 *
 * <p>A {@link Blocker} that lives in the world rather than in the cutover code is planted here
 * (a key one character off, a placeholder in the source environment, a missing DEFINER account,
 * envelopes in a plaintext column, a trunk on one number, a secret reference pinned to the
 * placeholder version). Building resets the servers' rehearsal databases and accounts, so servers
 * can be reused. Costs about a second for a few thousand leads.
 */
public final class LocalStage implements Stage {

    /** The contractor's database name; it is what a dump's {@code USE} names. */
    public static final String SOURCE_DATABASE = "Optileads";
    /** The destination database name. */
    public static final String DESTINATION_DATABASE = "crm";
    /** How many leads the generated CRM holds. */
    public static final int LEADS = 3000;

    private static final String PROJECT = "crm-rehearsal";
    private static final String REGION = "europe-west1";
    private static final String APP_USER = "crm_api";
    private static final String TEMPLATE_DEFAULT = "rotate-me-at-cutover";
    private static final String OLD_HOST = "https://crm-api.contractor-host.example";
    private static final String NEW_HOST = "https://crm-api.new-stack.example";
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String REPLICATION_USER = "repl";

    private final StageServers servers;
    private final Path workDirectory;
    private final boolean online;
    private final String destinationDatabase;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Secret adminPassword = randomSecret();
    private final Secret appPassword = randomSecret();
    private final Secret replicationPassword = randomSecret();
    private final PlaceholderPolicy policy;
    private SecretManagerStandIn secretManager;
    private CloudRunStandIn cloudRun;
    private ServicesClient services;
    private TwilioStandIn twilio;
    private NumberRepointer repointer;
    private CrmApi api;
    private ServiceRestarter restarter;
    private final List<String> numbers = new ArrayList<>();

    private LocalStage(StageServers servers, Path workDirectory, boolean online) {
        this.servers = servers;
        this.workDirectory = workDirectory;
        this.online = online;
        this.destinationDatabase = online ? SOURCE_DATABASE : DESTINATION_DATABASE;
        try (Secret templateDefault = Secret.copyOf(TEMPLATE_DEFAULT.getBytes(StandardCharsets.UTF_8))) {
            this.policy = PlaceholderPolicy.defaults().withKnownDefault(templateDefault);
        }
    }

    /**
     * Builds the stage on {@code servers} with {@code blocker} planted, writing under
     * {@code workDirectory}. Throws {@link IllegalStateException} when a server refuses the setup.
     */
    public static LocalStage build(StageServers servers, Blocker blocker, Path workDirectory) {
        return build(servers, blocker, workDirectory, false);
    }

    /**
     * Builds the stage; {@code online} prepares it for the online move: the servers must have been
     * started by {@link StageServers#startReplicating()}, the destination database is named like the
     * source's (replication keeps names), a replication account exists on both servers, the
     * application account exists on the source, and the CRM holds the tables {@link CrmWriteLoad}
     * writes to.
     */
    public static LocalStage build(StageServers servers, Blocker blocker, Path workDirectory, boolean online) {
        LocalStage stage = new LocalStage(Objects.requireNonNull(servers, "servers"),
                Objects.requireNonNull(workDirectory, "workDirectory"), online);
        try {
            stage.setUp(Objects.requireNonNull(blocker, "blocker"));
            return stage;
        } catch (SQLException e) {
            stage.close();
            throw new IllegalStateException("Could not set up the rehearsal's databases: " + e.getMessage(), e);
        } catch (IOException e) {
            stage.close();
            throw new UncheckedIOException("Could not start the local CRM API: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stage.close();
            throw e;
        }
    }

    private void setUp(Blocker blocker) throws SQLException, IOException {
        resetServers(blocker != Blocker.MISSING_DEFINER);
        try (EncryptionKey key = EncryptionKey.generate()) {
            ContractorDatabase crm = ContractorDatabase.of(LEADS, 20, 54, 20_261_124L);
            (blocker == Blocker.CIPHERTEXT_IN_PLAINTEXT ? crm.withEncryptedCompanies() : crm)
                    .create(servers.source().dataSource(null), SOURCE_DATABASE, EnvelopeCodec.of(key), adminPassword);
            if (online) {
                try (Connection c = servers.source().connect(SOURCE_DATABASE)) {
                    CrmWriteLoad.createTables(c);
                }
            }
            startSecretManager();
            startCloudRun(key, blocker);
        }
        startTwilio(blocker == Blocker.NUMBER_OVERRIDE);
        startApi();
    }

    /** Drops what an earlier rehearsal left and provisions the accounts the platform team created. */
    private void resetServers(boolean createDefiner) throws SQLException {
        if (online) {
            resetReplication(servers.source());
            resetReplication(servers.destination());
        }
        try (Connection c = servers.source().connect(null); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + SOURCE_DATABASE + "`");
            if (online) {
                st.execute("DROP USER IF EXISTS '" + APP_USER + "'@'%'");
                st.execute("CREATE USER '" + APP_USER + "'@'%' IDENTIFIED BY " + literal(appPassword));
                st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + SOURCE_DATABASE + "`.* TO '" + APP_USER + "'@'%'");
            }
            st.execute("DROP USER IF EXISTS '" + ContractorDatabase.DEFINER_USER + "'@'%'");
            st.execute("CREATE USER '" + ContractorDatabase.DEFINER_USER + "'@'%' ACCOUNT LOCK");
            st.execute("GRANT ALL PRIVILEGES ON `" + SOURCE_DATABASE + "`.* TO '" + ContractorDatabase.DEFINER_USER + "'@'%'");
        }
        try (Connection c = servers.destination().connect(null); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + destinationDatabase + "`");
            st.execute("DROP USER IF EXISTS '" + ContractorDatabase.DEFINER_USER + "'@'%', '" + APP_USER + "'@'%'");
            if (createDefiner) {
                st.execute("CREATE USER '" + ContractorDatabase.DEFINER_USER + "'@'%' ACCOUNT LOCK");
                st.execute("GRANT ALL PRIVILEGES ON `" + destinationDatabase + "`.* TO '"
                        + ContractorDatabase.DEFINER_USER + "'@'%'");
            }
        }
    }

    /** Stops and forgets what an earlier online rehearsal replicated, and (re)creates the replication account. */
    private void resetReplication(DatabaseServer server) throws SQLException {
        try (Connection c = server.connect(null); Statement st = c.createStatement()) {
            st.execute("STOP SLAVE");
            st.execute("RESET SLAVE ALL");
            st.execute("SET GLOBAL read_only = 0");
            st.execute("DROP USER IF EXISTS '" + REPLICATION_USER + "'@'%'");
            st.execute("CREATE USER '" + REPLICATION_USER + "'@'%' IDENTIFIED BY " + literal(replicationPassword));
            st.execute("GRANT REPLICATION SLAVE ON *.* TO '" + REPLICATION_USER + "'@'%'");
        }
    }

    /** A string literal of a generated (base64) password. */
    private static String literal(Secret password) {
        return password.withBytes(p -> "'" + new String(p, StandardCharsets.UTF_8) + "'");
    }

    private void startSecretManager() {
        secretManager = keep(SecretManagerStandIn.start());
        SecretManagerServiceClient client = secretManager.client();
        List<String> names = new ArrayList<>(CrmApi.CREDENTIALS);
        names.add(0, CrmApi.KEY_VARIABLE);
        for (String name : names) {
            client.createSecret(ProjectName.of(PROJECT), name, com.google.cloud.secretmanager.v1.Secret.newBuilder()
                    .setReplication(Replication.newBuilder().setAutomatic(Replication.Automatic.getDefaultInstance()))
                    .build());
            client.addSecretVersion(SecretName.of(PROJECT, name),
                    SecretPayload.newBuilder().setData(ByteString.copyFromUtf8(TEMPLATE_DEFAULT)).build());
        }
    }

    private void startCloudRun(EncryptionKey key, Blocker blocker) {
        cloudRun = keep(CloudRunStandIn.start(secretManager).operationDelay(Duration.ofMillis(40)));
        services = cloudRun.servicesClient();
        Container.Builder contractor = Container.newBuilder().setName("api").setImage("contractor/optileads-api:2024.11");
        try (Secret base64 = key.toBase64()) {
            byte[] value = switch (blocker) {
                case WRONG_KEY -> oneCharacterOff(base64);
                case PLACEHOLDER_SECRET -> TEMPLATE_DEFAULT.getBytes(StandardCharsets.UTF_8);
                default -> base64.copyBytes();
            };
            contractor.addEnv(EnvVar.newBuilder().setName(CrmApi.KEY_VARIABLE).setValueBytes(ByteString.copyFrom(value)));
            java.util.Arrays.fill(value, (byte) 0);
        }
        for (String name : CrmApi.CREDENTIALS) {
            contractor.addEnv(EnvVar.newBuilder().setName(name).setValue(fakeCredential(name)));
        }
        cloudRun.deploy(Service.newBuilder().setName(sourceService().toString())
                .setTemplate(RevisionTemplate.newBuilder().addContainers(contractor)).build());

        Container.Builder next = Container.newBuilder().setName("api").setImage("crm/api:cutover");
        // a reference pinned to version 1 keeps the template placeholder however often the service restarts
        next.addEnv(reference(CrmApi.KEY_VARIABLE, blocker == Blocker.STALE_SECRET ? "1" : "latest"));
        CrmApi.CREDENTIALS.forEach(name -> next.addEnv(reference(name, "latest")));
        cloudRun.deploy(Service.newBuilder().setName(destinationService().toString())
                .setTemplate(RevisionTemplate.newBuilder().addContainers(next)).build());
    }

    private static EnvVar reference(String name, String version) {
        return EnvVar.newBuilder().setName(name).setValueSource(EnvVarSource.newBuilder()
                .setSecretKeyRef(SecretKeySelector.newBuilder().setSecret(name).setVersion(version))).build();
    }

    /** The key's base64 text with one character changed: still a valid 32-byte key, just not the one. */
    private static byte[] oneCharacterOff(Secret base64) {
        byte[] text = base64.copyBytes();
        text[5] = (byte) (text[5] == 'A' ? 'B' : 'A');
        return text;
    }

    private static String fakeCredential(String name) {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return switch (name) {
            case "TWILIO_ACCOUNT_SID" -> "AC" + token.toLowerCase().replaceAll("[^0-9a-f]", "0").substring(0, 10) + "0".repeat(22);
            case "SMTP_HOST" -> "smtp.mail.example";
            case "IMAP_HOST" -> "imap.mail.example";
            case "SMTP_USER", "IMAP_USER" -> "crm@mail.example";
            default -> token;
        };
    }

    private void startTwilio(boolean trunkOnOneNumber) {
        twilio = keep(TwilioStandIn.start());
        for (int i = 0; i < 6; i++) {
            NumberRoute route = NumberRoute.empty()
                    .with(RouteField.VOICE_URL, OLD_HOST + "/api/twilio/voice")
                    .with(RouteField.SMS_URL, OLD_HOST + "/api/twilio/sms")
                    .with(RouteField.STATUS_CALLBACK, OLD_HOST + "/api/twilio/status");
            if (trunkOnOneNumber && i == 2) {
                route = route.with(RouteField.TRUNK_SID, "TK" + "0123456789abcdef".repeat(2));
            }
            String number = String.format("+1312555%04d", 181 + i);
            twilio.addNumber(number, route);
            numbers.add(number);
        }
        repointer = TwilioNumberRepointer.create(twilio.credentials(),
                TwilioTransport.builder().endpoint(twilio.endpoint()).build());
    }

    private void startApi() throws IOException {
        String service = destinationService().toString();
        api = keep(CrmApi.start(variable -> cloudRun.servedEnv(service, variable).map(Secret::adopt), policy,
                servers.destination().jdbcUrl(destinationDatabase), APP_USER, appPassword));
        restarter = new LocalRevisionRestarter(CloudRunRestarter.of(services), api);
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    private static Secret randomSecret() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return Secret.adopt(Base64.getEncoder().encode(random));
    }

    /** The stand-ins' view of what the destination service's serving revision resolved, for tests. */
    public Optional<byte[]> servedEnv(String variable) {
        return cloudRun.servedEnv(destinationService().toString(), variable);
    }

    /** The Twilio stand-in, for tests that look at the numbers. */
    public TwilioStandIn twilio() {
        return twilio;
    }

    /** The Secret Manager stand-in, for tests that count versions. */
    public SecretManagerStandIn secretManagerStandIn() {
        return secretManager;
    }

    @Override
    public SnapshotExporter exporter() {
        return new CloudSqlStyleExporter(JdbcSnapshotExporter.builder(address(servers.source())).workers(2).build());
    }

    @Override
    public DataSource sourceAdmin() {
        return servers.source().dataSource(null);
    }

    @Override
    public DataSource sourceData() {
        return servers.source().dataSource(SOURCE_DATABASE);
    }

    @Override
    public String sourceDatabase() {
        return SOURCE_DATABASE;
    }

    @Override
    public java.util.Optional<DatabaseServer> scratchServer() {
        return java.util.Optional.of(servers.scratch());
    }

    @Override
    public ServerAddress sourceServer() {
        return address(servers.source());
    }

    @Override
    public ServerAddress destinationServer() {
        return address(servers.destination());
    }

    @Override
    public DataSource destinationAdmin() {
        return servers.destination().dataSource(null);
    }

    @Override
    public DataSource destinationData() {
        return servers.destination().dataSource(destinationDatabase);
    }

    @Override
    public String destinationDatabase() {
        return destinationDatabase;
    }

    @Override
    public Optional<NativeReplicationLink.Builder> replication() {
        if (!online) {
            return Optional.empty();
        }
        return Optional.of(NativeReplicationLink.builder()
                .source(sourceAdmin(), new ReplicationEndpoint(servers.source().host(), servers.source().port(), false))
                .target(destinationAdmin(),
                        new ReplicationEndpoint(servers.destination().host(), servers.destination().port(), false))
                .replicationAccount(REPLICATION_USER, replicationPassword)
                .applicationAccount(APP_USER)
                .databases(List.of(SOURCE_DATABASE)));
    }

    /**
     * The CRM API's writes at {@code perSecond} (online stages only), through the application account,
     * to the source until the returned load's {@link io.cutkit.examples.WriteRouting} turns them; not
     * started yet.
     */
    public CrmWriteLoad writeLoad(int perSecond) {
        if (!online) {
            throw new IllegalStateException("The write load runs on an online stage only");
        }
        return CrmWriteLoad.of(servers.source().jdbcUrl(SOURCE_DATABASE), servers.destination().jdbcUrl(destinationDatabase),
                APP_USER, appPassword, perSecond);
    }

    @Override
    public ServicesClient cloudRun() {
        return services;
    }

    @Override
    public ServiceName sourceService() {
        return ServiceName.of(PROJECT, REGION, "optileads-api");
    }

    @Override
    public ServiceName destinationService() {
        return ServiceName.of(PROJECT, REGION, "crm-api");
    }

    @Override
    public SecretManagerServiceClient secretManager() {
        return secretManager.client();
    }

    @Override
    public String project() {
        return PROJECT;
    }

    @Override
    public PlaceholderPolicy secretPolicy() {
        return policy;
    }

    @Override
    public ServiceRestarter restarter() {
        return restarter;
    }

    @Override
    public NumberRepointer repointer() {
        return repointer;
    }

    @Override
    public List<String> phoneNumbers() {
        return List.copyOf(numbers);
    }

    @Override
    public String webhookBaseUrl() {
        return NEW_HOST;
    }

    @Override
    public URI apiUri() {
        return api.uri();
    }

    @Override
    public String adminEmail() {
        return ContractorDatabase.ADMIN_EMAIL;
    }

    @Override
    public Secret adminPassword() {
        return adminPassword;
    }

    @Override
    public String appDatabaseUser() {
        return APP_USER;
    }

    @Override
    public Secret appDatabasePassword() {
        return appPassword;
    }

    @Override
    public Path workDirectory() {
        return workDirectory;
    }

    private static ServerAddress address(DatabaseServer server) {
        return ServerAddress.of(server.jdbcUrl(null), server.user(), server.password());
    }

    /** Stops the API and the stand-ins (newest first); the database servers belong to the caller. */
    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                // closing the rest matters more than one stand-in that did not stop cleanly
            }
        }
        resources.clear();
        adminPassword.close();
        appPassword.close();
        replicationPassword.close();
    }
}
