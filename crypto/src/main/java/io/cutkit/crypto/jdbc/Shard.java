package io.cutkit.crypto.jdbc;

import java.math.BigInteger;
import java.util.Map;

/**
 * One worker's share of a job: task {@code index} of {@code count}. Workers with the same count
 * and distinct indexes split a primary-key range into contiguous, disjoint parts that together
 * cover it exactly.
 */
public record Shard(int index, int count) {

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard index must be in [0, count) and count at least 1; got index "
                    + index + " of " + count);
        }
    }

    /** The whole range in one worker. */
    public static Shard single() {
        return new Shard(0, 1);
    }

    /** From {@code CLOUD_RUN_TASK_INDEX} and {@code CLOUD_RUN_TASK_COUNT} (a Cloud Run Job's tasks); {@link #single()} when unset. */
    public static Shard fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #fromEnvironment()}, reading {@code environment}. */
    public static Shard fromEnvironment(Map<String, String> environment) {
        String index = environment.get("CLOUD_RUN_TASK_INDEX");
        String count = environment.get("CLOUD_RUN_TASK_COUNT");
        if (index == null && count == null) {
            return single();
        }
        try {
            return new Shard(Integer.parseInt(index == null ? "0" : index.trim()), Integer.parseInt(count == null ? "1" : count.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("CLOUD_RUN_TASK_INDEX / CLOUD_RUN_TASK_COUNT must be integers; got '"
                    + index + "' / '" + count + "'", e);
        }
    }

    /**
     * This shard's inclusive part of {@code [from, to]}: the first shard starts at {@code from},
     * the last ends at {@code to}, and part {@code i} is {@code [from + span*i/count, from + span*(i+1)/count - 1]}.
     * Empty parts (more shards than keys) come back with {@code first > last}.
     */
    public KeyRange part(long from, long to) {
        BigInteger lo = BigInteger.valueOf(from);
        BigInteger span = BigInteger.valueOf(to).subtract(lo).add(BigInteger.ONE);
        BigInteger n = BigInteger.valueOf(count);
        long first = lo.add(span.multiply(BigInteger.valueOf(index)).divide(n)).longValueExact();
        long last = lo.add(span.multiply(BigInteger.valueOf(index + 1L)).divide(n))
                .subtract(BigInteger.ONE).longValueExact();
        return new KeyRange(first, last);
    }

    /** An inclusive range of integer primary keys. */
    public record KeyRange(long first, long last) {
        public boolean isEmpty() {
            return first > last;
        }
    }

    @Override
    public String toString() {
        return "shard " + index + "/" + count;
    }
}
