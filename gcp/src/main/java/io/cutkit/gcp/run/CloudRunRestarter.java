package io.cutkit.gcp.run;

import com.google.api.gax.rpc.AlreadyExistsException;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.run.v2.Service;
import com.google.cloud.run.v2.ServicesClient;
import com.google.cloud.run.v2.TrafficTarget;
import com.google.cloud.run.v2.TrafficTargetAllocationType;
import com.google.cloud.run.v2.TrafficTargetStatus;
import com.google.cloud.run.v2.UpdateServiceRequest;
import com.google.longrunning.Operation;
import io.cutkit.core.service.RestartException;
import io.cutkit.core.service.RestartOutcome;
import io.cutkit.core.service.ServiceRestarter;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.BoundedPoll;
import io.cutkit.gcp.DeadlineExceededException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Restarts a Cloud Run service by deploying its current template under a new, unique revision
 * name, so values resolved at start (secret references, {@code latest} versions) are read again.
 * Waits for the update operation, then until the service has reconciled: not reconciling,
 * observed generation equal to its generation, latest ready revision equal to latest created (the
 * new one) and all traffic on it. Refuses, before changing anything, a service whose traffic is
 * pinned to named revisions.
 *
 * <p>Costs one UpdateService call plus polling (GetOperation, GetService) with {@link Backoff};
 * UNAVAILABLE and RESOURCE_EXHAUSTED answers are retried until the deadline (the revision name
 * makes a repeated update harmless). Everything is bounded by the caller's deadline.
 */
public final class CloudRunRestarter implements ServiceRestarter {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("MMddHHmmss").withZone(ZoneOffset.UTC);

    private final ServicesClient client;
    private final Backoff backoff;
    private final Clock clock;

    private CloudRunRestarter(ServicesClient client, Backoff backoff, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A restarter polling with {@link Backoff#standard()}. */
    public static CloudRunRestarter of(ServicesClient client) {
        return new CloudRunRestarter(client, Backoff.standard(), Clock.systemUTC());
    }

    /** The same restarter polling with {@code pollBackoff}. */
    public CloudRunRestarter withBackoff(Backoff pollBackoff) {
        return new CloudRunRestarter(client, pollBackoff, clock);
    }

    /**
     * Restarts {@code service} (a full name, {@code projects/p/locations/l/services/s}).
     *
     * @throws PinnedTrafficException when traffic is pinned to named revisions (nothing changed)
     * @throws OperationFailedException when Cloud Run reports the deployment failed
     * @throws RestartException when the service cannot be read or updated, or is not ready by the deadline
     */
    @Override
    public RestartOutcome restart(String service, Duration deadline) {
        Instant start = clock.instant();
        BoundedPoll poll = BoundedPoll.of(backoff, deadline);
        Service current = get(service);
        List<String> pinned = current.getTrafficList().stream()
                .filter(t -> t.getType() == TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION
                        && t.getPercent() > 0)
                .map(TrafficTarget::getRevision)
                .toList();
        if (!pinned.isEmpty()) {
            throw new PinnedTrafficException(service, pinned);
        }
        String shortName = service.substring(service.lastIndexOf('/') + 1);
        String revision = shortName + "-cutkit-" + STAMP.format(clock.instant()) + "-"
                + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36), 36);
        Service wanted = current.toBuilder()
                .setTemplate(current.getTemplate().toBuilder().setRevision(revision))
                .build();
        try {
            Operation started = poll.await("UpdateService of " + service, () -> {
                try {
                    return BoundedPoll.done(client.updateServiceCallable()
                            .call(UpdateServiceRequest.newBuilder().setService(wanted).build()));
                } catch (ApiException e) {
                    if (OperationWaiter.transientCode(e.getStatusCode().getCode())) {
                        return BoundedPoll.pending("UpdateService answered " + e.getStatusCode().getCode());
                    }
                    throw refused("update", service, e);
                }
            });
            OperationWaiter.await("Restart of " + service, started, client.getOperationsClient(), poll);
            String newRevision = service + "/revisions/" + revision;
            Service ready = poll.await("revision " + revision + " of " + service + " to serve all traffic", () -> {
                Service seen = get(service);
                String state = readiness(seen, newRevision);
                return state.isEmpty() ? BoundedPoll.done(seen) : BoundedPoll.pending(state);
            });
            return new RestartOutcome(service, current.getLatestReadyRevision(), ready.getLatestReadyRevision(),
                    Duration.between(start, clock.instant()));
        } catch (DeadlineExceededException e) {
            throw new RestartException("Restart of " + service + " did not finish within " + deadline + ": "
                    + e.getMessage(), e);
        }
    }

    /** Empty when the service serves {@code newRevision} fully, else what is still missing. */
    private static String readiness(Service seen, String newRevision) {
        if (seen.getReconciling()) {
            return "reconciling";
        }
        if (seen.getObservedGeneration() != seen.getGeneration()) {
            return "observed generation " + seen.getObservedGeneration() + " of " + seen.getGeneration();
        }
        if (!seen.getLatestCreatedRevision().equals(newRevision)) {
            return "latest created revision is " + seen.getLatestCreatedRevision();
        }
        if (!seen.getLatestReadyRevision().equals(seen.getLatestCreatedRevision())) {
            return "latest ready revision " + seen.getLatestReadyRevision() + " is not the latest created "
                    + seen.getLatestCreatedRevision() + " (" + seen.getTerminalCondition().getMessage() + ")";
        }
        String shortRevision = newRevision.substring(newRevision.lastIndexOf('/') + 1);
        int onNew = seen.getTrafficStatusesList().stream()
                .filter(t -> t.getRevision().equals(shortRevision)
                        || t.getType() == TrafficTargetAllocationType.TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST)
                .mapToInt(TrafficTargetStatus::getPercent).sum();
        return onNew == 100 ? "" : onNew + "% of traffic on " + shortRevision;
    }

    private Service get(String service) {
        try {
            return client.getService(service);
        } catch (ApiException e) {
            throw refused("read", service, e);
        }
    }

    private static RestartException refused(String action, String service, ApiException e) {
        StatusCode.Code code = e.getStatusCode().getCode();
        String next = switch (code) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> "grant the caller roles/run.developer on the service "
                    + "(and roles/iam.serviceAccountUser on its runtime service account)";
            case NOT_FOUND -> "check the project, region and service name";
            case ALREADY_EXISTS, ABORTED, FAILED_PRECONDITION -> "another deployment changed the service at the same "
                    + "time; wait for it to finish and run again";
            default -> "run again; if it persists, check the service in the console";
        };
        String what = e instanceof AlreadyExistsException ? " (conflict)" : "";
        return new RestartException("Could not " + action + " Cloud Run service " + service + ": " + code + what
                + " (" + e.getMessage() + "); " + next + ".", e);
    }
}
