package io.cutkit.gcp.testing;

import com.google.cloud.clouddms.v1.ConnectionProfile;
import com.google.cloud.clouddms.v1.CreateConnectionProfileRequest;
import com.google.cloud.clouddms.v1.CreateMigrationJobRequest;
import com.google.cloud.clouddms.v1.DataMigrationServiceClient;
import com.google.cloud.clouddms.v1.DataMigrationServiceGrpc;
import com.google.cloud.clouddms.v1.DataMigrationServiceSettings;
import com.google.cloud.clouddms.v1.DeleteConnectionProfileRequest;
import com.google.cloud.clouddms.v1.GetConnectionProfileRequest;
import com.google.cloud.clouddms.v1.GetMigrationJobRequest;
import com.google.cloud.clouddms.v1.ListConnectionProfilesRequest;
import com.google.cloud.clouddms.v1.ListConnectionProfilesResponse;
import com.google.cloud.clouddms.v1.MigrationJob;
import com.google.cloud.clouddms.v1.OperationMetadata;
import com.google.cloud.clouddms.v1.PromoteMigrationJobRequest;
import com.google.cloud.clouddms.v1.StartMigrationJobRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Google's Database Migration Service API v1 as an in-process gRPC service, reached by the real
 * {@link DataMigrationServiceClient}: connection profiles (create, get, list, delete), migration jobs
 * (create, get, start, promote) and the long-running operations they return.
 *
 * <p>It is backed by real servers registered with {@link #server}: a {@code mysql} connection profile
 * names one by host and port (the source with the account DMS reads its binary log with, the
 * destination with its administrator). Starting a CONTINUOUS job runs its FULL_DUMP phase (a
 * consistent export of the source's database and an import into the destination, through
 * {@link MigrationBackend}) and then its CDC phase: the destination replicates from the source from
 * the dump's position, read-only, as a DMS destination does. While the job runs, a replication error
 * on the destination turns the job FAILED with the server's message, as the service reports it.
 * Promoting stops replication and makes the destination a writable standalone server (state
 * COMPLETED). Faults ({@link #faults()}, calls named as the API names its methods) and operation
 * outcomes ({@link #nextOperation}) can be injected.
 */
public final class DmsStandIn implements AutoCloseable {

    private final FaultPlan faults = new FaultPlan();
    private final OperationsService operations = new OperationsService(faults);
    private final Deque<OperationOutcome> plannedOutcomes = new ArrayDeque<>();
    private final Map<String, MigrationBackend.Server> servers = new HashMap<>();
    private final Map<String, ConnectionProfile> profiles = new LinkedHashMap<>();
    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, MigrationJob> jobs = new LinkedHashMap<>();
    private final Map<String, MigrationBackend.Running> running = new HashMap<>();
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "dms-stand-in"));
    private final ExecutorService dumps = Executors.newCachedThreadPool(r -> daemon(r, "dms-stand-in-dump"));
    private final InProcessEndpoint endpoint;
    private Duration operationDelay = Duration.ofMillis(100);

    private DmsStandIn() {
        this.endpoint = InProcessEndpoint.start("dms", List.of(new Service()), List.of(operations.definition()));
    }

    /** A stand-in without servers; register them with {@link #server}. */
    public static DmsStandIn start() {
        return new DmsStandIn();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Makes the server a {@code mysql} connection profile names by {@code host} and {@code port} reachable. */
    public synchronized DmsStandIn server(String host, int port, MigrationBackend.Server server) {
        servers.put(host + ":" + port, server);
        return this;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** How long a successful operation takes when no outcome is planned. */
    public synchronized DmsStandIn operationDelay(Duration delay) {
        this.operationDelay = delay;
        return this;
    }

    /** The next operation (create, start, promote) ends as {@code outcome}; later ones succeed normally. */
    public synchronized DmsStandIn nextOperation(OperationOutcome outcome) {
        plannedOutcomes.addLast(outcome);
        return this;
    }

    /** The job as the API would return it now. */
    public synchronized MigrationJob job(String name) {
        return refresh(requireJob(name));
    }

    /** A real client on this stand-in; closed with it. */
    public DataMigrationServiceClient client() {
        try {
            DataMigrationServiceSettings.Builder b = DataMigrationServiceSettings.newBuilder()
                    .setTransportChannelProvider(endpoint.channelProvider())
                    .setCredentialsProvider(endpoint.credentials());
            b.applyToAllUnaryMethods(InProcessEndpoint::shortenRetries);
            DataMigrationServiceClient client = DataMigrationServiceClient.create(b.build());
            clients.add(client);
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        dumps.shutdownNow();
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing a client of a stand-in that is going away cannot fail in a way that matters
            }
        }
        endpoint.close();
        synchronized (this) {
            running.values().forEach(MigrationBackend.Running::close);
            running.clear();
            passwords.clear();
        }
    }

    // ---- model ---------------------------------------------------------------------------------

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static StatusRuntimeException error(Status.Code code, String message) {
        return Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    private static String parentOf(String name) {
        String[] parts = name.split("/");
        return parts.length >= 4 ? parts[0] + "/" + parts[1] + "/" + parts[2] + "/" + parts[3] : name;
    }

    private synchronized OperationOutcome takeOutcome() {
        OperationOutcome planned = plannedOutcomes.pollFirst();
        return planned != null ? planned : OperationOutcome.succeedAfter(operationDelay);
    }

    private Operation pending(String target, String verb) {
        Operation operation = Operation.newBuilder().setName(parentOf(target) + "/operations/op-" + UUID.randomUUID())
                .setMetadata(Any.pack(OperationMetadata.newBuilder().setCreateTime(now()).setTarget(target)
                        .setVerb(verb).setApiVersion("v1").build()))
                .setDone(false).build();
        operations.put(operation);
        return operation;
    }

    /** Finishes {@code pending} as the planned outcome says: with what {@code work} returns, or its error. */
    private Operation operation(String target, String verb, Supplier<Message> work) {
        Operation pending = pending(target, verb);
        OperationOutcome outcome = takeOutcome();
        Duration after;
        if (outcome instanceof OperationOutcome.Succeed s) {
            after = s.after();
        } else if (outcome instanceof OperationOutcome.Fail f) {
            after = f.after();
        } else {
            return pending;
        }
        scheduler.schedule(() -> {
            synchronized (DmsStandIn.this) {
                Operation.Builder done = pending.toBuilder().setDone(true);
                if (outcome instanceof OperationOutcome.Fail f) {
                    done.setError(com.google.rpc.Status.newBuilder()
                            .setCode(Status.Code.valueOf(f.code()).value()).setMessage(f.message()));
                } else {
                    try {
                        done.setResponse(Any.pack(work.get()));
                    } catch (StatusRuntimeException e) {
                        done.setError(com.google.rpc.Status.newBuilder().setCode(e.getStatus().getCode().value())
                                .setMessage(String.valueOf(e.getStatus().getDescription())));
                    }
                }
                operations.put(done.build());
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
        return pending;
    }

    private <T> void answer(String call, StreamObserver<T> observer, Supplier<T> work) {
        faults.answer(call, this, observer, work);
    }

    // ---- connection profiles -------------------------------------------------------------------

    private Operation createProfile(CreateConnectionProfileRequest request) {
        String name = request.getParent() + "/connectionProfiles/" + request.getConnectionProfileId();
        if (profiles.containsKey(name)) {
            throw error(Status.Code.ALREADY_EXISTS, "Resource '" + name + "' already exists");
        }
        ConnectionProfile requested = request.getConnectionProfile();
        if (!requested.hasMysql()) {
            throw error(Status.Code.INVALID_ARGUMENT, "The stand-in supports mysql connection profiles only, got "
                    + requested.getConnectionProfileCase());
        }
        String password = requested.getMysql().getPassword();
        ConnectionProfile stored = requested.toBuilder().setName(name).setCreateTime(now()).setUpdateTime(now())
                .setState(ConnectionProfile.State.CREATING)
                .setMysql(requested.getMysql().toBuilder().clearPassword().setPasswordSet(!password.isEmpty())).build();
        profiles.put(name, stored);
        return operation(name, "create", () -> {
            ConnectionProfile ready = stored.toBuilder().setState(ConnectionProfile.State.READY).build();
            profiles.put(name, ready);
            passwords.put(name, password);
            return ready;
        });
    }

    private ConnectionProfile requireProfile(String name) {
        ConnectionProfile profile = profiles.get(name);
        if (profile == null) {
            throw error(Status.Code.NOT_FOUND, "Resource '" + name + "' was not found");
        }
        return profile;
    }

    private MigrationBackend.Server serverOf(ConnectionProfile profile) {
        String key = profile.getMysql().getHost() + ":" + profile.getMysql().getPort();
        MigrationBackend.Server server = servers.get(key);
        if (server == null) {
            throw error(Status.Code.FAILED_PRECONDITION, "Connection profile " + profile.getName()
                    + ": cannot connect to " + key);
        }
        return server;
    }

    // ---- migration jobs ------------------------------------------------------------------------

    private Operation createJob(CreateMigrationJobRequest request) {
        String name = request.getParent() + "/migrationJobs/" + request.getMigrationJobId();
        if (jobs.containsKey(name)) {
            throw error(Status.Code.ALREADY_EXISTS, "Resource '" + name + "' already exists");
        }
        MigrationJob requested = request.getMigrationJob();
        if (requested.getType() != MigrationJob.Type.CONTINUOUS && requested.getType() != MigrationJob.Type.ONE_TIME) {
            throw error(Status.Code.INVALID_ARGUMENT, "migration_job.type is required");
        }
        requireProfile(requested.getSource());
        requireProfile(requested.getDestination());
        MigrationJob stored = requested.toBuilder().setName(name).setCreateTime(now()).setUpdateTime(now())
                .setState(MigrationJob.State.CREATING).build();
        jobs.put(name, stored);
        return operation(name, "create", () -> jobs.compute(name, (n, job) -> job.toBuilder()
                .setState(MigrationJob.State.NOT_STARTED).setUpdateTime(now()).build()));
    }

    private MigrationJob requireJob(String name) {
        MigrationJob job = jobs.get(name);
        if (job == null) {
            throw error(Status.Code.NOT_FOUND, "Resource '" + name + "' was not found");
        }
        return job;
    }

    private Operation startJob(StartMigrationJobRequest request) {
        MigrationJob job = requireJob(request.getName());
        if (job.getState() != MigrationJob.State.NOT_STARTED) {
            throw error(Status.Code.FAILED_PRECONDITION, "Migration job " + job.getName() + " is " + job.getState()
                    + "; only a NOT_STARTED job can be started");
        }
        ConnectionProfile source = requireProfile(job.getSource());
        MigrationBackend.Server from = serverOf(source).withAccount(source.getMysql().getUsername(),
                passwords.getOrDefault(source.getName(), ""));
        MigrationBackend.Server to = serverOf(requireProfile(job.getDestination()));
        MigrationJob starting = job.toBuilder().setState(MigrationJob.State.STARTING).setUpdateTime(now()).build();
        jobs.put(job.getName(), starting);
        return operation(job.getName(), "start", () -> {
            MigrationJob dumping = starting.toBuilder().setState(MigrationJob.State.RUNNING)
                    .setPhase(MigrationJob.Phase.FULL_DUMP).setUpdateTime(now()).build();
            jobs.put(job.getName(), dumping);
            dumps.submit(() -> runFullDumpThenCdc(job.getName(), from, to));
            return dumping;
        });
    }

    private void runFullDumpThenCdc(String jobName, MigrationBackend.Server from, MigrationBackend.Server to) {
        try {
            MigrationBackend.Running replication = MigrationBackend.dumpAndReplicate(from, to);
            synchronized (this) {
                running.put(jobName, replication);
                update(jobName, b -> b.setPhase(MigrationJob.Phase.CDC));
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                fail(jobName, e.getMessage());
            }
        }
    }

    private void update(String jobName, java.util.function.UnaryOperator<MigrationJob.Builder> change) {
        jobs.computeIfPresent(jobName, (n, job) -> change.apply(job.toBuilder()).setUpdateTime(now()).build());
    }

    private void fail(String jobName, String message) {
        update(jobName, b -> b.setState(MigrationJob.State.FAILED).setEndTime(now())
                .setError(com.google.rpc.Status.newBuilder().setCode(Status.Code.UNKNOWN.value()).setMessage(message)));
    }

    /** The job with what its replication says now: a replication error fails it, as the service does. */
    private MigrationJob refresh(MigrationJob job) {
        MigrationBackend.Running replication = running.get(job.getName());
        if (replication != null && job.getState() == MigrationJob.State.RUNNING
                && job.getPhase() == MigrationJob.Phase.CDC) {
            replication.error().ifPresent(e -> fail(job.getName(), "Replication into the destination failed: " + e));
        }
        MigrationJob current = jobs.get(job.getName());
        Instant created = Instant.ofEpochSecond(current.getCreateTime().getSeconds(), current.getCreateTime().getNanos());
        Duration age = Duration.between(created, Instant.now());
        return current.toBuilder().setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(age.getSeconds())
                .setNanos(age.getNano())).build();
    }

    private Operation promoteJob(PromoteMigrationJobRequest request) {
        MigrationJob job = refresh(requireJob(request.getName()));
        if (job.getState() != MigrationJob.State.RUNNING || job.getPhase() != MigrationJob.Phase.CDC) {
            throw error(Status.Code.FAILED_PRECONDITION, "Migration job " + job.getName() + " is " + job.getState()
                    + " in phase " + job.getPhase() + "; only a RUNNING job in phase CDC can be promoted"
                    + (job.hasError() ? " (" + job.getError().getMessage() + ")" : ""));
        }
        update(job.getName(), b -> b.setPhase(MigrationJob.Phase.PROMOTE_IN_PROGRESS));
        return operation(job.getName(), "promote", () -> {
            MigrationBackend.Running replication = running.remove(job.getName());
            String failure = replication.promote();
            if (failure != null) {
                fail(job.getName(), failure);
                throw error(Status.Code.FAILED_PRECONDITION, failure);
            }
            update(job.getName(), b -> b.setState(MigrationJob.State.COMPLETED)
                    .setPhase(MigrationJob.Phase.PHASE_UNSPECIFIED).setEndTime(now()));
            return refresh(jobs.get(job.getName()));
        });
    }

    private final class Service extends DataMigrationServiceGrpc.DataMigrationServiceImplBase {
        @Override
        public void createConnectionProfile(CreateConnectionProfileRequest request, StreamObserver<Operation> observer) {
            answer("CreateConnectionProfile", observer, () -> createProfile(request));
        }

        @Override
        public void getConnectionProfile(GetConnectionProfileRequest request, StreamObserver<ConnectionProfile> observer) {
            answer("GetConnectionProfile", observer, () -> requireProfile(request.getName()));
        }

        @Override
        public void listConnectionProfiles(ListConnectionProfilesRequest request,
                                           StreamObserver<ListConnectionProfilesResponse> observer) {
            answer("ListConnectionProfiles", observer, () -> ListConnectionProfilesResponse.newBuilder()
                    .addAllConnectionProfiles(profiles.values().stream()
                            .filter(p -> parentOf(p.getName()).equals(request.getParent())).toList()).build());
        }

        @Override
        public void deleteConnectionProfile(DeleteConnectionProfileRequest request, StreamObserver<Operation> observer) {
            answer("DeleteConnectionProfile", observer, () -> {
                requireProfile(request.getName());
                boolean used = jobs.values().stream().anyMatch(j -> j.getState() != MigrationJob.State.COMPLETED
                        && (j.getSource().equals(request.getName()) || j.getDestination().equals(request.getName())));
                if (used && !request.getForce()) {
                    throw error(Status.Code.FAILED_PRECONDITION, "Connection profile " + request.getName()
                            + " is used by a migration job");
                }
                return operation(request.getName(), "delete", () -> {
                    profiles.remove(request.getName());
                    passwords.remove(request.getName());
                    return Empty.getDefaultInstance();
                });
            });
        }

        @Override
        public void createMigrationJob(CreateMigrationJobRequest request, StreamObserver<Operation> observer) {
            answer("CreateMigrationJob", observer, () -> createJob(request));
        }

        @Override
        public void getMigrationJob(GetMigrationJobRequest request, StreamObserver<MigrationJob> observer) {
            answer("GetMigrationJob", observer, () -> refresh(requireJob(request.getName())));
        }

        @Override
        public void startMigrationJob(StartMigrationJobRequest request, StreamObserver<Operation> observer) {
            answer("StartMigrationJob", observer, () -> startJob(request));
        }

        @Override
        public void promoteMigrationJob(PromoteMigrationJobRequest request, StreamObserver<Operation> observer) {
            answer("PromoteMigrationJob", observer, () -> promoteJob(request));
        }
    }
}
