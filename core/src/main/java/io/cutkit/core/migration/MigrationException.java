package io.cutkit.core.migration;

/** A migration run could not be planned or carried out. The message says what, where and what to do next. */
public class MigrationException extends RuntimeException {

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
