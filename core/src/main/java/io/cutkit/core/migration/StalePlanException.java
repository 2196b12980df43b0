package io.cutkit.core.migration;

/**
 * The history changed between {@code plan()} and {@code migrate()} (someone else migrated, or rows were
 * edited); nothing was applied. Plan again and review the new plan.
 */
public class StalePlanException extends MigrationException {

    private final long plannedRows;
    private final long actualRows;
    private final String plannedHash;
    private final String actualHash;

    public StalePlanException(long plannedRows, long actualRows, String plannedHash, String actualHash) {
        super("The migration history changed since the plan was made (rows: planned " + plannedRows + ", now "
                + actualRows + "; hash: planned " + plannedHash + ", now " + actualHash
                + "); nothing was applied. Run plan() again and review it before migrating.");
        this.plannedRows = plannedRows;
        this.actualRows = actualRows;
        this.plannedHash = plannedHash;
        this.actualHash = actualHash;
    }

    public long plannedRows() {
        return plannedRows;
    }

    public long actualRows() {
        return actualRows;
    }

    public String plannedHash() {
        return plannedHash;
    }

    public String actualHash() {
        return actualHash;
    }
}
