package io.cutkit.mysql.migration;

import io.cutkit.core.migration.PlanEntry;

import java.sql.Connection;

/**
 * A check that must pass before a migration starts (e.g. a ciphertext guard before a dedup migration, a
 * schema drift guard before an ALTER). Throwing refuses: the run stops before that migration.
 */
@FunctionalInterface
public interface MigrationGuard {

    /** Throws, with a message saying what is wrong and what to do, to stop the run before {@code migration}. */
    void check(Connection connection, PlanEntry.Apply migration) throws Exception;
}
