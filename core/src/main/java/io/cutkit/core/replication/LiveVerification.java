package io.cutkit.core.replication;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The outcome of comparing primary and replica at one replication position while writes went on.
 *
 * @param position the position both sides were read at
 * @param tables tables compared
 * @param bytesPerSide bytes read and compared on each side
 * @param differences tables that differ, each naming its differing keys (up to the link's limit)
 * @param elapsed wall time, replica pause included
 */
public record LiveVerification(ReplicationPosition position, int tables, long bytesPerSide,
                               List<TableDifference> differences, Duration elapsed) {

    public LiveVerification {
        Objects.requireNonNull(position, "position");
        differences = List.copyOf(differences);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Whether every table matched. */
    public boolean matches() {
        return differences.isEmpty();
    }

    /** A summary line, then per differing table a line and its differing keys. */
    public String toText() {
        String head = (matches() ? "MATCH" : differences.size() + " table(s) differ") + " at " + position.describe()
                + ": " + tables + " table(s), " + String.format("%.1f MB per side in %.2f s", bytesPerSide / 1e6,
                elapsed.toNanos() / 1e9);
        return differences.stream().map(TableDifference::describe)
                .collect(Collectors.joining("\n", head + (matches() ? "" : "\n"), ""));
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String describe() {
        return toText();
    }
}
