package io.cutkit.gcp.testing;

import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.Container;
import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.run.v2.Execution;
import com.google.cloud.run.v2.ExecutionTemplate;
import com.google.cloud.run.v2.ExecutionsGrpc;
import com.google.cloud.run.v2.TasksClient;
import com.google.cloud.run.v2.TasksSettings;
import com.google.cloud.run.v2.GetExecutionRequest;
import com.google.cloud.run.v2.GetJobRequest;
import com.google.cloud.run.v2.GetRevisionRequest;
import com.google.cloud.run.v2.GetServiceRequest;
import com.google.cloud.run.v2.GetTaskRequest;
import com.google.cloud.run.v2.Job;
import com.google.cloud.run.v2.JobsClient;
import com.google.cloud.run.v2.JobsGrpc;
import com.google.cloud.run.v2.JobsSettings;
import com.google.cloud.run.v2.ListRevisionsRequest;
import com.google.cloud.run.v2.ListRevisionsResponse;
import com.google.cloud.run.v2.ListTasksRequest;
import com.google.cloud.run.v2.ListTasksResponse;
import com.google.cloud.run.v2.Revision;
import com.google.cloud.run.v2.RevisionTemplate;
import com.google.cloud.run.v2.RevisionsGrpc;
import com.google.cloud.run.v2.RunJobRequest;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.ServicesGrpc;
import com.google.cloud.run.v2.ServicesSettings;
import com.google.cloud.run.v2.Task;
import com.google.cloud.run.v2.TaskAttemptResult;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetAllocationType;
import com.google.cloud.run.v2.TrafficTargetStatus;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Cloud Run Admin API v2 as an in-process gRPC service (Services, Revisions, Jobs, Executions,
 * Tasks and the long-running Operations they return), reached by the real {@link ServicesClient},
 * {@link JobsClient} and {@link TasksClient}.
 *
 * <p>It behaves like Cloud Run where cutkit depends on it: an update bumps the generation and
 * reconciles until its operation completes (after a delay, by default 150 ms); a changed template
 * creates a revision (named by {@code template.revision} when set, which must be unique and start
 * with the service's name); a new revision resolves its containers' secret references
 * ({@code value_source.secret_key_ref}) through a linked {@link SecretManagerStandIn} when it starts,
 * so what a service "serves" changes only with a new revision; traffic follows {@code LATEST} or
 * stays pinned to a named revision. Jobs run their tasks through a {@link TaskRunner} the test
 * supplies. Faults ({@link #faults()}) and operation outcomes ({@link #nextOperation}) can be
 * injected.
 */
public final class CloudRunStandIn implements AutoCloseable {

    /** What a job's task does when it runs: returns its exit code (0 is success). */
    @FunctionalInterface
    public interface TaskRunner {
        int run(int taskIndex, int taskCount);
    }

    private final FaultPlan faults = new FaultPlan();
    private final OperationsService operations = new OperationsService(faults);
    private final Deque<OperationOutcome> plannedOutcomes = new ArrayDeque<>();
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final Map<String, Revision> revisions = new LinkedHashMap<>();
    private final Map<String, Map<String, byte[]>> resolvedEnv = new HashMap<>();
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, TaskRunner> taskRunners = new HashMap<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();
    private final Map<String, List<Task>> tasks = new HashMap<>();
    private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cloud-run-stand-in");
        t.setDaemon(true);
        return t;
    });
    private final SecretManagerStandIn secretManager;
    private final InProcessEndpoint endpoint;
    private Duration operationDelay = Duration.ofMillis(150);
    private int revisionCounter;

    private CloudRunStandIn(SecretManagerStandIn secretManager) {
        this.secretManager = secretManager;
        this.endpoint = InProcessEndpoint.start("cloudrun",
                List.of(new Services(), new Revisions(), new Jobs(), new Executions(), new Tasks()),
                List.of(operations.definition()));
    }

    /** A stand-in whose revisions resolve secret references through {@code secretManager}. */
    public static CloudRunStandIn start(SecretManagerStandIn secretManager) {
        return new CloudRunStandIn(secretManager);
    }

    /** A stand-in for services without secret references. */
    public static CloudRunStandIn start() {
        return new CloudRunStandIn(null);
    }

    public FaultPlan faults() {
        return faults;
    }

    /** How long a successful operation takes when no outcome is planned. */
    public synchronized CloudRunStandIn operationDelay(Duration delay) {
        this.operationDelay = delay;
        return this;
    }

    /** The next operation (update, run) ends as {@code outcome}; later ones succeed normally. */
    public synchronized CloudRunStandIn nextOperation(OperationOutcome outcome) {
        plannedOutcomes.addLast(outcome);
        return this;
    }

    /**
     * Deploys {@code service} (its name, template and traffic; empty traffic means 100% to latest)
     * as generation 1 with a ready first revision, without an operation, as if deployed earlier.
     */
    public synchronized Service deploy(Service service) {
        Service stored = service.toBuilder()
                .setGeneration(1)
                .setUid(UUID.randomUUID().toString())
                .setCreateTime(now())
                .setUri("https://" + shortName(service.getName()) + "-standin.a.run.app")
                .build();
        if (stored.getTrafficCount() == 0) {
            stored = stored.toBuilder().addTraffic(TrafficTarget.newBuilder()
                    .setType(TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST).setPercent(100)).build();
        }
        String revision = startRevision(stored);
        services.put(stored.getName(), settle(stored, revision));
        return services.get(stored.getName());
    }

    /** Deploys a job whose tasks run {@code runner}. */
    public synchronized Job deployJob(String jobName, ExecutionTemplate template, TaskRunner runner) {
        Job job = Job.newBuilder().setName(jobName).setGeneration(1).setObservedGeneration(1).setTemplate(template)
                .setCreateTime(now()).build();
        jobs.put(jobName, job);
        taskRunners.put(jobName, runner);
        return job;
    }

    /**
     * What the app of {@code serviceName} sees in {@code variable}: the value resolved when the
     * revision that receives most of the traffic started. A copy; the caller should zero it.
     */
    public synchronized Optional<byte[]> servedEnv(String serviceName, String variable) {
        Service service = services.get(serviceName);
        if (service == null) {
            return Optional.empty();
        }
        String serving = service.getTrafficStatusesList().stream()
                .max((a, b) -> Integer.compare(a.getPercent(), b.getPercent()))
                .map(status -> serviceName + "/revisions/" + status.getRevision())
                .orElse(service.getLatestReadyRevision());
        byte[] value = resolvedEnv.getOrDefault(serving, Map.of()).get(variable);
        return Optional.ofNullable(value).map(byte[]::clone);
    }

    /** The service as the API would return it now. */
    public synchronized Service service(String serviceName) {
        return services.get(serviceName);
    }

    public ServicesSettings servicesSettings() {
        try {
            ServicesSettings.Builder b = ServicesSettings.newBuilder()
                    .setTransportChannelProvider(endpoint.channelProvider())
                    .setCredentialsProvider(endpoint.credentials());
            b.applyToAllUnaryMethods(InProcessEndpoint::shortenRetries);
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real Services client on this stand-in; closed with it. */
    public ServicesClient servicesClient() {
        try {
            return track(ServicesClient.create(servicesSettings()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real Jobs client on this stand-in; closed with it. */
    public JobsClient jobsClient() {
        try {
            JobsSettings.Builder b = JobsSettings.newBuilder()
                    .setTransportChannelProvider(endpoint.channelProvider())
                    .setCredentialsProvider(endpoint.credentials());
            b.applyToAllUnaryMethods(InProcessEndpoint::shortenRetries);
            return track(JobsClient.create(b.build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real Tasks client on this stand-in; closed with it. */
    public TasksClient tasksClient() {
        try {
            TasksSettings.Builder b = TasksSettings.newBuilder()
                    .setTransportChannelProvider(endpoint.channelProvider())
                    .setCredentialsProvider(endpoint.credentials());
            b.applyToAllUnaryMethods(InProcessEndpoint::shortenRetries);
            return track(TasksClient.create(b.build()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T extends AutoCloseable> T track(T client) {
        clients.add(client);
        return client;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // closing a client of a stand-in that is going away cannot fail in a way that matters
            }
        }
        endpoint.close();
        synchronized (this) {
            resolvedEnv.values().forEach(env -> env.values().forEach(v -> Arrays.fill(v, (byte) 0)));
            resolvedEnv.clear();
        }
    }

    // ---- model ---------------------------------------------------------------------------------

    private static Timestamp now() {
        Instant now = Instant.now();
        return Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    }

    private static String shortName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1);
    }

    private static String projectOf(String resource) {
        String[] parts = resource.split("/");
        return parts.length > 1 ? parts[1] : "";
    }

    private static Condition ready(Condition.State state, String message) {
        return Condition.newBuilder().setType("Ready").setState(state).setMessage(message)
                .setLastTransitionTime(now()).build();
    }

    private static StatusRuntimeException error(Status.Code code, String message) {
        return Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    /** Creates a revision for {@code service}'s template, resolving its env; returns its name. */
    private String startRevision(Service service) {
        String name = service.getTemplate().getRevision().isEmpty()
                ? String.format("%s-%05d-%s", shortName(service.getName()), ++revisionCounter,
                        UUID.randomUUID().toString().substring(0, 3))
                : service.getTemplate().getRevision();
        String fullName = service.getName() + "/revisions/" + name;
        Map<String, byte[]> env = new HashMap<>();
        for (Container container : service.getTemplate().getContainersList()) {
            for (EnvVar var : container.getEnvList()) {
                env.put(var.getName(), resolve(service.getName(), var));
            }
        }
        revisions.put(fullName, Revision.newBuilder().setName(fullName).setService(service.getName())
                .setGeneration(service.getGeneration()).addAllContainers(service.getTemplate().getContainersList())
                .setCreateTime(now()).addConditions(ready(Condition.State.CONDITION_SUCCEEDED, "")).build());
        resolvedEnv.put(fullName, env);
        return fullName;
    }

    private byte[] resolve(String serviceName, EnvVar var) {
        if (!var.hasValueSource()) {
            return var.getValueBytes().toByteArray();
        }
        String secret = var.getValueSource().getSecretKeyRef().getSecret();
        String version = var.getValueSource().getSecretKeyRef().getVersion();
        String secretName = secret.startsWith("projects/") ? secret : "projects/" + projectOf(serviceName) + "/secrets/" + secret;
        if (secretManager == null) {
            throw new IllegalStateException("env " + var.getName() + " references " + secretName
                    + " but this stand-in has no Secret Manager stand-in linked");
        }
        return secretManager.resolveForWorkload(secretName + "/versions/" + (version.isEmpty() ? "latest" : version));
    }

    /** The service after its reconciliation finished with {@code readyRevision} ready. */
    private Service settle(Service service, String readyRevision) {
        Service.Builder b = service.toBuilder()
                .setReconciling(false)
                .setObservedGeneration(service.getGeneration())
                .setLatestCreatedRevision(readyRevision)
                .setLatestReadyRevision(readyRevision)
                .setTerminalCondition(ready(Condition.State.CONDITION_SUCCEEDED, ""))
                .setUpdateTime(now())
                .setEtag(UUID.randomUUID().toString())
                .clearTrafficStatuses();
        for (TrafficTarget target : service.getTrafficList()) {
            boolean latest = target.getType() == TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST;
            b.addTrafficStatuses(TrafficTargetStatus.newBuilder().setType(target.getType())
                    .setRevision(latest ? shortName(readyRevision) : target.getRevision())
                    .setPercent(target.getPercent()).setTag(target.getTag()));
        }
        return b.build();
    }

    private synchronized OperationOutcome takeOutcome() {
        OperationOutcome planned = plannedOutcomes.pollFirst();
        return planned != null ? planned : OperationOutcome.succeedAfter(operationDelay);
    }

    private Operation pending(String parent, com.google.protobuf.Message metadata) {
        String name = "projects/" + projectOf(parent) + "/locations/" + parent.split("/")[3] + "/operations/"
                + UUID.randomUUID();
        Operation operation = Operation.newBuilder().setName(name).setMetadata(Any.pack(metadata)).setDone(false).build();
        operations.put(operation);
        return operation;
    }

    private void finish(Operation pending, OperationOutcome outcome, Supplier<com.google.protobuf.Message> work,
            Runnable onFailure) {
        Duration after;
        if (outcome instanceof OperationOutcome.Succeed s) {
            after = s.after();
        } else if (outcome instanceof OperationOutcome.Fail f) {
            after = f.after();
        } else {
            return;
        }
        scheduler.schedule(() -> {
            synchronized (CloudRunStandIn.this) {
                Operation.Builder done = pending.toBuilder().setDone(true);
                if (outcome instanceof OperationOutcome.Fail f) {
                    onFailure.run();
                    done.setError(com.google.rpc.Status.newBuilder()
                            .setCode(Status.Code.valueOf(f.code()).value()).setMessage(f.message()));
                } else {
                    try {
                        done.setResponse(Any.pack(work.get()));
                    } catch (IllegalStateException e) {
                        onFailure.run();
                        done.setError(com.google.rpc.Status.newBuilder()
                                .setCode(Status.Code.FAILED_PRECONDITION.value()).setMessage(e.getMessage()));
                    }
                }
                operations.put(done.build());
            }
        }, after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> void answer(String call, StreamObserver<T> observer, Supplier<T> work) {
        Fault fault = faults.next(call).orElse(null);
        if (fault != null) {
            observer.onError(error(fault.grpcCode(), fault.describe(call)));
            return;
        }
        T result;
        try {
            synchronized (this) {
                result = work.get();
            }
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    private Service requireService(String name) {
        Service service = services.get(name);
        if (service == null) {
            throw error(Status.Code.NOT_FOUND, "Resource '" + name + "' was not found");
        }
        return service;
    }

    // ---- services ------------------------------------------------------------------------------

    private final class Services extends ServicesGrpc.ServicesImplBase {
        @Override
        public void getService(GetServiceRequest request, StreamObserver<Service> observer) {
            answer("GetService", observer, () -> requireService(request.getName()));
        }

        @Override
        public void updateService(UpdateServiceRequest request, StreamObserver<Operation> observer) {
            answer("UpdateService", observer, () -> update(request.getService()));
        }
    }

    private Operation update(Service requested) {
        Service current = requireService(requested.getName());
        RevisionTemplate template = requested.getTemplate();
        String wanted = template.getRevision();
        if (!wanted.isEmpty()) {
            if (!wanted.startsWith(shortName(current.getName()) + "-")) {
                throw error(Status.Code.INVALID_ARGUMENT, "Revision name '" + wanted + "' must start with '"
                        + shortName(current.getName()) + "-'.");
            }
            if (revisions.containsKey(current.getName() + "/revisions/" + wanted)) {
                throw error(Status.Code.ALREADY_EXISTS, "Revision named '" + wanted
                        + "' with different configuration already exists.");
            }
        }
        boolean newRevision = !template.equals(current.getTemplate());
        Service reconciling = current.toBuilder()
                .setTemplate(template)
                .clearTraffic()
                .addAllTraffic(requested.getTrafficCount() == 0 ? current.getTrafficList() : requested.getTrafficList())
                .setGeneration(current.getGeneration() + 1)
                .setReconciling(true)
                .setTerminalCondition(ready(Condition.State.CONDITION_RECONCILING, "Deploying revision."))
                .build();
        services.put(current.getName(), reconciling);
        Operation operation = pending(current.getName(), reconciling);
        OperationOutcome outcome = takeOutcome();
        finish(operation, outcome, () -> {
            String ready = newRevision ? startRevision(reconciling) : current.getLatestReadyRevision();
            Service settled = settle(reconciling, ready);
            services.put(settled.getName(), settled);
            return settled;
        }, () -> services.put(current.getName(), reconciling.toBuilder()
                .setReconciling(false)
                .setObservedGeneration(reconciling.getGeneration())
                .setTerminalCondition(ready(Condition.State.CONDITION_FAILED, "Revision failed to become ready."))
                .build()));
        return operation;
    }

    private final class Revisions extends RevisionsGrpc.RevisionsImplBase {
        @Override
        public void getRevision(GetRevisionRequest request, StreamObserver<Revision> observer) {
            answer("GetRevision", observer, () -> {
                Revision revision = revisions.get(request.getName());
                if (revision == null) {
                    throw error(Status.Code.NOT_FOUND, "Resource '" + request.getName() + "' was not found");
                }
                return revision;
            });
        }

        @Override
        public void listRevisions(ListRevisionsRequest request, StreamObserver<ListRevisionsResponse> observer) {
            answer("ListRevisions", observer, () -> ListRevisionsResponse.newBuilder().addAllRevisions(
                    revisions.values().stream().filter(r -> r.getService().equals(request.getParent())).toList())
                    .build());
        }
    }

    // ---- jobs ----------------------------------------------------------------------------------

    private final class Jobs extends JobsGrpc.JobsImplBase {
        @Override
        public void getJob(GetJobRequest request, StreamObserver<Job> observer) {
            answer("GetJob", observer, () -> requireJob(request.getName()));
        }

        @Override
        public void runJob(RunJobRequest request, StreamObserver<Operation> observer) {
            answer("RunJob", observer, () -> run(request));
        }
    }

    private Job requireJob(String name) {
        Job job = jobs.get(name);
        if (job == null) {
            throw error(Status.Code.NOT_FOUND, "Resource '" + name + "' was not found");
        }
        return job;
    }

    private Operation run(RunJobRequest request) {
        Job job = requireJob(request.getName());
        int taskCount = request.hasOverrides() && request.getOverrides().getTaskCount() > 0
                ? request.getOverrides().getTaskCount() : Math.max(1, job.getTemplate().getTaskCount());
        String executionId = shortName(job.getName()) + "-" + UUID.randomUUID().toString().substring(0, 5);
        String executionName = job.getName() + "/executions/" + executionId;
        Execution started = Execution.newBuilder().setName(executionName).setJob(shortName(job.getName()))
                .setTaskCount(taskCount).setRunningCount(taskCount).setCreateTime(now()).setStartTime(now())
                .setReconciling(true).build();
        executions.put(executionName, started);
        jobs.put(job.getName(), job.toBuilder().setExecutionCount(job.getExecutionCount() + 1)
                .setLatestCreatedExecution(com.google.cloud.run.v2.ExecutionReference.newBuilder()
                        .setName(executionName)).build());
        TaskRunner runner = taskRunners.get(job.getName());
        Operation operation = pending(job.getName(), started);
        finish(operation, takeOutcome(), () -> {
            List<Task> finished = new ArrayList<>();
            int failed = 0;
            for (int i = 0; i < taskCount; i++) {
                int exit = runner.run(i, taskCount);
                failed += exit == 0 ? 0 : 1;
                finished.add(Task.newBuilder().setName(executionName + "/tasks/" + executionId + "-task" + i)
                        .setIndex(i).setExecution(executionId).setJob(shortName(job.getName()))
                        .setStartTime(now()).setCompletionTime(now())
                        .setLastAttemptResult(TaskAttemptResult.newBuilder().setExitCode(exit)
                                .setStatus(com.google.rpc.Status.newBuilder().setCode(exit == 0 ? 0 : 2)
                                        .setMessage(exit == 0 ? "" : "Task exited with exit code " + exit)))
                        .addConditions(Condition.newBuilder().setType("Completed").setState(exit == 0
                                ? Condition.State.CONDITION_SUCCEEDED : Condition.State.CONDITION_FAILED))
                        .build());
            }
            tasks.put(executionName, finished);
            Execution done = started.toBuilder().setReconciling(false).setRunningCount(0)
                    .setSucceededCount(taskCount - failed).setFailedCount(failed).setCompletionTime(now())
                    .addConditions(Condition.newBuilder().setType("Completed").setState(failed == 0
                            ? Condition.State.CONDITION_SUCCEEDED : Condition.State.CONDITION_FAILED))
                    .build();
            executions.put(executionName, done);
            return done;
        }, () -> executions.put(executionName, started.toBuilder().setReconciling(false).setRunningCount(0)
                .addConditions(Condition.newBuilder().setType("Completed").setState(Condition.State.CONDITION_FAILED))
                .build()));
        return operation;
    }

    private final class Executions extends ExecutionsGrpc.ExecutionsImplBase {
        @Override
        public void getExecution(GetExecutionRequest request, StreamObserver<Execution> observer) {
            answer("GetExecution", observer, () -> {
                Execution execution = executions.get(request.getName());
                if (execution == null) {
                    throw error(Status.Code.NOT_FOUND, "Resource '" + request.getName() + "' was not found");
                }
                return execution;
            });
        }
    }

    private final class Tasks extends com.google.cloud.run.v2.TasksGrpc.TasksImplBase {
        @Override
        public void listTasks(ListTasksRequest request, StreamObserver<ListTasksResponse> observer) {
            answer("ListTasks", observer, () -> ListTasksResponse.newBuilder()
                    .addAllTasks(tasks.getOrDefault(request.getParent(), List.of())).build());
        }

        @Override
        public void getTask(GetTaskRequest request, StreamObserver<Task> observer) {
            answer("GetTask", observer, () -> tasks.values().stream().flatMap(List::stream)
                    .filter(t -> t.getName().equals(request.getName())).findFirst()
                    .orElseThrow(() -> error(Status.Code.NOT_FOUND, "Resource '" + request.getName() + "' was not found")));
        }
    }

}
