package io.cutkit.gcp;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Polls until a probe reports a result or a deadline passes, sleeping with a {@link Backoff}
 * between probes. Costs one probe per wait; never sleeps past the deadline.
 */
public final class BoundedPoll {

    /** One look at the awaited thing: a result when done, otherwise a description of its state. */
    public sealed interface Probe<T> {
        record Done<T>(T result) implements Probe<T> {
        }

        record Pending<T>(String state) implements Probe<T> {
        }
    }

    private final Backoff backoff;
    private final Duration deadline;

    private BoundedPoll(Backoff backoff, Duration deadline) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.deadline = Objects.requireNonNull(deadline, "deadline");
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive, was " + deadline);
        }
    }

    /** A poll that gives up after {@code deadline}. */
    public static BoundedPoll of(Backoff backoff, Duration deadline) {
        return new BoundedPoll(backoff, deadline);
    }

    public static <T> Probe<T> done(T result) {
        return new Probe.Done<>(result);
    }

    public static <T> Probe<T> pending(String state) {
        return new Probe.Pending<>(state);
    }

    /**
     * Probes until done.
     *
     * @throws DeadlineExceededException when the deadline passes first
     * @throws IllegalStateException when interrupted (the interrupt flag is restored)
     */
    public <T> T await(String awaited, Supplier<Probe<T>> probe) {
        long start = System.nanoTime();
        long limit = start + deadline.toNanos();
        Duration wait = backoff.initial();
        String lastState = "not polled yet";
        while (true) {
            Probe<T> seen = probe.get();
            if (seen instanceof Probe.Done<T> done) {
                return done.result();
            }
            lastState = ((Probe.Pending<T>) seen).state();
            long now = System.nanoTime();
            if (now >= limit) {
                throw new DeadlineExceededException(awaited, Duration.ofNanos(now - start), lastState);
            }
            long sleepNanos = Math.min(wait.toNanos(), limit - now);
            try {
                Thread.sleep(Duration.ofNanos(sleepNanos).toMillis(), (int) (sleepNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + awaited, e);
            }
            wait = backoff.after(wait);
        }
    }

    public Duration deadline() {
        return deadline;
    }

    @Override
    public String toString() {
        return "BoundedPoll[" + backoff + ", deadline " + deadline + "]";
    }
}
