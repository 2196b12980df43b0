package io.cutkit.crypto.jdbc;

import java.time.Duration;

/**
 * Totals of one {@link ColumnReencryptor#run()} so far (or at its end): chunks committed, rows
 * scanned, values re-encrypted, values already under the new key, rows a concurrent writer
 * changed between read and write (re-read and handled, never overwritten), the last committed
 * primary key, and where the run resumed ({@code null} for a fresh start).
 */
public record ReencryptionProgress(
        String job, Shard shard, Long resumedAfterKey, long chunks, long rowsScanned, long valuesReencrypted,
        long valuesAlreadyCurrent, long concurrentWrites, Long lastKey, boolean finished, Duration elapsed) {

    /** Rows scanned per second of wall time. */
    public double rowsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : rowsScanned / seconds;
    }

    @Override
    public String toString() {
        return job + " " + shard + (finished ? " finished" : " at key " + lastKey) + ": " + chunks + " chunks, "
                + rowsScanned + " rows, " + valuesReencrypted + " re-encrypted, " + valuesAlreadyCurrent
                + " already current, " + concurrentWrites + " concurrent writes, "
                + String.format("%.0f rows/s", rowsPerSecond())
                + (resumedAfterKey == null ? "" : ", resumed after key " + resumedAfterKey);
    }
}
