package io.cutkit.gcp.secretmanager;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import com.google.protobuf.UnsafeByteOperations;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretSink;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.BoundedPoll;
import io.cutkit.gcp.DeadlineExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes a secret as a new version of a Secret Manager secret, with the payload's CRC32C so the
 * service rejects a value corrupted in transit. Optionally creates the secret (automatic
 * replication) and disables the versions older than the one written. Returns the new version's
 * number; {@link #fingerprintOf(String)} reads a version back (CRC32C verified) so a
 * {@link io.cutkit.core.secret.SecretPipe} can prove the write.
 *
 * <p>Costs one AddSecretVersion call (plus GetSecret/CreateSecret when creating, and one list and
 * one disable per older version when disabling). A RESOURCE_EXHAUSTED answer is retried with
 * backoff until {@code quotaDeadline} (the version was not added), and so is an UNAVAILABLE answer
 * to GetSecret or CreateSecret (a read, and a create whose repeat is harmless); any other failure throws
 * {@link SecretManagerException} without retrying, because a write that timed out may have
 * landed. The value is lent to the client without a String or an extra copy.
 */
public final class SecretManagerSink implements SecretSink {

    private final SecretManagerServiceClient client;
    private final SecretName secret;
    private final boolean createIfMissing;
    private final boolean disableOlderVersions;
    private final BoundedPoll quotaRetry;

    private SecretManagerSink(Builder b) {
        this.client = b.client;
        this.secret = b.secret;
        this.createIfMissing = b.createIfMissing;
        this.disableOlderVersions = b.disableOlderVersions;
        this.quotaRetry = BoundedPoll.of(b.backoff, b.quotaDeadline);
    }

    /** A sink writing to {@code secret} through {@code client} (the caller keeps and closes the client). */
    public static Builder to(SecretManagerServiceClient client, SecretName secret) {
        return new Builder(client, secret);
    }

    @Override
    public String description() {
        return "secretmanager:" + secret;
    }

    /**
     * Adds {@code value} as a new version and returns its number.
     *
     * @throws SecretManagerException when Secret Manager refuses (names the permission to grant, ...)
     */
    @Override
    public String write(Secret value) {
        if (createIfMissing) {
            ensureSecretExists();
        }
        SecretVersion added = value.withBytes(bytes -> {
            AddSecretVersionRequest request = AddSecretVersionRequest.newBuilder()
                    .setParent(secret.toString())
                    .setPayload(SecretPayload.newBuilder()
                            .setData(UnsafeByteOperations.unsafeWrap(bytes))
                            .setDataCrc32C(Crc32c.of(bytes)))
                    .build();
            return addWithQuotaRetry(request);
        });
        String number = SecretVersionName.parse(added.getName()).getSecretVersion();
        if (disableOlderVersions) {
            disableOlderThan(Integer.parseInt(number));
        }
        return number;
    }

    /** Reads version {@code version} back, verifies its CRC32C and returns its fingerprint. */
    @Override
    public Optional<String> fingerprintOf(String version) {
        SecretManagerSource source = SecretManagerSource.pinned(client,
                SecretVersionName.of(secret.getProject(), secret.getSecret(), version));
        try (Secret readBack = source.read()) {
            return Optional.of(readBack.fingerprint());
        }
    }

    private SecretVersion addWithQuotaRetry(AddSecretVersionRequest request) {
        return retrying("AddSecretVersion", Set.of(StatusCode.Code.RESOURCE_EXHAUSTED),
                () -> client.addSecretVersion(request));
    }

    private void ensureSecretExists() {
        Set<StatusCode.Code> transientCodes = Set.of(StatusCode.Code.RESOURCE_EXHAUSTED, StatusCode.Code.UNAVAILABLE);
        boolean exists = retrying("GetSecret", transientCodes, () -> {
            try {
                client.getSecret(secret);
                return true;
            } catch (NotFoundException e) {
                return false;
            }
        });
        if (exists) {
            return;
        }
        retrying("CreateSecret", transientCodes, () -> {
            try {
                client.createSecret(
                        "projects/" + secret.getProject(),
                        secret.getSecret(),
                        com.google.cloud.secretmanager.v1.Secret.newBuilder()
                                .setReplication(Replication.newBuilder()
                                        .setAutomatic(Replication.Automatic.getDefaultInstance()))
                                .build());
            } catch (AlreadyExistsException e) {
                // another writer, or an earlier attempt whose answer was lost, created it: that is what we wanted
            }
            return true;
        });
    }

    /**
     * Makes {@code call}, retrying answers with one of {@code retried} codes with backoff until the
     * quota deadline; any other refusal, or the last retried one at the deadline, throws.
     */
    private <T> T retrying(String call, Set<StatusCode.Code> retried, Supplier<T> request) {
        List<ApiException> refusals = new ArrayList<>();
        try {
            return quotaRetry.await(call + " on " + secret, () -> {
                try {
                    return BoundedPoll.done(request.get());
                } catch (ApiException e) {
                    if (!retried.contains(e.getStatusCode().getCode())) {
                        throw SecretManagerException.of(call, secret.toString(), e);
                    }
                    refusals.add(e);
                    return BoundedPoll.pending(e.getStatusCode().getCode() + " " + refusals.size() + " time(s)");
                }
            });
        } catch (DeadlineExceededException e) {
            throw SecretManagerException.of(call, secret.toString(), refusals.get(refusals.size() - 1));
        }
    }

    private void disableOlderThan(int newest) {
        List<SecretVersion> toDisable = new ArrayList<>();
        try {
            for (SecretVersion v : client.listSecretVersions(secret).iterateAll()) {
                int number = Integer.parseInt(SecretVersionName.parse(v.getName()).getSecretVersion());
                if (number < newest && v.getState() == SecretVersion.State.ENABLED) {
                    toDisable.add(v);
                }
            }
        } catch (ApiException e) {
            throw SecretManagerException.of("ListSecretVersions", secret.toString(), e);
        }
        for (SecretVersion v : toDisable) {
            try {
                client.disableSecretVersion(v.getName());
            } catch (ApiException e) {
                throw SecretManagerException.of("DisableSecretVersion", v.getName(), e);
            }
        }
    }

    @Override
    public String toString() {
        return "SecretManagerSink[" + secret + ", createIfMissing=" + createIfMissing
                + ", disableOlderVersions=" + disableOlderVersions + "]";
    }

    /** Configures a {@link SecretManagerSink}; defaults: do not create, keep older versions enabled. */
    public static final class Builder {
        private final SecretManagerServiceClient client;
        private final SecretName secret;
        private boolean createIfMissing;
        private boolean disableOlderVersions;
        private Backoff backoff = new Backoff(Duration.ofMillis(200), 2.0, Duration.ofSeconds(5));
        private Duration quotaDeadline = Duration.ofSeconds(30);

        private Builder(SecretManagerServiceClient client, SecretName secret) {
            this.client = Objects.requireNonNull(client, "client");
            this.secret = Objects.requireNonNull(secret, "secret");
        }

        /** Creates the secret (automatic replication) when it does not exist. */
        public Builder createIfMissing(boolean create) {
            this.createIfMissing = create;
            return this;
        }

        /** After writing, disables every enabled version older than the new one. */
        public Builder disableOlderVersions(boolean disable) {
            this.disableOlderVersions = disable;
            return this;
        }

        /** How to back off when Secret Manager answers RESOURCE_EXHAUSTED, and for how long at most. */
        public Builder quotaRetry(Backoff backoff, Duration deadline) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            this.quotaDeadline = Objects.requireNonNull(deadline, "deadline");
            return this;
        }

        public SecretManagerSink build() {
            return new SecretManagerSink(this);
        }
    }
}
