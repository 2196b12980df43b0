package io.cutkit.twilio.testing;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults a {@link TwilioStandIn} injects into the requests it receives, the way Twilio misbehaves
 * in production: rate limiting with Retry-After, server errors, latency, and numbers that reject
 * updates. Thread-safe; each setter replaces the previous setting of that kind.
 */
public final class StandInFaults {

    private final AtomicInteger tooManyRequestsLeft = new AtomicInteger();
    private final AtomicInteger retryAfterSeconds = new AtomicInteger(1);
    private final AtomicInteger tooManyUpdatesLeft = new AtomicInteger();
    private final AtomicInteger serverErrorsLeft = new AtomicInteger();
    private final AtomicReference<Duration> latency = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger failingNth = new AtomicInteger();
    private final AtomicInteger failingNthStatus = new AtomicInteger();
    private final Set<String> updatedNumbers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger updatedCount = new AtomicInteger();
    private final Map<String, Integer> rejectingNumbers = new ConcurrentHashMap<>();

    StandInFaults() {
    }

    /** The next {@code count} requests (of any kind) get 429 with {@code Retry-After: retryAfterSeconds}. */
    public StandInFaults tooManyRequests(int count, int retryAfterSeconds) {
        this.retryAfterSeconds.set(retryAfterSeconds);
        tooManyRequestsLeft.set(count);
        return this;
    }

    /** The next {@code count} updates (POSTs) get 429 with {@code Retry-After: retryAfterSeconds}; reads pass. */
    public StandInFaults tooManyUpdates(int count, int retryAfterSeconds) {
        this.retryAfterSeconds.set(retryAfterSeconds);
        tooManyUpdatesLeft.set(count);
        return this;
    }

    /** The next {@code count} requests (of any kind) get 500. */
    public StandInFaults serverErrors(int count) {
        serverErrorsLeft.set(count);
        return this;
    }

    /** Every request waits {@code delay} before it is answered. */
    public StandInFaults latency(Duration delay) {
        latency.set(Objects.requireNonNull(delay, "delay"));
        return this;
    }

    /**
     * The {@code n}-th distinct number to receive an update (counted from now, in arrival order)
     * rejects that update and every later one with {@code status} (e.g. 500, or 400).
     */
    public StandInFaults failNthUpdatedNumber(int n, int status) {
        updatedNumbers.clear();
        updatedCount.set(0);
        failingNthStatus.set(status);
        failingNth.set(n);
        return this;
    }

    /** Every update of number {@code sid} is rejected with {@code status}. */
    public StandInFaults rejectUpdatesOf(String sid, int status) {
        rejectingNumbers.put(sid, status);
        return this;
    }

    /** Removes every fault. */
    public StandInFaults clear() {
        tooManyRequestsLeft.set(0);
        tooManyUpdatesLeft.set(0);
        serverErrorsLeft.set(0);
        latency.set(Duration.ZERO);
        failingNth.set(0);
        updatedNumbers.clear();
        updatedCount.set(0);
        rejectingNumbers.clear();
        return this;
    }

    Duration latency() {
        return latency.get();
    }

    /** Retry-After seconds if this request is to be rate limited, else -1. */
    int takeTooManyRequests(boolean update) {
        boolean limited = tooManyRequestsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0
                || update && tooManyUpdatesLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
        return limited ? retryAfterSeconds.get() : -1;
    }

    boolean takeServerError() {
        return serverErrorsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    /** The status to reject an update of {@code sid} with, or 0 to accept it. */
    synchronized int updateRejection(String sid) {
        Integer rejecting = rejectingNumbers.get(sid);
        if (rejecting != null) {
            return rejecting;
        }
        int nth = failingNth.get();
        if (nth > 0 && updatedNumbers.add(sid) && updatedCount.incrementAndGet() == nth) {
            rejectingNumbers.put(sid, failingNthStatus.get());
            return failingNthStatus.get();
        }
        return 0;
    }
}
