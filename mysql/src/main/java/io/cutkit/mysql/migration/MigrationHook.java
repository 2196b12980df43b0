package io.cutkit.mysql.migration;

import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.MigrationResult;
import io.cutkit.core.migration.PlanEntry;

import java.sql.Connection;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Called around a run and around each migration, on the connection that holds the migration lock. An
 * exception from {@link #beforeRun} or {@link #beforeMigration} refuses: the run stops before the next
 * migration starts ({@code GuardRefusedException}). An exception from an {@code after} method stops the run
 * too, after the migration it follows was recorded.
 */
public interface MigrationHook {

    /** A name for messages; defaults to the class's simple name. */
    default String name() {
        return getClass().getSimpleName();
    }

    default void beforeRun(MigrationPlan plan, Connection connection) throws Exception {
    }

    default void beforeMigration(PlanEntry.Apply migration, Connection connection) throws Exception {
    }

    default void afterMigration(MigrationResult.Applied applied, Connection connection) throws Exception {
    }

    default void afterRun(MigrationResult result, Connection connection) throws Exception {
    }

    /** A hook that runs {@code guard} before every migration matching {@code appliesTo}. */
    static MigrationHook guard(String name, Predicate<PlanEntry.Apply> appliesTo, MigrationGuard guard) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(appliesTo, "appliesTo");
        Objects.requireNonNull(guard, "guard");
        return new MigrationHook() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void beforeMigration(PlanEntry.Apply migration, Connection connection) throws Exception {
                if (appliesTo.test(migration)) {
                    guard.check(connection, migration);
                }
            }
        };
    }

    /** A guard for every migration. */
    static MigrationHook guard(String name, MigrationGuard guard) {
        return guard(name, m -> true, guard);
    }
}
