package io.cutkit.core.migration;

import java.util.Optional;

/**
 * A hook acting as a guard refused; the run stopped before {@link #migration()} started (empty when the
 * guard refused the whole run). Migrations before it in the plan were applied and recorded.
 */
public class GuardRefusedException extends MigrationException {

    private final String guard;
    private final Optional<String> migration;

    public GuardRefusedException(String guard, Optional<String> migration, Throwable cause) {
        super("Guard '" + guard + "' refused " + migration.map(m -> "migration " + m).orElse("the run")
                + "; it was not started: " + cause.getMessage(), cause);
        this.guard = guard;
        this.migration = migration;
    }

    public String guard() {
        return guard;
    }

    public Optional<String> migration() {
        return migration;
    }
}
