package io.cutkit.gcp.sql;

import io.cutkit.core.data.SnapshotException;

/**
 * The Cloud SQL Admin API refused a call, or an operation it started ended with an error. Carries
 * the call, the instance, the HTTP status (0 for an operation's own error) and the service's error
 * code and message; the message says what to do next.
 */
public class CloudSqlException extends SnapshotException {

    private final String call;
    private final CloudSqlInstance instance;
    private final int httpStatus;
    private final String serviceCode;
    private final String serviceMessage;

    CloudSqlException(String call, CloudSqlInstance instance, int httpStatus, String serviceCode, String serviceMessage,
            String next, Throwable cause) {
        super("Cloud SQL " + call + " on " + instance + " failed"
                + (httpStatus > 0 ? " with HTTP " + httpStatus : " (operation error)")
                + (serviceCode.isEmpty() ? "" : " " + serviceCode) + ": " + serviceMessage + "; " + next + ".", cause);
        this.call = call;
        this.instance = instance;
        this.httpStatus = httpStatus;
        this.serviceCode = serviceCode;
        this.serviceMessage = serviceMessage;
    }

    public String call() {
        return call;
    }

    public CloudSqlInstance instance() {
        return instance;
    }

    /** The HTTP status of a refused call; 0 when the operation itself failed. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The service's code: an HTTP status name ({@code PERMISSION_DENIED}) or an operation error code. */
    public String serviceCode() {
        return serviceCode;
    }

    /** The service's own message. */
    public String serviceMessage() {
        return serviceMessage;
    }
}
