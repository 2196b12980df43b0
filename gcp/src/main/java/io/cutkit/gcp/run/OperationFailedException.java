package io.cutkit.gcp.run;

import io.cutkit.core.service.RestartException;

/**
 * A Cloud Run long-running operation finished with an error. Carries the operation's name and
 * the service's own error code and message.
 */
public final class OperationFailedException extends RestartException {

    private final String operation;
    private final int code;
    private final String serviceMessage;

    OperationFailedException(String what, String operation, int code, String codeName, String serviceMessage) {
        super(what + " failed: Cloud Run operation " + operation + " ended with " + codeName + ": " + serviceMessage
                + ". Fix the cause it names (see the revision's logs), then run again.");
        this.operation = operation;
        this.code = code;
        this.serviceMessage = serviceMessage;
    }

    public String operation() {
        return operation;
    }

    /** The google.rpc code of the operation's error. */
    public int code() {
        return code;
    }

    /** The message Cloud Run gave. */
    public String serviceMessage() {
        return serviceMessage;
    }
}
