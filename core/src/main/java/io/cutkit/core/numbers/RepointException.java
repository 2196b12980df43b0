package io.cutkit.core.numbers;

/** Base of every error a {@link NumberRepointer} throws; messages never contain credentials. */
public class RepointException extends RuntimeException {

    public RepointException(String message) {
        super(message);
    }

    public RepointException(String message, Throwable cause) {
        super(message, cause);
    }
}
