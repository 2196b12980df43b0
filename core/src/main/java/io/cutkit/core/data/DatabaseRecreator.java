package io.cutkit.core.data;

/**
 * Drops and recreates a target database with a source's character set and collation (field
 * report blockers 1 and 4: truncating tables is not enough when a dump selects its own database,
 * and a target's default collation differs from the source's).
 */
public interface DatabaseRecreator {

    /**
     * Recreates {@code targetDatabase} with {@code like}'s character set and collation. Refuses,
     * before dropping anything, a target that is not the configured one or a collation the server
     * lacks.
     */
    RecreateOutcome recreateLike(DatabaseSpec like, String targetDatabase);
}
