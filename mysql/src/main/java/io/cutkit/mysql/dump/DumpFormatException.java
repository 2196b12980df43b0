package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.ScriptFormatException;

/**
 * A dump cannot be read: a string or comment runs to the end of the input (a truncated file), the
 * bytes are not a dump, a chunk line or a manifest is malformed. Carries where it happened.
 */
public class DumpFormatException extends ScriptFormatException {

    public DumpFormatException(String message, long offset, long line) {
        super(message, offset, line);
    }

    private DumpFormatException(ScriptFormatException failure, String targetState) {
        super(failure.getMessage() + "; " + targetState, failure.offset(), failure.line(), failure);
    }

    /** {@code failure}, its message ending with what the target of an import holds after it ({@code targetState}). */
    static DumpFormatException withTargetState(ScriptFormatException failure, String targetState) {
        return new DumpFormatException(failure, targetState);
    }
}
