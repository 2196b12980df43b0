package io.cutkit.gcp;

import java.time.Duration;
import java.util.Objects;

/**
 * How long to wait between two polls of a long-running operation or two attempts of a call that
 * was refused for quota: starts at {@code initial}, grows by {@code multiplier}, never exceeds
 * {@code max}. Immutable; free to share.
 */
public record Backoff(Duration initial, double multiplier, Duration max) {

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive, was " + initial);
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("backoff multiplier must be at least 1.0, was " + multiplier);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is shorter than initial " + initial);
        }
    }

    /** 250 ms, growing by 1.5, at most 10 s: suits Cloud SQL and Cloud Run operations. */
    public static Backoff standard() {
        return new Backoff(Duration.ofMillis(250), 1.5, Duration.ofSeconds(10));
    }

    /** The wait that follows {@code current}. */
    public Duration after(Duration current) {
        long nextMillis = (long) Math.ceil(current.toMillis() * multiplier);
        Duration next = Duration.ofMillis(Math.max(nextMillis, initial.toMillis()));
        return next.compareTo(max) > 0 ? max : next;
    }
}
