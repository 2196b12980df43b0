package io.cutkit.core.numbers;

import java.util.List;

/**
 * {@link NumberRepointer#apply} refused a plan before touching any number: some repoints would
 * not move traffic (an application or trunk overrides the URLs), or some numbers changed since the
 * snapshot so a rollback could not restore what is there now.
 */
public class RepointRefusedException extends RepointException {

    private final List<NumberId> wouldNotMoveTraffic;
    private final List<NumberId> changedSinceSnapshot;

    public RepointRefusedException(String message, List<NumberId> wouldNotMoveTraffic,
            List<NumberId> changedSinceSnapshot) {
        super(message);
        this.wouldNotMoveTraffic = List.copyOf(wouldNotMoveTraffic);
        this.changedSinceSnapshot = List.copyOf(changedSinceSnapshot);
    }

    /** Numbers whose traffic an override would keep on its current destination. */
    public List<NumberId> wouldNotMoveTraffic() {
        return wouldNotMoveTraffic;
    }

    /** Numbers whose live route no longer matches the plan's snapshot. */
    public List<NumberId> changedSinceSnapshot() {
        return changedSinceSnapshot;
    }
}
