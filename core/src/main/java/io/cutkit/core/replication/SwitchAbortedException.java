package io.cutkit.core.replication;

import java.util.List;

/**
 * A switch stopped before the new primary took writes, and was undone: the old primary takes writes
 * again and replication into the other server runs as before. The message says at which stage and why.
 */
public class SwitchAbortedException extends ReplicationException {

    private final SwitchStage stage;
    private final List<StageTiming> stagesRun;

    public SwitchAbortedException(SwitchStage stage, String reason, List<StageTiming> stagesRun) {
        super("Switch aborted at " + stage + ": " + reason + (stage.compareTo(SwitchStage.STOP_WRITES) < 0
                ? "; nothing was changed" : "; undone, the old primary takes writes again"));
        this.stage = stage;
        this.stagesRun = List.copyOf(stagesRun);
    }

    /** The stage that failed. */
    public SwitchStage stage() {
        return stage;
    }

    /** The stages that completed before it, timed. */
    public List<StageTiming> stagesRun() {
        return stagesRun;
    }
}
