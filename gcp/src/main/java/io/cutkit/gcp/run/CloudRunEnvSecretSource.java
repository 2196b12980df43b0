package io.cutkit.gcp.run;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.SecretKeySelector;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServiceName;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import io.cutkit.core.secret.SecretSource;
import io.cutkit.gcp.secretmanager.SecretManagerSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads one environment variable of a Cloud Run service's container as a {@link Secret}: a plain
 * value is taken from the service's template (as UTF-8 bytes, without making a String), a
 * secret reference ({@code value_source.secret_key_ref}) is resolved through Secret Manager with
 * CRC32C verification. This is the configured value, which the latest revision resolved at its
 * start. Costs one GetService call, plus one AccessSecretVersion for a reference.
 */
public final class CloudRunEnvSecretSource implements SecretSource {

    private final ServicesClient services;
    private final ServiceName service;
    private final String variable;
    private final String container;
    private final SecretManagerServiceClient secretManager;

    private CloudRunEnvSecretSource(ServicesClient services, ServiceName service, String variable, String container,
            SecretManagerServiceClient secretManager) {
        this.services = Objects.requireNonNull(services, "services");
        this.service = Objects.requireNonNull(service, "service");
        this.variable = Objects.requireNonNull(variable, "variable");
        this.container = container;
        this.secretManager = secretManager;
    }

    /** Reads {@code variable} from the service's only container (or the first one that sets it). */
    public static CloudRunEnvSecretSource of(ServicesClient services, ServiceName service, String variable) {
        return new CloudRunEnvSecretSource(services, service, variable, null, null);
    }

    /** The same source, reading only the container named {@code containerName}. */
    public CloudRunEnvSecretSource inContainer(String containerName) {
        return new CloudRunEnvSecretSource(services, service, variable, containerName, secretManager);
    }

    /** The same source, resolving secret references through {@code client}. */
    public CloudRunEnvSecretSource resolvingReferencesWith(SecretManagerServiceClient client) {
        return new CloudRunEnvSecretSource(services, service, variable, container, client);
    }

    @Override
    public String description() {
        return "cloudrun:" + service + (container == null ? "" : "/" + container) + "/env/" + variable;
    }

    /**
     * Reads the variable.
     *
     * @throws SecretException when the service cannot be read, the variable is not set, or a
     *     reference cannot be resolved (the message names the service, container and variable)
     */
    @Override
    public Secret read() {
        Service current;
        try {
            current = services.getService(service);
        } catch (ApiException e) {
            throw new SecretException("Could not read Cloud Run service " + service + " ("
                    + e.getStatusCode().getCode() + ": " + e.getMessage() + "); check the name and grant the caller "
                    + "roles/run.viewer on it, then run again.", e);
        }
        EnvVar var = find(current.getTemplate().getContainersList()).orElseThrow(() -> new SecretException(
                "Cloud Run service " + service + " has no environment variable " + variable
                        + (container == null ? "" : " in container " + container) + " (containers and their variables: "
                        + describe(current.getTemplate().getContainersList()) + "); check the variable name."));
        if (!var.hasValueSource()) {
            byte[] bytes = new byte[var.getValueBytes().size()];
            var.getValueBytes().copyTo(bytes, 0);
            return Secret.adopt(bytes);
        }
        SecretKeySelector ref = var.getValueSource().getSecretKeyRef();
        if (secretManager == null) {
            throw new SecretException("Environment variable " + variable + " of " + service
                    + " references Secret Manager secret " + ref.getSecret() + "; build this source with "
                    + "resolvingReferencesWith(secretManagerClient) to read it.");
        }
        String secretName = ref.getSecret().startsWith("projects/") ? ref.getSecret()
                : "projects/" + service.getProject() + "/secrets/" + ref.getSecret();
        String version = ref.getVersion().isEmpty() ? "latest" : ref.getVersion();
        return SecretManagerSource.pinned(secretManager, SecretVersionName.parse(secretName + "/versions/" + version))
                .read();
    }

    private Optional<EnvVar> find(List<Container> containers) {
        return containers.stream()
                .filter(c -> container == null || c.getName().equals(container))
                .flatMap(c -> c.getEnvList().stream())
                .filter(e -> e.getName().equals(variable))
                .findFirst();
    }

    private static String describe(List<Container> containers) {
        StringBuilder out = new StringBuilder();
        for (Container c : containers) {
            out.append(c.getName().isEmpty() ? "(unnamed)" : c.getName()).append(c.getEnvList().stream()
                    .map(EnvVar::getName).toList()).append(' ');
        }
        return out.toString().trim();
    }

    @Override
    public String toString() {
        return "CloudRunEnvSecretSource[" + description() + "]";
    }
}
