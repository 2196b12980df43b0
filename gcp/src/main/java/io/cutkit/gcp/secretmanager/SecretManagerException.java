package io.cutkit.gcp.secretmanager;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import io.cutkit.core.secret.SecretException;

/**
 * Secret Manager refused or failed a call. Carries the resource, the call and the status code;
 * the message says what to do next. Never contains a secret value (Secret Manager's own error
 * messages name resources, not payloads).
 */
public final class SecretManagerException extends SecretException {

    private final String resource;
    private final String call;
    private final StatusCode.Code code;

    SecretManagerException(String call, String resource, StatusCode.Code code, String message, Throwable cause) {
        super(message, cause);
        this.call = call;
        this.resource = resource;
        this.code = code;
    }

    static SecretManagerException of(String call, String resource, ApiException e) {
        StatusCode.Code code = e.getStatusCode().getCode();
        String next = switch (code) {
            case PERMISSION_DENIED, UNAUTHENTICATED -> "grant the caller's service account "
                    + (call.equals("AccessSecretVersion") ? "roles/secretmanager.secretAccessor"
                            : call.equals("CreateSecret") ? "roles/secretmanager.admin"
                            : "roles/secretmanager.secretVersionManager")
                    + " on " + resource + " (or check the credentials in use), then run again";
            case NOT_FOUND -> "check the project and secret name, or create the secret first "
                    + "(the sink creates it when built with createIfMissing(true))";
            case RESOURCE_EXHAUSTED -> "Secret Manager quota is exhausted; wait a minute and run again, "
                    + "or raise the quota";
            case UNAVAILABLE, DEADLINE_EXCEEDED -> call.equals("AddSecretVersion")
                    ? "the version may or may not have been added: list the secret's versions before writing again"
                    : "Secret Manager did not answer in time; run again";
            case FAILED_PRECONDITION -> "the version is disabled or destroyed; enable it or read another version";
            case INVALID_ARGUMENT -> "the request was rejected as malformed (a checksum mismatch means the value "
                    + "was corrupted in transit; nothing was stored); check names and run again";
            case ALREADY_EXISTS -> "the resource already exists; read it instead of creating it";
            default -> "see the status above";
        };
        String message = "Secret Manager " + call + " on " + resource + " failed with " + code + " ("
                + e.getMessage() + "); " + next + ".";
        return new SecretManagerException(call, resource, code, message, e);
    }

    public String resource() {
        return resource;
    }

    public String call() {
        return call;
    }

    public StatusCode.Code code() {
        return code;
    }
}
