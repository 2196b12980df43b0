package io.cutkit.mysql.schema;

/**
 * A recreate was refused before anything was dropped; the message says why and what to do. The
 * subclasses carry the details as fields.
 */
public class RecreateRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RecreateRefusedException(String message) {
        super(message);
    }

    public RecreateRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
