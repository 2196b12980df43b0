package io.cutkit.core.data;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A consistent copy of one or more databases at rest: where it is ({@code file:} or {@code gs:}
 * URI), its format, size and SHA-256 (empty when the store does not give one), the databases it
 * holds with their collations, when it was taken and how long that took.
 */
public record Snapshot(
        URI location, String format, long sizeBytes, String sha256, List<DatabaseSpec> databases,
        Instant takenAt, Duration elapsed) {

    public Snapshot {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(sha256, "sha256");
        databases = List.copyOf(databases);
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
