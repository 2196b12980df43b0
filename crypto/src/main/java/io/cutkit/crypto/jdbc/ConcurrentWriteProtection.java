package io.cutkit.crypto.jdbc;

/**
 * How a {@link ColumnReencryptor} keeps concurrent application writes from being overwritten.
 * Both only ever replace the value they read; they differ in who waits.
 */
public enum ConcurrentWriteProtection {
    /**
     * Reads without locks and updates a row only while it still holds the envelopes read
     * ({@code WHERE id = ? AND value = old}); a row changed meanwhile is re-read and handled again.
     * The application never waits; each UPDATE carries the old values too (slower).
     */
    COMPARE_AND_SET,
    /**
     * Reads each chunk with {@code SELECT ... FOR UPDATE}, so the values read cannot change before
     * the chunk commits; application writes to those rows wait for that one transaction
     * (milliseconds for a chunk of 1000 rows). Updates are plain, close to the database's floor.
     */
    LOCK_CHUNK
}
