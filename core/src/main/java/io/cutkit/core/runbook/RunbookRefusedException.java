package io.cutkit.core.runbook;

/**
 * A runbook refused to start (an impossible time window, a journal from another runbook, a
 * previous run that crashed while aborting). Nothing ran.
 */
public final class RunbookRefusedException extends RuntimeException {

    public RunbookRefusedException(String message) {
        super(message);
    }
}
