package io.cutkit.mysql.dump;

import io.cutkit.core.data.SnapshotException;
import java.util.List;

/**
 * A dump that leaves foreign key checks on loaded rows whose foreign key has no parent row: the
 * {@code mariadb} / {@code mysql} client would have stopped with error 1452, so the import fails
 * without changing the target. {@link #orphans()} names each constraint and its first orphan keys.
 */
public class ForeignKeyViolationException extends SnapshotException {

    private final List<ForeignKeyOrphans> orphans;

    public ForeignKeyViolationException(String source, List<ForeignKeyOrphans> orphans, String targetState) {
        super(source + " holds rows that violate foreign keys (the mysql client stops there with error 1452): "
                + String.join("; ", orphans.stream().map(ForeignKeyOrphans::describe).toList()) + "; " + targetState
                + ". Load the parent rows, or turn the checks off in the dump (SET FOREIGN_KEY_CHECKS=0) to load them anyway");
        this.orphans = List.copyOf(orphans);
    }

    /** Each violated constraint with its first orphan keys. */
    public List<ForeignKeyOrphans> orphans() {
        return orphans;
    }
}
