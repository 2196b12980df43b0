package io.cutkit.gcp.secretmanager;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.PlaceholderSecretException;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import io.cutkit.core.secret.SecretSource;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a Secret Manager secret version, the latest or a pinned one, and verifies the payload
 * against the CRC32C the service returns before handing it out as a {@link Secret}. The bytes
 * go from the response straight into the {@code Secret}; no String is made. Costs one
 * AccessSecretVersion call per read (retried by the client on UNAVAILABLE and RESOURCE_EXHAUSTED
 * within its settings' total timeout).
 */
public final class SecretManagerSource implements SecretSource {

    private final SecretManagerServiceClient client;
    private final SecretVersionName version;

    private SecretManagerSource(SecretManagerServiceClient client, SecretVersionName version) {
        this.client = Objects.requireNonNull(client, "client");
        this.version = Objects.requireNonNull(version, "version");
    }

    /** Reads whatever version is the latest at each read. */
    public static SecretManagerSource latest(SecretManagerServiceClient client, SecretName secret) {
        return new SecretManagerSource(client, SecretVersionName.of(secret.getProject(), secret.getSecret(), "latest"));
    }

    /** Reads exactly {@code version}. */
    public static SecretManagerSource pinned(SecretManagerServiceClient client, SecretVersionName version) {
        return new SecretManagerSource(client, version);
    }

    @Override
    public String description() {
        return "secretmanager:" + version;
    }

    /**
     * Reads the version.
     *
     * @throws SecretManagerException when Secret Manager refuses (disabled version, permission, ...)
     * @throws SecretException when the payload does not match its CRC32C or comes without one
     */
    @Override
    public Secret read() {
        return access().secret();
    }

    /**
     * Reads the current version and says whether {@code policy} calls it a placeholder, without
     * returning the value. The version's number is resolved ({@code latest} becomes {@code 3}).
     */
    public VersionCheck checkPlaceholder(PlaceholderPolicy policy) {
        Accessed accessed = access();
        try (Secret value = accessed.secret()) {
            String reason = policy.reasonIfPlaceholder(value);
            return new VersionCheck(accessed.versionName(), Optional.ofNullable(reason));
        }
    }

    /**
     * Throws {@link PlaceholderSecretException} when the current version is a placeholder, for
     * example the value a new stack was provisioned with before the real one is piped in.
     */
    public void requireReal(PlaceholderPolicy policy) {
        VersionCheck check = checkPlaceholder(policy);
        check.placeholderReason().ifPresent(reason -> {
            throw new PlaceholderSecretException(check.version(), reason);
        });
    }

    /** Whether the version read is a placeholder, and why. Holds no value. */
    public record VersionCheck(String version, Optional<String> placeholderReason) {
        public boolean isPlaceholder() {
            return placeholderReason.isPresent();
        }
    }

    private record Accessed(String versionName, Secret secret) {
    }

    private Accessed access() {
        AccessSecretVersionResponse response;
        try {
            response = client.accessSecretVersion(version);
        } catch (ApiException e) {
            throw SecretManagerException.of("AccessSecretVersion", version.toString(), e);
        }
        SecretPayload payload = response.getPayload();
        if (!payload.hasDataCrc32C()) {
            throw new SecretException("Secret Manager returned " + response.getName()
                    + " without a data_crc32c checksum, so the value cannot be verified; nothing was read. "
                    + "Check that the endpoint is Secret Manager v1 (not a proxy that strips fields).");
        }
        byte[] bytes = new byte[payload.getData().size()];
        payload.getData().copyTo(bytes, 0);
        long actual = Crc32c.of(bytes);
        if (actual != payload.getDataCrc32C()) {
            Arrays.fill(bytes, (byte) 0);
            throw new SecretException("Secret Manager payload of " + response.getName()
                    + " does not match its CRC32C (got " + Long.toHexString(actual) + ", expected "
                    + Long.toHexString(payload.getDataCrc32C()) + "); the value was corrupted in transit and was "
                    + "discarded. Read it again.");
        }
        return new Accessed(response.getName(), Secret.adopt(bytes));
    }

    @Override
    public String toString() {
        return "SecretManagerSource[" + version + "]";
    }
}
