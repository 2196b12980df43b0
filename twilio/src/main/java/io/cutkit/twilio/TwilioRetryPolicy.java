package io.cutkit.twilio;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link TwilioTransport} retries a request answered with 429 or 5xx, or that failed to
 * connect: at most {@code maxAttempts} attempts in all; after a 429 it waits what Retry-After
 * says (giving up when that exceeds {@code maxRetryAfter}), otherwise an exponential, jittered
 * backoff from {@code initialBackoff} up to {@code maxBackoff}. The defaults ride out a short
 * storm of rate limiting within about half a minute per request.
 */
public record TwilioRetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

    public TwilioRetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1 (1 means no retry), was " + maxAttempts);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    /** 6 attempts, 200 ms doubling to 5 s, Retry-After honoured up to 30 s. */
    public static TwilioRetryPolicy defaults() {
        return new TwilioRetryPolicy(6, Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** A single attempt: errors are returned as they come. */
    public static TwilioRetryPolicy none() {
        return new TwilioRetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ZERO);
    }

    public TwilioRetryPolicy withMaxAttempts(int attempts) {
        return new TwilioRetryPolicy(attempts, initialBackoff, maxBackoff, maxRetryAfter);
    }
}
