package io.cutkit.core.service;

/** A restart failed or did not finish in time; the message carries the service's own error. */
public class RestartException extends RuntimeException {

    public RestartException(String message) {
        super(message);
    }

    public RestartException(String message, Throwable cause) {
        super(message, cause);
    }
}
