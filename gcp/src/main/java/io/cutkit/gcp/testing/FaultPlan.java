package io.cutkit.gcp.testing;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which calls of a stand-in fail, with what, and how many times. Calls are named as the API names
 * its methods ({@code AddSecretVersion}, {@code UpdateService}, {@code instances.export}); the name
 * {@code *} matches every call. Thread-safe; each stand-in owns one.
 */
public final class FaultPlan {

    /** Matches every call. */
    public static final String ANY_CALL = "*";

    private record Entry(Fault fault, int remaining) {
    }

    private final Map<String, Deque<Entry>> planned = new HashMap<>();
    private final Map<String, Integer> counts = new HashMap<>();

    /** The next {@code times} calls of {@code call} fail with {@code fault}; later calls succeed. */
    public synchronized FaultPlan failNext(String call, Fault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, was " + times);
        }
        planned.computeIfAbsent(call, c -> new ArrayDeque<>()).addLast(new Entry(fault, times));
        return this;
    }

    /** Every call of {@code call} fails with {@code fault} until {@link #clear()}. */
    public synchronized FaultPlan failAlways(String call, Fault fault) {
        planned.computeIfAbsent(call, c -> new ArrayDeque<>()).addLast(new Entry(fault, -1));
        return this;
    }

    /** Removes every planned fault. */
    public synchronized void clear() {
        planned.clear();
    }

    /** How many times {@code call} reached the stand-in, faults included. */
    public synchronized int callCount(String call) {
        return counts.getOrDefault(call, 0);
    }

    /** Records a call of {@code call} and returns the fault to answer it with, if any. */
    public synchronized Optional<Fault> next(String call) {
        counts.merge(call, 1, Integer::sum);
        Optional<Fault> specific = take(call);
        return specific.isPresent() ? specific : take(ANY_CALL);
    }

    /**
     * Answers one unary gRPC call named {@code call}: with its planned fault if there is one, else with what
     * {@code work} returns while holding {@code lock} (the stand-in's state), or with the status it throws.
     */
    <T> void answer(String call, Object lock, StreamObserver<T> observer, Supplier<T> work) {
        Fault fault = next(call).orElse(null);
        if (fault != null) {
            observer.onError(Status.fromCode(fault.grpcCode()).withDescription(fault.describe(call)).asRuntimeException());
            return;
        }
        T result;
        try {
            synchronized (lock) {
                result = work.get();
            }
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        }
        observer.onNext(result);
        observer.onCompleted();
    }

    private Optional<Fault> take(String key) {
        Deque<Entry> queue = planned.get(key);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Entry head = queue.peekFirst();
        if (head.remaining() > 0) {
            queue.pollFirst();
            if (head.remaining() > 1) {
                queue.addFirst(new Entry(head.fault(), head.remaining() - 1));
            }
        }
        return Optional.of(head.fault());
    }

    @Override
    public synchronized String toString() {
        return "FaultPlan" + planned;
    }
}
