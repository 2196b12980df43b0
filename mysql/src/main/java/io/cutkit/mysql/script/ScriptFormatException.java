package io.cutkit.mysql.script;

import io.cutkit.core.data.SnapshotException;

/**
 * A script cannot be read as the {@code mariadb} client reads it: a string or comment runs to the end
 * of the input (a truncated file), or a {@code DELIMITER} command is malformed. Carries where it happened.
 */
public class ScriptFormatException extends SnapshotException {

    private final long offset;
    private final long line;

    public ScriptFormatException(String message, long offset, long line) {
        super(message + " (line " + line + ", byte offset " + offset + ")");
        this.offset = offset;
        this.line = line;
    }

    /** A failure whose {@code message} already says where; for subclasses that add to another's message. */
    protected ScriptFormatException(String message, long offset, long line, Throwable cause) {
        super(message, cause);
        this.offset = offset;
        this.line = line;
    }

    /** Byte offset in the (uncompressed) input where the problem starts. */
    public long offset() {
        return offset;
    }

    /** 1-based line where the problem starts. */
    public long line() {
        return line;
    }
}
