package io.cutkit.examples.cloud;

import com.google.cloud.run.v2.ServiceName;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.mysql.cj.jdbc.MysqlDataSource;
import io.cutkit.core.data.SnapshotExporter;
import io.cutkit.core.numbers.NumberRepointer;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.service.ServiceRestarter;
import io.cutkit.examples.Stage;
import io.cutkit.gcp.run.CloudRunRestarter;
import io.cutkit.mysql.dump.JdbcSnapshotExporter;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.twilio.TwilioCredentials;
import io.cutkit.twilio.TwilioNumberRepointer;
import io.cutkit.twilio.TwilioTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The real stacks, configured from environment variables: both MySQL servers over JDBC (Cloud SQL
 * through its proxy or private IP), Cloud Run and Secret Manager with Application Default
 * Credentials, Twilio's REST API. The same {@link io.cutkit.examples.CutoverRunbook} runs on it as
 * on the local stage. Every variable is read and checked before anything is created, and a
 * missing one is named with what it is for. Secrets are read into {@link Secret}s and never
 * printed.
 *
 * <p>Variables: {@code CUTKIT_SOURCE_JDBC_URL}, {@code CUTKIT_SOURCE_USER},
 * {@code CUTKIT_SOURCE_PASSWORD}, {@code CUTKIT_SOURCE_DATABASE}; the same four with
 * {@code CUTKIT_DEST_}; {@code CUTKIT_GCP_PROJECT}, {@code CUTKIT_RUN_REGION},
 * {@code CUTKIT_SOURCE_SERVICE}, {@code CUTKIT_DEST_SERVICE}; {@code CUTKIT_TWILIO_ACCOUNT_SID},
 * {@code CUTKIT_TWILIO_AUTH_TOKEN}, {@code CUTKIT_NUMBERS} (comma separated),
 * {@code CUTKIT_WEBHOOK_BASE_URL}, {@code CUTKIT_API_URL}; {@code CUTKIT_ADMIN_EMAIL},
 * {@code CUTKIT_ADMIN_PASSWORD}, {@code CUTKIT_APP_DB_USER}, {@code CUTKIT_APP_DB_PASSWORD}; optional
 * {@code CUTKIT_TEMPLATE_DEFAULT} (the placeholder the destination's secrets were created with)
 * and {@code CUTKIT_WORK_DIR} (default {@code cutover}).
 */
public final class CloudStage implements Stage {

    private final Map<String, String> env;
    private final ServicesClient services;
    private final SecretManagerServiceClient secretManager;
    private final TwilioNumberRepointer repointer;
    private final Secret adminPassword;
    private final Secret appPassword;
    private final PlaceholderPolicy policy;

    private CloudStage(Map<String, String> env) throws IOException {
        this.env = env;
        this.adminPassword = secret("CUTKIT_ADMIN_PASSWORD");
        this.appPassword = secret("CUTKIT_APP_DB_PASSWORD");
        PlaceholderPolicy base = PlaceholderPolicy.defaults();
        Optional<String> templateDefault = Optional.ofNullable(env.get("CUTKIT_TEMPLATE_DEFAULT"));
        if (templateDefault.isPresent()) {
            try (Secret known = secret("CUTKIT_TEMPLATE_DEFAULT")) {
                base = base.withKnownDefault(known);
            }
        }
        this.policy = base;
        this.repointer = TwilioNumberRepointer.create(TwilioCredentials.authToken(required("CUTKIT_TWILIO_ACCOUNT_SID"),
                secret("CUTKIT_TWILIO_AUTH_TOKEN")), TwilioTransport.toTwilio());
        this.services = ServicesClient.create();
        this.secretManager = SecretManagerServiceClient.create();
    }

    /** Names every required variable; for usage messages. */
    public static List<String> requiredVariables() {
        return List.of("CUTKIT_SOURCE_JDBC_URL", "CUTKIT_SOURCE_USER", "CUTKIT_SOURCE_PASSWORD", "CUTKIT_SOURCE_DATABASE",
                "CUTKIT_DEST_JDBC_URL", "CUTKIT_DEST_USER", "CUTKIT_DEST_PASSWORD", "CUTKIT_DEST_DATABASE",
                "CUTKIT_GCP_PROJECT", "CUTKIT_RUN_REGION", "CUTKIT_SOURCE_SERVICE", "CUTKIT_DEST_SERVICE",
                "CUTKIT_TWILIO_ACCOUNT_SID", "CUTKIT_TWILIO_AUTH_TOKEN", "CUTKIT_NUMBERS", "CUTKIT_WEBHOOK_BASE_URL",
                "CUTKIT_API_URL", "CUTKIT_ADMIN_EMAIL", "CUTKIT_ADMIN_PASSWORD", "CUTKIT_APP_DB_USER", "CUTKIT_APP_DB_PASSWORD");
    }

    /**
     * A stage from {@code env} (usually {@link System#getenv()}).
     *
     * @throws IllegalArgumentException naming every missing variable, before any client is created
     */
    public static CloudStage fromEnvironment(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        for (String name : requiredVariables()) {
            if (env.getOrDefault(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Set these environment variables before a real cutover: " + missing
                    + " (see the examples section of the README); nothing was contacted.");
        }
        try {
            return new CloudStage(Map.copyOf(env));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Google Cloud clients (Application Default Credentials): "
                    + e.getMessage(), e);
        }
    }

    private String required(String name) {
        return env.get(name);
    }

    private Secret secret(String name) {
        return Secret.copyOf(required(name).getBytes(StandardCharsets.UTF_8));
    }

    private ServerAddress address(String prefix) {
        return ServerAddress.of(required(prefix + "JDBC_URL"), required(prefix + "USER"), required(prefix + "PASSWORD"));
    }

    private DataSource dataSource(String prefix, String database) {
        ServerAddress server = address(prefix);
        MysqlDataSource data = new MysqlDataSource();
        data.setURL(server.urlFor(database));
        data.setUser(server.user());
        data.setPassword(required(prefix + "PASSWORD"));
        return data;
    }

    @Override
    public SnapshotExporter exporter() {
        return JdbcSnapshotExporter.builder(address("CUTKIT_SOURCE_")).workers(4).build();
    }

    @Override
    public DataSource sourceAdmin() {
        return dataSource("CUTKIT_SOURCE_", "");
    }

    @Override
    public DataSource sourceData() {
        return dataSource("CUTKIT_SOURCE_", sourceDatabase());
    }

    @Override
    public String sourceDatabase() {
        return required("CUTKIT_SOURCE_DATABASE");
    }

    @Override
    public ServerAddress sourceServer() {
        return address("CUTKIT_SOURCE_");
    }

    @Override
    public ServerAddress destinationServer() {
        return address("CUTKIT_DEST_");
    }

    @Override
    public DataSource destinationAdmin() {
        return dataSource("CUTKIT_DEST_", "");
    }

    @Override
    public DataSource destinationData() {
        return dataSource("CUTKIT_DEST_", destinationDatabase());
    }

    @Override
    public String destinationDatabase() {
        return required("CUTKIT_DEST_DATABASE");
    }

    @Override
    public ServicesClient cloudRun() {
        return services;
    }

    @Override
    public ServiceName sourceService() {
        return ServiceName.of(project(), required("CUTKIT_RUN_REGION"), required("CUTKIT_SOURCE_SERVICE"));
    }

    @Override
    public ServiceName destinationService() {
        return ServiceName.of(project(), required("CUTKIT_RUN_REGION"), required("CUTKIT_DEST_SERVICE"));
    }

    @Override
    public SecretManagerServiceClient secretManager() {
        return secretManager;
    }

    @Override
    public String project() {
        return required("CUTKIT_GCP_PROJECT");
    }

    @Override
    public PlaceholderPolicy secretPolicy() {
        return policy;
    }

    @Override
    public ServiceRestarter restarter() {
        return CloudRunRestarter.of(services);
    }

    @Override
    public NumberRepointer repointer() {
        return repointer;
    }

    @Override
    public List<String> phoneNumbers() {
        return Arrays.stream(required("CUTKIT_NUMBERS").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String webhookBaseUrl() {
        return required("CUTKIT_WEBHOOK_BASE_URL");
    }

    @Override
    public URI apiUri() {
        return URI.create(required("CUTKIT_API_URL"));
    }

    @Override
    public String adminEmail() {
        return required("CUTKIT_ADMIN_EMAIL");
    }

    @Override
    public Secret adminPassword() {
        return adminPassword;
    }

    @Override
    public String appDatabaseUser() {
        return required("CUTKIT_APP_DB_USER");
    }

    @Override
    public Secret appDatabasePassword() {
        return appPassword;
    }

    @Override
    public Path workDirectory() {
        return Path.of(env.getOrDefault("CUTKIT_WORK_DIR", "cutover"));
    }

    @Override
    public void close() {
        services.close();
        secretManager.close();
        adminPassword.close();
        appPassword.close();
    }
}
