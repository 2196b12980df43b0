package io.cutkit.crypto.jdbc;

/**
 * Receives a {@link ColumnReencryptor}'s events as they happen, on the worker's thread. An
 * exception thrown here aborts the run: thrown from {@link #chunkRead} it rolls the chunk back,
 * thrown from {@link #chunkCommitted} the chunk is already durable. Either way the next run
 * resumes from the last committed chunk.
 */
public interface ReencryptionListener {

    /** A chunk's rows (primary keys {@code firstKey..lastKey}) were read; nothing of it is written yet. */
    default void chunkRead(long firstKey, long lastKey, int rows) {
    }

    /** A chunk and its checkpoint were committed; {@code progress} holds the run's totals so far. */
    default void chunkCommitted(ReencryptionProgress progress) {
    }

    /** Does nothing. */
    static ReencryptionListener none() {
        return new ReencryptionListener() {
        };
    }
}
