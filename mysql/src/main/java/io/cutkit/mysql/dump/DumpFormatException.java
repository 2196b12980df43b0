package io.cutkit.mysql.dump;

import io.cutkit.core.data.SnapshotException;

/**
 * A dump cannot be read as SQL: a string or comment runs to the end of the input (a truncated
 * file), the bytes are not a dump, or a client command is malformed. Carries where it happened.
 */
public class DumpFormatException extends SnapshotException {

    private final long offset;
    private final long line;

    public DumpFormatException(String message, long offset, long line) {
        super(message + " (line " + line + ", byte offset " + offset + ")");
        this.offset = offset;
        this.line = line;
    }

    private DumpFormatException(DumpFormatException failure, String targetState) {
        super(failure.getMessage() + "; " + targetState, failure.getCause());
        this.offset = failure.offset;
        this.line = failure.line;
    }

    /** This failure, its message ending with what the target of an import holds after it ({@code targetState}). */
    DumpFormatException withTargetState(String targetState) {
        return new DumpFormatException(this, targetState);
    }

    /** Byte offset in the uncompressed input where the problem starts. */
    public long offset() {
        return offset;
    }

    /** 1-based line where the problem starts. */
    public long line() {
        return line;
    }
}
