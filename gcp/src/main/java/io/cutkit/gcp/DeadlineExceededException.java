package io.cutkit.gcp;

import java.time.Duration;

/**
 * Something cutkit waited for (an operation, a revision becoming ready, a quota to clear) did not
 * happen before the caller's deadline. Carries what was awaited, for how long, and the last state
 * seen, so the caller can decide whether to wait again or to give up.
 */
public class DeadlineExceededException extends RuntimeException {

    private final String awaited;
    private final Duration waited;
    private final String lastState;

    public DeadlineExceededException(String awaited, Duration waited, String lastState) {
        super("Gave up waiting for " + awaited + " after " + waited.toMillis() + " ms (last state: " + lastState
                + "). It may still finish on its own: check it in the console or with its get call before retrying, "
                + "or run again with a longer deadline.");
        this.awaited = awaited;
        this.waited = waited;
        this.lastState = lastState;
    }

    public String awaited() {
        return awaited;
    }

    public Duration waited() {
        return waited;
    }

    public String lastState() {
        return lastState;
    }
}
