package io.cutkit.mysql.verify;

/** A verification could not read a database or table; the message names which and what to check. */
public class VerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }

    public VerificationException(String message) {
        super(message);
    }
}
