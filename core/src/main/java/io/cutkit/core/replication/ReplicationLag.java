package io.cutkit.core.replication;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How far a replica is behind its primary, and whether it is applying at all.
 *
 * @param behind the replica's own estimate of its delay (MariaDB {@code Seconds_Behind_Master});
 *     empty when the replica is not applying
 * @param transactions transactions the primary has logged that the replica has not applied yet
 * @param error the replica's last error (the server's message, with its code) when it stopped on
 *     one; empty otherwise
 */
public record ReplicationLag(Optional<Duration> behind, long transactions, Optional<String> error) {

    public ReplicationLag {
        Objects.requireNonNull(behind, "behind");
        Objects.requireNonNull(error, "error");
    }

    /** Whether the replica is applying, without an error, and no further behind than both limits. */
    public boolean within(Duration maxBehind, long maxTransactions) {
        return error.isEmpty() && behind.isPresent() && behind.get().compareTo(maxBehind) <= 0
                && transactions <= maxTransactions;
    }

    /** One line for logs and exceptions. */
    public String describe() {
        return error.map(e -> "replication stopped with an error: " + e)
                .orElseGet(() -> behind.map(d -> d.toSeconds() + " s").orElse("not applying") + " and "
                        + transactions + " transaction(s) behind");
    }
}
