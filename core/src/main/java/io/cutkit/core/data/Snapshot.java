package io.cutkit.core.data;

import io.cutkit.core.replication.ReplicationPosition;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consistent copy of one or more databases at rest: where it is ({@code file:} or {@code gs:}
 * URI), its format, size and SHA-256 (empty when the store does not give one), the databases it
 * holds with their collations, when it was taken, how long that took, and the source's replication
 * position at the snapshot's instant when the exporter could read it exactly (a replica started from
 * there misses and repeats nothing).
 */
public record Snapshot(
        URI location, String format, long sizeBytes, String sha256, List<DatabaseSpec> databases,
        Instant takenAt, Duration elapsed, Optional<ReplicationPosition> position) {

    public Snapshot {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        databases = List.copyOf(databases);
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(position, "position");
    }

    /** A snapshot without a known replication position. */
    public Snapshot(URI location, String format, long sizeBytes, String sha256, List<DatabaseSpec> databases,
                    Instant takenAt, Duration elapsed) {
        this(location, format, sizeBytes, sha256, databases, takenAt, elapsed, Optional.empty());
    }
}
