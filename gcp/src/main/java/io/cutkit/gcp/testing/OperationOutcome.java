package io.cutkit.gcp.testing;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stand-in's next long-running operation ends: it succeeds after a delay, fails with the
 * service's own error after a delay, or never finishes (so a caller's deadline is what stops it).
 */
public sealed interface OperationOutcome {

    /** The operation does its work and reports done after {@code after}. */
    record Succeed(Duration after) implements OperationOutcome {
        public Succeed {
            Objects.requireNonNull(after, "after");
        }
    }

    /** The operation reports done with an error after {@code after}; nothing is changed. */
    record Fail(Duration after, String code, String message) implements OperationOutcome {
        public Fail {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** The operation stays pending forever. */
    record NeverFinish() implements OperationOutcome {
    }

    static OperationOutcome succeedAfter(Duration after) {
        return new Succeed(after);
    }

    /**
     * A failure with the service's code: a gRPC code name for Cloud Run ({@code FAILED_PRECONDITION},
     * {@code INTERNAL}, ...), an operation error code for Cloud SQL ({@code ERROR_RDBMS}, ...).
     */
    static OperationOutcome failAfter(Duration after, String code, String message) {
        return new Fail(after, code, message);
    }

    static OperationOutcome neverFinish() {
        return new NeverFinish();
    }
}
