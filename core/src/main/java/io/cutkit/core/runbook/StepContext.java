package io.cutkit.core.runbook;

import io.cutkit.core.secret.Secret;
import java.util.Map;
import java.util.Optional;

/**
 * What a running step sees: whether this is a rehearsal, its number, facts recorded by earlier
 * steps (also those of an earlier, interrupted run being resumed), and ways to report progress,
 * record facts and abort. Facts go to the journal, so they must never be secret values: use
 * {@link #recordFingerprint(String, Secret)} for secrets.
 */
public interface StepContext {

    /** True in rehearsal mode: the same code runs, and a step may choose to touch only rehearsal targets. */
    boolean isRehearsal();

    /** The running step's number. */
    int stepNumber();

    /** Reports progress; consoles and listeners show it, the journal does not keep it. */
    void progress(String message);

    /** Records a non-secret fact ("source_migrations" = "54") in the journal for later steps and for resumes. */
    void record(String key, String value);

    /** Records a secret's fingerprint (never its value) under {@code key}. */
    default void recordFingerprint(String key, Secret secret) {
        record(key, secret.fingerprint());
    }

    /** A fact recorded by this or an earlier step. */
    Optional<String> fact(String key);

    /** Every fact recorded so far. */
    Map<String, String> facts();

    /** Aborts the step with {@code reason}; never returns. */
    default StepAbortedException abort(String reason) {
        throw new StepAbortedException(stepNumber(), reason);
    }
}
