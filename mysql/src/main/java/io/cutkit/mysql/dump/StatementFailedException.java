package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.ScriptStatement;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.mysql.Redaction;
import java.sql.SQLException;

/**
 * A statement of a dump failed on the target: says which file, byte offset and line, the server's
 * error code and message, and the statement's first 200 characters, with password literals blanked
 * ({@link Redaction}).
 */
public class StatementFailedException extends SnapshotException {

    private final String source;
    private final long offset;
    private final long line;
    private final String statementPreview;
    private final int errorCode;

    public StatementFailedException(String source, ScriptStatement statement, SQLException cause) {
        super("Statement at " + source + " line " + statement.line() + " (byte offset " + statement.offset()
                + ") failed with error " + cause.getErrorCode() + " (" + Redaction.statement(cause.getMessage()) + "): "
                + Redaction.statement(statement.preview(200)), Redaction.sqlException(cause));
        this.source = source;
        this.offset = statement.offset();
        this.line = statement.line();
        this.statementPreview = Redaction.statement(statement.preview(200));
        this.errorCode = cause.getErrorCode();
    }

    /**
     * A {@code LOAD DATA} of chunk file {@code source} failed or warned; {@code line} is the chunk's
     * line (one row per line) the server named, 0 when it named none; the offset is then unknown (-1).
     */
    public StatementFailedException(String source, long line, String statementPreview, int errorCode, String problem,
            Throwable cause) {
        super("Loading " + source + (line > 0 ? " line " + line : "") + " failed: " + Redaction.statement(problem)
                + "; statement: " + Redaction.statement(statementPreview), cause);
        this.source = source;
        this.offset = -1;
        this.line = line;
        this.statementPreview = Redaction.statement(statementPreview);
        this.errorCode = errorCode;
    }

    private StatementFailedException(StatementFailedException failure, String message) {
        super(message, failure.getCause());
        this.source = failure.source;
        this.offset = failure.offset;
        this.line = failure.line;
        this.statementPreview = failure.statementPreview;
        this.errorCode = failure.errorCode;
    }

    /**
     * This failure of a load that ran in the {@code staging} database, its message naming {@code target}
     * where the server named the staging database (as for the client's load) and ending with what the
     * target holds after it ({@code targetState}).
     */
    StatementFailedException withTargetState(String targetState, String staging, String target) {
        return new StatementFailedException(this, getMessage().replace(staging, target) + "; " + targetState);
    }

    public String source() {
        return source;
    }

    /** Byte offset of the statement in the file, -1 for a chunk file loaded as a whole. */
    public long offset() {
        return offset;
    }

    public long line() {
        return line;
    }

    /** The statement's first 200 characters. */
    public String statementPreview() {
        return statementPreview;
    }

    /** The server's error number (e.g. 1449, 1273). */
    public int errorCode() {
        return errorCode;
    }
}
