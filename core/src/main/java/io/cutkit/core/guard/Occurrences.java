package io.cutkit.core.guard;

import java.util.List;

/** How many values of one kind a scan found, and the primary keys of the first few (in key order). */
public record Occurrences(long count, List<String> firstIds) {

    public Occurrences {
        firstIds = List.copyOf(firstIds);
    }

    /** None found. */
    public static Occurrences none() {
        return new Occurrences(0, List.of());
    }

    @Override
    public String toString() {
        return count == 0 ? "0" : count + " (first ids " + String.join(", ", firstIds) + ")";
    }
}
