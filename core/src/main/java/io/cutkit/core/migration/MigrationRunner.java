package io.cutkit.core.migration;

/**
 * Applies migrations with fork-aware bookkeeping. {@link #plan()} reads the history and the available
 * migrations and says, for each, what will happen and why; {@link #migrate(MigrationPlan)} carries out
 * exactly that plan, under a database lock, and refuses if the history changed since the plan was made.
 *
 * <p>Planning costs one read of each history table and one hash of each migration's content. Migrating
 * costs the migrations themselves plus one history write per migration.
 */
public interface MigrationRunner {

    /** Reads the history and the migrations; changes nothing. Throws {@link MigrationException} when either cannot be read. */
    MigrationPlan plan();

    /**
     * Applies {@code plan}'s {@link PlanEntry.Apply} entries in order. Throws {@link PlanConflictException}
     * if the plan has conflicts, {@link StalePlanException} if the history changed since planning,
     * {@link MigrationLockTimeoutException} if another runner holds the lock too long,
     * {@link GuardRefusedException} if a guard refuses, and {@link MigrationFailedException} naming the
     * failing statement and those that already took effect.
     */
    MigrationResult migrate(MigrationPlan plan);

    /**
     * Plans and applies under one lock, so a second runner started at the same time waits and then finds
     * nothing left to do. Throws as {@link #migrate(MigrationPlan)}, except never {@link StalePlanException}.
     */
    MigrationResult migrate();
}
