package io.cutkit.gcp.run;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.longrunning.Operation;
import com.google.longrunning.OperationsClient;
import io.cutkit.core.service.RestartException;
import io.cutkit.gcp.BoundedPoll;
import io.grpc.Status;

/** Polls a Cloud Run operation until done within a {@link BoundedPoll}; surfaces its error. */
final class OperationWaiter {

    private OperationWaiter() {
    }

    /**
     * Waits for {@code started} to finish and returns it.
     *
     * @throws OperationFailedException when it finished with an error
     * @throws io.cutkit.gcp.DeadlineExceededException when it did not finish in time
     */
    static Operation await(String what, Operation started, OperationsClient operations, BoundedPoll poll) {
        Operation done = poll.await(what + " (operation " + started.getName() + ")", () -> {
            if (started.getDone()) {
                return BoundedPoll.done(started);
            }
            try {
                Operation seen = operations.getOperation(started.getName());
                return seen.getDone() ? BoundedPoll.done(seen) : BoundedPoll.pending("running");
            } catch (ApiException e) {
                if (transientCode(e.getStatusCode().getCode())) {
                    return BoundedPoll.pending("polling answered " + e.getStatusCode().getCode());
                }
                throw new RestartException(what + ": could not read operation " + started.getName() + " ("
                        + e.getStatusCode().getCode() + ": " + e.getMessage() + "); check the caller's permissions "
                        + "(roles/run.viewer at least) and run again.", e);
            }
        });
        if (done.hasError()) {
            com.google.rpc.Status error = done.getError();
            throw new OperationFailedException(what, done.getName(), error.getCode(),
                    Status.fromCodeValue(error.getCode()).getCode().name(), error.getMessage());
        }
        return done;
    }

    static boolean transientCode(StatusCode.Code code) {
        return code == StatusCode.Code.UNAVAILABLE || code == StatusCode.Code.RESOURCE_EXHAUSTED
                || code == StatusCode.Code.DEADLINE_EXCEEDED;
    }
}
