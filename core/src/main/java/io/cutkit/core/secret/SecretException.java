package io.cutkit.core.secret;

/** A secret could not be read, checked or written. Messages never contain secret values. */
public class SecretException extends RuntimeException {

    public SecretException(String message) {
        super(message);
    }

    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
