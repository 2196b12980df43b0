package io.cutkit.core.replication;

/** Replication could not be set up, checked or run. The message says what is wrong and what to do. */
public class ReplicationException extends RuntimeException {

    public ReplicationException(String message) {
        super(message);
    }

    public ReplicationException(String message, Throwable cause) {
        super(message, cause);
    }
}
