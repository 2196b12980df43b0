package io.cutkit.gcp.sql;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.sqladmin.SQLAdmin;
import com.google.api.services.sqladmin.model.Database;
import com.google.api.services.sqladmin.model.Operation;
import com.google.api.services.sqladmin.model.OperationError;
import io.cutkit.gcp.BoundedPoll;
import io.cutkit.gcp.DeadlineExceededException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts Cloud SQL Admin calls and waits for their operations, within one {@link BoundedPoll}:
 * 409 (another operation on the instance), 429 and 5xx answers are retried with backoff until
 * the deadline; any other refusal, and an operation's own error, become a {@link CloudSqlException}.
 */
final class AdminCalls {

    /** A call that returns an operation. */
    @FunctionalInterface
    interface Start {
        Operation call() throws IOException;
    }

    /** A call that returns a value directly. */
    @FunctionalInterface
    interface Fetch<T> {
        T call() throws IOException;
    }

    private final SQLAdmin admin;
    private final CloudSqlInstance instance;
    private final BoundedPoll poll;

    AdminCalls(SQLAdmin admin, CloudSqlInstance instance, BoundedPoll poll) {
        this.admin = admin;
        this.instance = instance;
        this.poll = poll;
    }

    /** Starts {@code call} (retrying what is worth retrying) and waits for its operation to be DONE. */
    Operation run(String callName, Start start) {
        List<String> refusals = new ArrayList<>();
        try {
            Operation started = poll.await("Cloud SQL " + callName + " on " + instance,
                    () -> attempt(callName, "refused", refusals::add, () -> BoundedPoll.done(start.call())));
            Operation done = poll.await("Cloud SQL " + callName + " operation " + started.getName() + " on " + instance,
                    () -> {
                        if ("DONE".equals(started.getStatus())) {
                            return BoundedPoll.done(started);
                        }
                        return attempt("operations.get for " + callName, "polling refused", refusal -> { }, () -> {
                            Operation seen = admin.operations().get(instance.project(), started.getName()).execute();
                            return "DONE".equals(seen.getStatus()) ? BoundedPoll.done(seen)
                                    : BoundedPoll.pending(seen.getStatus());
                        });
                    });
            if (done.getError() != null && done.getError().getErrors() != null
                    && !done.getError().getErrors().isEmpty()) {
                List<OperationError> errors = done.getError().getErrors();
                throw new CloudSqlException(callName, instance, 0,
                        errors.stream().map(OperationError::getCode).collect(Collectors.joining(",")),
                        errors.stream().map(OperationError::getMessage).collect(Collectors.joining(" | ")),
                        "operation " + done.getName() + " reported it; fix what it names and run again", null);
            }
            return done;
        } catch (DeadlineExceededException e) {
            String last = refusals.isEmpty() ? "" : " Last refusal: " + refusals.get(refusals.size() - 1) + ".";
            throw new CloudSqlException(callName, instance, 0, "DEADLINE_EXCEEDED", e.getMessage() + last,
                    "nothing more was started by cutkit; check the instance's operations list "
                            + "(gcloud sql operations list --instance " + instance.instance() + ") before running again", e);
        }
    }

    /**
     * Makes a direct call (no operation), retrying what is worth retrying; a 404 gives
     * {@code null} so callers can tell "absent" from "refused".
     */
    <T> T fetchOrNull(String callName, Fetch<T> fetch) {
        try {
            return poll.await("Cloud SQL " + callName + " on " + instance,
                    () -> attempt(callName, "refused", refusal -> { }, () -> {
                        try {
                            return BoundedPoll.done(Optional.ofNullable(fetch.call()));
                        } catch (GoogleJsonResponseException e) {
                            if (e.getStatusCode() == 404) {
                                return BoundedPoll.done(Optional.<T>empty());
                            }
                            throw e;
                        }
                    })).orElse(null);
        } catch (DeadlineExceededException e) {
            throw new CloudSqlException(callName, instance, 0, "DEADLINE_EXCEEDED", e.getMessage(),
                    "the Admin API kept refusing or could not be reached; run again later", e);
        }
    }

    /** The database's metadata ({@code databases.get}), or {@code null} when the instance has no such database. */
    Database database(String name) {
        return fetchOrNull("databases.get " + name,
                () -> admin.databases().get(instance.project(), instance.instance(), name).execute());
    }

    /**
     * One try of {@code call} inside a poll: a retryable refusal (noted as {@code refusedAs: HTTP n}) or an
     * unreachable API reads as pending and is passed to {@code refusals}; any other refusal throws.
     */
    private <T> BoundedPoll.Probe<T> attempt(String callName, String refusedAs, Consumer<String> refusals,
                                             Fetch<BoundedPoll.Probe<T>> call) {
        try {
            return call.call();
        } catch (GoogleJsonResponseException e) {
            if (retryable(e.getStatusCode())) {
                refusals.accept("HTTP " + e.getStatusCode() + " " + message(e));
                return BoundedPoll.pending(refusedAs + ": HTTP " + e.getStatusCode());
            }
            throw refused(callName, e);
        } catch (IOException e) {
            refusals.accept(e.toString());
            return BoundedPoll.pending("could not reach the Admin API: " + e.getMessage());
        }
    }

    private static boolean retryable(int status) {
        return status == 409 || status == 429 || status >= 500;
    }

    private static String message(GoogleJsonResponseException e) {
        GoogleJsonError details = e.getDetails();
        return details != null && details.getMessage() != null ? details.getMessage() : e.getStatusMessage();
    }

    CloudSqlException refused(String callName, GoogleJsonResponseException e) {
        int status = e.getStatusCode();
        GoogleJsonError details = e.getDetails();
        String code = details != null && details.get("status") != null ? String.valueOf(details.get("status")) : "";
        String next = switch (status) {
            case 401, 403 -> "grant the caller roles/cloudsql.admin (or cloudsql.instances.export/import) on project "
                    + instance.project() + "; for export and import the instance's service account also needs "
                    + "roles/storage.objectAdmin on the bucket";
            case 404 -> "check the project, instance and database names";
            case 400 -> "the request was rejected as invalid; check the arguments it names";
            default -> "run again later";
        };
        return new CloudSqlException(callName, instance, status, code, message(e), next, e);
    }
}
