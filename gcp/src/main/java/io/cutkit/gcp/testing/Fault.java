package io.cutkit.gcp.testing;

import io.grpc.Status;

/**
 * A failure a stand-in can answer with instead of doing the work: each carries the HTTP status a
 * REST API returns and the gRPC code a gRPC API returns for the same situation.
 */
public enum Fault {
    /** 409: the resource already exists or another operation holds it. */
    CONFLICT(409, "ALREADY_EXISTS", Status.Code.ALREADY_EXISTS),
    /** 429: quota exhausted; a caller should back off and retry. */
    RATE_LIMITED(429, "RESOURCE_EXHAUSTED", Status.Code.RESOURCE_EXHAUSTED),
    /** 503: the service is briefly unavailable. */
    UNAVAILABLE(503, "UNAVAILABLE", Status.Code.UNAVAILABLE),
    /** 403: the caller's credentials lack the permission. */
    PERMISSION_DENIED(403, "PERMISSION_DENIED", Status.Code.PERMISSION_DENIED);

    private final int httpStatus;
    private final String reason;
    private final Status.Code grpcCode;

    Fault(int httpStatus, String reason, Status.Code grpcCode) {
        this.httpStatus = httpStatus;
        this.reason = reason;
        this.grpcCode = grpcCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The status name Google APIs put in an error body ({@code PERMISSION_DENIED}, ...). */
    public String reason() {
        return reason;
    }

    public Status.Code grpcCode() {
        return grpcCode;
    }

    /** The error message the stand-in sends for {@code call}. */
    public String describe(String call) {
        return switch (this) {
            case CONFLICT -> call + ": the resource is being changed by another operation (injected conflict)";
            case RATE_LIMITED -> call + ": quota exceeded, retry later (injected rate limit)";
            case UNAVAILABLE -> call + ": the service is currently unavailable (injected)";
            case PERMISSION_DENIED -> call + ": the caller does not have permission (injected)";
        };
    }
}
