package io.cutkit.mysql.dump;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a running export is: rows and bytes written, the rows expected (from the server's table
 * statistics, so approximate), time spent and the estimated time left (empty until rows have moved).
 */
public record ExportProgress(long rows, long bytes, long expectedRows, Duration elapsed, Optional<Duration> eta) {

    static ExportProgress of(long rows, long bytes, long expectedRows, long startedNanos) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        Optional<Duration> eta = Optional.empty();
        if (rows > 0 && expectedRows > rows) {
            eta = Optional.of(Duration.ofNanos((long) (elapsed.toNanos() * ((double) (expectedRows - rows) / rows))));
        } else if (rows > 0) {
            eta = Optional.of(Duration.ZERO);
        }
        return new ExportProgress(rows, bytes, expectedRows, elapsed, eta);
    }
}
