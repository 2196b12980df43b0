package io.cutkit.core.numbers;

/**
 * What happened to one number during {@link NumberRepointer#apply} or
 * {@link NumberRepointer#rollback}. Every variant says, through {@link #state()}, where that
 * number's traffic goes now, as verified by reading it back.
 */
public sealed interface NumberOutcome permits NumberOutcome.Repointed, NumberOutcome.Unchanged,
        NumberOutcome.NotAttempted, NumberOutcome.Failed, NumberOutcome.RolledBack, NumberOutcome.RollbackFailed {

    NumberId number();

    NumberState state();

    /** Changed and read back equal to the planned route. */
    record Repointed(NumberId number, NumberRoute route) implements NumberOutcome {
        @Override
        public NumberState state() {
            return NumberState.TARGET;
        }
    }

    /** Already on the planned route; nothing was sent. */
    record Unchanged(NumberId number, NumberRoute route) implements NumberOutcome {
        @Override
        public NumberState state() {
            return NumberState.TARGET;
        }
    }

    /** Left alone because the run stopped at an earlier failure; no request was sent for it. */
    record NotAttempted(NumberId number) implements NumberOutcome {
        @Override
        public NumberState state() {
            return NumberState.ORIGINAL;
        }
    }

    /**
     * Its update or its verification failed ({@code error}, never containing credentials);
     * {@code state} is what a read-back found afterwards, {@code observed} that route when it
     * could be read (else null).
     */
    record Failed(NumberId number, String error, NumberState state, NumberRoute observed) implements NumberOutcome {
    }

    /** Restored to the snapshot and read back equal to it. */
    record RolledBack(NumberId number, NumberRoute route) implements NumberOutcome {
        @Override
        public NumberState state() {
            return NumberState.ORIGINAL;
        }
    }

    /**
     * Restoring failed ({@code error}); {@code state} and {@code observed} are what a read-back
     * found (observed is null when the number could not be read).
     */
    record RollbackFailed(NumberId number, String error, NumberState state, NumberRoute observed)
            implements NumberOutcome {
    }
}
