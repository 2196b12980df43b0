package io.cutkit.preflight;

import java.time.Duration;
import java.util.Objects;

/**
 * What one stage of a dry-run did: ran, was skipped (and what it needs to run), or failed to run (a
 * check that could not complete is itself reported as a finding).
 *
 * @param name the stage, e.g. {@code import}
 * @param status ran, skipped or failed
 * @param elapsed how long it took
 * @param note what it measured, what it needs when skipped, or why it failed
 */
public record StageResult(String name, Status status, Duration elapsed, String note) {

    public StageResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(note, "note");
    }

    /** How a stage ended. */
    public enum Status {
        RAN, SKIPPED, FAILED
    }
}
