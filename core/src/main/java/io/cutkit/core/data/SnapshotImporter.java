package io.cutkit.core.data;

/**
 * Loads a snapshot into an explicitly named target database. A snapshot that would land somewhere
 * else (a {@code USE} or {@code CREATE DATABASE} inside a dump) is rewritten or refused by the
 * implementation, never silently followed.
 */
public interface SnapshotImporter {

    /**
     * Loads {@code snapshot} into {@code targetDatabase}.
     *
     * @throws SnapshotException when the snapshot is unreadable, would land elsewhere, or a statement fails
     */
    ImportOutcome importInto(Snapshot snapshot, String targetDatabase);
}
