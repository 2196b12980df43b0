package io.cutkit.core.data;

/**
 * What a recreate did or, on a dry run, would do: the database as created and whether an existing
 * one was dropped.
 */
public record RecreateOutcome(DatabaseSpec created, boolean droppedExisting, boolean dryRun, String summary) {
}
