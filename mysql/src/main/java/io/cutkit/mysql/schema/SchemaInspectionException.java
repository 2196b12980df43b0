package io.cutkit.mysql.schema;

/** A schema could not be read or a check query failed; the message names the database and the next step. */
public class SchemaInspectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SchemaInspectionException(String message) {
        super(message);
    }

    public SchemaInspectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
