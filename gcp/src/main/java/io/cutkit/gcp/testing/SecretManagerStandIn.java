package io.cutkit.gcp.testing;

import com.google.cloud.secretmanager.v1.AccessSecretVersionRequest;
import com.google.cloud.secretmanager.v1.AccessSecretVersionResponse;
import com.google.cloud.secretmanager.v1.AddSecretVersionRequest;
import com.google.cloud.secretmanager.v1.CreateSecretRequest;
import com.google.cloud.secretmanager.v1.DisableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.EnableSecretVersionRequest;
import com.google.cloud.secretmanager.v1.GetSecretRequest;
import com.google.cloud.secretmanager.v1.GetSecretVersionRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsRequest;
import com.google.cloud.secretmanager.v1.ListSecretVersionsResponse;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretManagerServiceGrpc;
import com.google.cloud.secretmanager.v1.SecretManagerServiceSettings;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.cloud.secretmanager.v1.SecretVersion;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Secret Manager v1 as an in-process gRPC service, reached by the real
 * {@link SecretManagerServiceClient}. Behaves like the service where cutkit depends on it: secrets
 * must exist before versions are added, versions are numbered 1, 2, 3..., {@code latest} is the
 * most recently created version, disabled versions cannot be accessed, a payload's CRC32C is
 * checked on add and returned on access, versions are listed newest first with pagination, and
 * the usual codes come back (NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION, INVALID_ARGUMENT).
 * {@link #faults()} injects RESOURCE_EXHAUSTED, UNAVAILABLE, PERMISSION_DENIED or ALREADY_EXISTS
 * per call. Values are held in memory only and never logged.
 *
 * <pre>{@code
 * try (SecretManagerStandIn sm = SecretManagerStandIn.start()) {
 *     SecretManagerServiceClient client = sm.client();
 *     ...
 * }
 * }</pre>
 */
public final class SecretManagerStandIn implements AutoCloseable {

    private static final Pattern SECRET_NAME = Pattern.compile("projects/([^/]+)/secrets/([^/]+)");
    private static final Pattern VERSION_NAME = Pattern.compile("(projects/[^/]+/secrets/[^/]+)/versions/([^/]+)");
    private static final Pattern SECRET_ID = Pattern.compile("[a-zA-Z0-9_-]{1,255}");

    private final FaultPlan faults = new FaultPlan();
    private boolean corruptPayloads;
    private final Map<String, StoredSecret> secrets = new LinkedHashMap<>();
    private final List<SecretManagerServiceClient> clients = new CopyOnWriteArrayList<>();
    private final InProcessEndpoint endpoint;

    private SecretManagerStandIn() {
        this.endpoint = InProcessEndpoint.start("secretmanager", List.of(new Service()), List.of());
    }

    /** Starts an empty stand-in. */
    public static SecretManagerStandIn start() {
        return new SecretManagerStandIn();
    }

    /** The faults to inject; calls are named as in the API ({@code AddSecretVersion}, ...). */
    public FaultPlan faults() {
        return faults;
    }

    /**
     * Settings for a real client reaching this stand-in: in-process channel, no credentials, the
     * client's own retryable codes with delays and a 2 s total deadline short enough for tests.
     */
    public SecretManagerServiceSettings settings() {
        try {
            SecretManagerServiceSettings.Builder builder = SecretManagerServiceSettings.newBuilder()
                    .setTransportChannelProvider(endpoint.channelProvider())
                    .setCredentialsProvider(endpoint.credentials());
            builder.applyToAllUnaryMethods(InProcessEndpoint::shortenRetries);
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real client on {@link #settings()}; closed with the stand-in. */
    public SecretManagerServiceClient client() {
        try {
            SecretManagerServiceClient client = SecretManagerServiceClient.create(settings());
            clients.add(client);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * When on, AccessSecretVersion flips one bit of every payload after computing its checksum, as
     * a corrupting network path would, so a client's CRC32C check can be proven.
     */
    public synchronized void corruptPayloadsInTransit(boolean corrupt) {
        this.corruptPayloads = corrupt;
    }

    /** How many versions {@code secretName} has, in any state; 0 when it does not exist. */
    public synchronized int versionCount(String secretName) {
        StoredSecret stored = secrets.get(secretName);
        return stored == null ? 0 : stored.versions.size();
    }

    /** The state of version {@code number} of {@code secretName}. */
    public synchronized SecretVersion.State versionState(String secretName, int number) {
        return secrets.get(secretName).versions.get(number - 1).state;
    }

    /**
     * The bytes of {@code versionName} (a number or {@code latest}) as a workload would receive
     * them, or why it cannot: used by the Cloud Run stand-in when a revision starts.
     */
    synchronized byte[] resolveForWorkload(String versionName) {
        Matcher m = VERSION_NAME.matcher(versionName);
        if (!m.matches() || !secrets.containsKey(m.group(1))) {
            throw new IllegalStateException("Secret " + versionName + " was not found");
        }
        List<StoredVersion> versions = secrets.get(m.group(1)).versions;
        StoredVersion version;
        if (m.group(2).equals("latest")) {
            if (versions.isEmpty()) {
                throw new IllegalStateException("Secret " + versionName + " has no versions");
            }
            version = versions.get(versions.size() - 1);
        } else {
            int number = Integer.parseInt(m.group(2));
            if (number < 1 || number > versions.size()) {
                throw new IllegalStateException("Secret version " + versionName + " was not found");
            }
            version = versions.get(number - 1);
        }
        if (version.state != SecretVersion.State.ENABLED) {
            throw new IllegalStateException("Secret version " + version.name + " is " + version.state);
        }
        return version.data.toByteArray();
    }

    @Override
    public void close() {
        clients.forEach(SecretManagerServiceClient::close);
        endpoint.close();
        synchronized (this) {
            secrets.clear();
        }
    }

    private static final class StoredSecret {
        final Secret secret;
        final List<StoredVersion> versions = new ArrayList<>();

        StoredSecret(Secret secret) {
            this.secret = secret;
        }
    }

    private static final class StoredVersion {
        final String name;
        final ByteString data;
        final long crc32c;
        final Timestamp createTime;
        final boolean clientChecksum;
        SecretVersion.State state = SecretVersion.State.ENABLED;

        StoredVersion(String name, ByteString data, long crc32c, boolean clientChecksum) {
            this.name = name;
            this.data = data;
            this.crc32c = crc32c;
            this.clientChecksum = clientChecksum;
            this.createTime = now();
        }

        SecretVersion toProto() {
            return SecretVersion.newBuilder().setName(name).setCreateTime(createTime).setState(state)
                    .setClientSpecifiedPayloadChecksum(clientChecksum).build();
        }
    }

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static long crc32c(ByteString data) {
        CRC32C crc = new CRC32C();
        crc.update(data.asReadOnlyByteBuffer());
        return crc.getValue();
    }

    private static StatusRuntimeException error(Status.Code code, String message) {
        return Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    private final class Service extends SecretManagerServiceGrpc.SecretManagerServiceImplBase {

        private <T> void answer(String call, StreamObserver<T> observer, Supplier<T> work) {
            faults.answer(call, SecretManagerStandIn.this, observer, work);
        }

        private StoredSecret secret(String name) {
            if (!SECRET_NAME.matcher(name).matches()) {
                throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
            }
            StoredSecret stored = secrets.get(name);
            if (stored == null) {
                throw error(Status.Code.NOT_FOUND, "Secret [" + name + "] not found or has no versions.");
            }
            return stored;
        }

        private StoredVersion version(String name) {
            Matcher m = VERSION_NAME.matcher(name);
            if (!m.matches()) {
                throw error(Status.Code.INVALID_ARGUMENT, "Invalid resource field value in the request: " + name);
            }
            StoredSecret stored = secret(m.group(1));
            String id = m.group(2);
            if (id.equals("latest")) {
                if (stored.versions.isEmpty()) {
                    throw error(Status.Code.NOT_FOUND, "Secret [" + m.group(1) + "] not found or has no versions.");
                }
                return stored.versions.get(stored.versions.size() - 1);
            }
            int number;
            try {
                number = Integer.parseInt(id);
            } catch (NumberFormatException e) {
                throw error(Status.Code.INVALID_ARGUMENT, "Invalid version id: " + id);
            }
            if (number < 1 || number > stored.versions.size()) {
                throw error(Status.Code.NOT_FOUND, "Secret Version [" + name + "] not found.");
            }
            return stored.versions.get(number - 1);
        }

        @Override
        public void createSecret(CreateSecretRequest request, StreamObserver<Secret> observer) {
            answer("CreateSecret", observer, () -> {
                if (!request.getParent().matches("projects/[^/]+")) {
                    throw error(Status.Code.INVALID_ARGUMENT, "Invalid parent: " + request.getParent());
                }
                if (!SECRET_ID.matcher(request.getSecretId()).matches()) {
                    throw error(Status.Code.INVALID_ARGUMENT, "Secret id [" + request.getSecretId()
                            + "] must match [a-zA-Z0-9_-]{1,255}.");
                }
                String name = request.getParent() + "/secrets/" + request.getSecretId();
                if (secrets.containsKey(name)) {
                    throw error(Status.Code.ALREADY_EXISTS, "Secret [" + name + "] already exists.");
                }
                Secret created = request.getSecret().toBuilder().setName(name).setCreateTime(now()).build();
                secrets.put(name, new StoredSecret(created));
                return created;
            });
        }

        @Override
        public void getSecret(GetSecretRequest request, StreamObserver<Secret> observer) {
            answer("GetSecret", observer, () -> secret(request.getName()).secret);
        }

        @Override
        public void addSecretVersion(AddSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
            answer("AddSecretVersion", observer, () -> {
                StoredSecret stored = secret(request.getParent());
                SecretPayload payload = request.getPayload();
                long actual = crc32c(payload.getData());
                if (payload.hasDataCrc32C() && payload.getDataCrc32C() != actual) {
                    throw error(Status.Code.INVALID_ARGUMENT, "Checksum mismatch: the data_crc32c of the payload "
                            + "does not match the data received by the server.");
                }
                if (payload.getData().size() > 64 * 1024) {
                    throw error(Status.Code.INVALID_ARGUMENT, "Secret payload exceeds 65536 bytes.");
                }
                String name = request.getParent() + "/versions/" + (stored.versions.size() + 1);
                // in-process calls hand over the caller's buffer, which the caller zeroes afterwards: keep a copy
                ByteString data = ByteString.copyFrom(payload.getData().asReadOnlyByteBuffer());
                StoredVersion version = new StoredVersion(name, data, actual, payload.hasDataCrc32C());
                stored.versions.add(version);
                return version.toProto();
            });
        }

        @Override
        public void getSecretVersion(GetSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
            answer("GetSecretVersion", observer, () -> version(request.getName()).toProto());
        }

        @Override
        public void accessSecretVersion(AccessSecretVersionRequest request,
                StreamObserver<AccessSecretVersionResponse> observer) {
            answer("AccessSecretVersion", observer, () -> {
                StoredVersion version = version(request.getName());
                if (version.state != SecretVersion.State.ENABLED) {
                    throw error(Status.Code.FAILED_PRECONDITION, "Secret Version [" + version.name + "] is in "
                            + version.state + " state.");
                }
                ByteString data = version.data;
                if (corruptPayloads && !data.isEmpty()) {
                    byte[] flipped = data.toByteArray();
                    flipped[0] ^= 0x01;
                    data = ByteString.copyFrom(flipped);
                }
                return AccessSecretVersionResponse.newBuilder().setName(version.name)
                        .setPayload(SecretPayload.newBuilder().setData(data).setDataCrc32C(version.crc32c))
                        .build();
            });
        }

        @Override
        public void disableSecretVersion(DisableSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
            answer("DisableSecretVersion", observer, () -> changeState(request.getName(), SecretVersion.State.DISABLED));
        }

        @Override
        public void enableSecretVersion(EnableSecretVersionRequest request, StreamObserver<SecretVersion> observer) {
            answer("EnableSecretVersion", observer, () -> changeState(request.getName(), SecretVersion.State.ENABLED));
        }

        private SecretVersion changeState(String name, SecretVersion.State state) {
            StoredVersion version = version(name);
            if (version.state == SecretVersion.State.DESTROYED) {
                throw error(Status.Code.FAILED_PRECONDITION, "Secret Version [" + version.name + "] is destroyed.");
            }
            version.state = state;
            return version.toProto();
        }

        @Override
        public void listSecretVersions(ListSecretVersionsRequest request,
                StreamObserver<ListSecretVersionsResponse> observer) {
            answer("ListSecretVersions", observer, () -> {
                StoredSecret stored = secret(request.getParent());
                List<StoredVersion> newestFirst = new ArrayList<>(stored.versions);
                Collections.reverse(newestFirst);
                int offset;
                try {
                    offset = request.getPageToken().isEmpty() ? 0 : Integer.parseInt(request.getPageToken());
                } catch (NumberFormatException e) {
                    throw error(Status.Code.INVALID_ARGUMENT, "Invalid page token.");
                }
                int size = request.getPageSize() <= 0 ? 25000 : request.getPageSize();
                int end = Math.min(newestFirst.size(), offset + size);
                ListSecretVersionsResponse.Builder response = ListSecretVersionsResponse.newBuilder()
                        .setTotalSize(newestFirst.size());
                newestFirst.subList(Math.min(offset, end), end).forEach(v -> response.addVersions(v.toProto()));
                if (end < newestFirst.size()) {
                    response.setNextPageToken(Integer.toString(end));
                }
                return response.build();
            });
        }
    }
}
