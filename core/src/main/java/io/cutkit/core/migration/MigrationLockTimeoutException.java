package io.cutkit.core.migration;

import java.time.Duration;

/** Another runner held the migration lock longer than the configured wait; nothing was applied. */
public class MigrationLockTimeoutException extends MigrationException {

    private final String lockName;
    private final Duration waited;

    public MigrationLockTimeoutException(String lockName, Duration waited) {
        super("Could not take migration lock '" + lockName + "' within " + waited.toMillis()
                + " ms: another runner is migrating this database. Wait for it to finish, or raise lockWait.");
        this.lockName = lockName;
        this.waited = waited;
    }

    public String lockName() {
        return lockName;
    }

    public Duration waited() {
        return waited;
    }
}
