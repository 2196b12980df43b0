package io.cutkit.gcp.dms;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.clouddms.v1.DataMigrationServiceClient;
import com.google.cloud.clouddms.v1.GetMigrationJobRequest;
import com.google.cloud.clouddms.v1.MigrationJob;
import com.google.longrunning.Operation;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.gcp.BoundedPoll;
import io.grpc.Status;
import java.util.function.Supplier;

/**
 * Calls to Database Migration Service the way every gcp adapter makes them: answers of
 * RESOURCE_EXHAUSTED (429) and UNAVAILABLE (503) are retried with the poll's backoff until its
 * deadline; long-running operations are polled through {@code google.longrunning.Operations} within
 * the same kind of deadline, and an operation's error becomes a {@link ReplicationException} with the
 * service's code and message.
 */
final class DmsCalls {

    private final DataMigrationServiceClient client;
    private final BoundedPoll calls;
    private final BoundedPoll operations;

    DmsCalls(DataMigrationServiceClient client, BoundedPoll calls, BoundedPoll operations) {
        this.client = client;
        this.calls = calls;
        this.operations = operations;
    }

    /** Makes {@code call}, retrying 429 and 503 answers within the call deadline. */
    <T> T call(String what, Supplier<T> call) {
        return calls.await(what, () -> {
            try {
                return BoundedPoll.done(call.get());
            } catch (ApiException e) {
                if (transientCode(e.getStatusCode().getCode())) {
                    return BoundedPoll.pending(what + " answered " + e.getStatusCode().getCode());
                }
                throw new ReplicationException(what + " was refused by Database Migration Service ("
                        + e.getStatusCode().getCode() + ": " + e.getMessage() + "); check the request and the caller's"
                        + " role (roles/datamigration.admin), then run again", e);
            }
        });
    }

    /** Starts an operation with {@code start} (retried like {@link #call}) and waits until it is done. */
    MigrationJob jobOperation(String what, Supplier<Operation> start) {
        Operation done = await(what, call(what, start));
        try {
            return done.getResponse().unpack(MigrationJob.class);
        } catch (InvalidProtocolBufferException e) {
            throw new ReplicationException(what + ": the operation answered no migration job: " + e.getMessage(), e);
        }
    }

    /** Waits until {@code started} is done within the operation deadline. */
    Operation await(String what, Operation started) {
        Operation done = operations.await(what + " (operation " + started.getName() + ")", () -> {
            if (started.getDone()) {
                return BoundedPoll.done(started);
            }
            Operation seen = call("reading operation " + started.getName(),
                    () -> client.getOperationsClient().getOperation(started.getName()));
            return seen.getDone() ? BoundedPoll.done(seen) : BoundedPoll.pending("running");
        });
        if (done.hasError()) {
            com.google.rpc.Status error = done.getError();
            throw new ReplicationException(what + " failed: Database Migration Service operation " + done.getName()
                    + " ended with " + Status.fromCodeValue(error.getCode()).getCode() + ": " + error.getMessage());
        }
        return done;
    }

    /** The job as the service reports it now. */
    MigrationJob job(String name) {
        return call("GetMigrationJob " + name,
                () -> client.getMigrationJob(GetMigrationJobRequest.newBuilder().setName(name).build()));
    }

    static boolean transientCode(StatusCode.Code code) {
        return code == StatusCode.Code.UNAVAILABLE || code == StatusCode.Code.RESOURCE_EXHAUSTED;
    }
}
