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
    record Fail(Duration after, String code, int httpStatus, String message) implements OperationOutcome {
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

    /** A failure with a gRPC-style code name ({@code FAILED_PRECONDITION}, {@code INTERNAL}, ...). */
    static OperationOutcome failAfter(Duration after, String code, String message) {
        return new Fail(after, code, httpStatusOf(code), message);
    }

    static OperationOutcome neverFinish() {
        return new NeverFinish();
    }

    private static int httpStatusOf(String code) {
        return switch (code) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "ALREADY_EXISTS", "ABORTED" -> 409;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "UNAVAILABLE" -> 503;
            default -> 500;
        };
    }
}
