package io.cutkit.core.data;

/** A snapshot could not be taken, read or loaded. The message says where and what to do next. */
public class SnapshotException extends RuntimeException {

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
