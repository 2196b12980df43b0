package io.cutkit.gcp.dms;

import com.google.cloud.clouddms.v1.MigrationJob;
import com.google.cloud.clouddms.v1.PromoteMigrationJobRequest;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationLag;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.StageTiming;
import io.cutkit.core.replication.SwitchAbortedException;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.core.replication.SwitchStage;
import io.cutkit.gcp.DeadlineExceededException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the writes from the source to the job's destination: refuse unless the job streams (RUNNING,
 * CDC) within the lag limits; make the source read-only and end the application's connections; read
 * the source's final position; wait, within the freeze budget, until the destination has executed it
 * while watching the job for FAILED; promote the job (the service stops replication and makes the
 * destination a standalone primary) and wait for the operation; read the destination's position;
 * check that it takes writes. Any failure before the promotion finished makes the source writable
 * again and says why, with the service's own message.
 */
final class DmsSwitchover {

    private static final Duration WAIT_SLICE = Duration.ofMillis(200);

    private final DmsReplicationLink.Parts parts;
    private final String jobName;
    private final List<StageTiming> stages = new ArrayList<>();
    private SwitchStage stage = SwitchStage.CHECK_LAG;
    private long stageStarted = System.nanoTime();

    DmsSwitchover(DmsReplicationLink.Parts parts, String jobName) {
        this.parts = parts;
        this.jobName = jobName;
    }

    SwitchReport run() {
        MigrationJob job = parts.calls().job(jobName);
        if (!JobStatus.streaming(job)) {
            throw new SwitchAbortedException(stage, JobStatus.describe(job) + "; the switch needs it RUNNING in phase CDC",
                    stages);
        }
        ReplicationLag lag = parts.pair().lag();
        if (!lag.within(parts.maxBehind(), parts.maxTransactionsBehind())) {
            throw new SwitchAbortedException(stage, "the destination is " + lag.describe() + " (limits "
                    + parts.maxBehind().toSeconds() + " s, " + parts.maxTransactionsBehind() + " transactions)", stages);
        }
        finish(SwitchStage.STOP_WRITES);
        Instant stopped = Instant.now();
        long freezeStarted = System.nanoTime();
        ReplicationPosition oldFinal;
        try {
            parts.pair().stopPrimaryWrites(parts.drainGrace(), parts.applicationUser());
            finish(SwitchStage.END_CONNECTIONS);
            parts.pair().endPrimaryConnections(parts.applicationUser());
            finish(SwitchStage.FINAL_POSITION);
            oldFinal = parts.pair().primaryPosition();
            finish(SwitchStage.CATCH_UP);
            catchUp(oldFinal, freezeStarted);
            finish(SwitchStage.EXACT_POSITION);
            requireStreaming();
            finish(SwitchStage.STOP_REPLICATION);
            parts.calls().jobOperation("PromoteMigrationJob " + jobName, () -> parts.client().promoteMigrationJobCallable()
                    .call(PromoteMigrationJobRequest.newBuilder().setName(jobName).build()));
        } catch (ReplicationException | Abort e) {
            throw undo(e.getMessage());
        } catch (DeadlineExceededException e) {
            throw undo(e.getMessage() + " The promotion may still finish: let no application write to the destination"
                    + " until the job is COMPLETED or FAILED");
        }
        finish(SwitchStage.NEW_PRIMARY_POSITION);
        ReplicationPosition newStart = parts.pair().replicaPosition();
        finish(SwitchStage.OPEN_WRITES);
        if (parts.pair().replicaReadOnly()) {
            throw new ReplicationException("The migration job " + jobName + " was promoted, but the destination is still"
                    + " read-only; the source is read-only too. Set the destination's read_only flag off (Cloud SQL:"
                    + " gcloud sql instances patch --database-flags) and point the application at it");
        }
        Instant opened = Instant.now();
        finish(null);
        return new SwitchReport(parts.sourceName(), parts.destinationName(), oldFinal, newStart, stopped, opened, stages);
    }

    private void catchUp(ReplicationPosition target, long freezeStarted) {
        while (true) {
            Duration left = parts.freezeBudget().minusNanos(System.nanoTime() - freezeStarted);
            if (left.isNegative() || left.isZero()) {
                throw new Abort("the destination did not execute " + target.describe() + " within the freeze budget of "
                        + parts.freezeBudget().toMillis() + " ms; " + parts.pair().lag().describe());
            }
            if (parts.pair().awaitExecuted(target, left.compareTo(WAIT_SLICE) < 0 ? left : WAIT_SLICE)) {
                return;
            }
            requireStreaming();
        }
    }

    private void requireStreaming() {
        MigrationJob job = parts.calls().job(jobName);
        if (!JobStatus.streaming(job)) {
            throw new Abort(JobStatus.describe(job));
        }
    }

    private SwitchAbortedException undo(String reason) {
        try {
            parts.pair().openPrimaryWrites();
        } catch (ReplicationException e) {
            throw new ReplicationException("Switch aborted at " + stage + " (" + reason + ") and the source could not be"
                    + " made writable again: " + e.getMessage() + "; run SET GLOBAL read_only = 0 on the source");
        }
        return new SwitchAbortedException(stage, reason, stages);
    }

    /** Ends the timing of the running stage and starts {@code following} ({@code null} after the last). */
    private void finish(SwitchStage following) {
        long now = System.nanoTime();
        stages.add(new StageTiming(stage, Duration.ofNanos(now - stageStarted)));
        stageStarted = now;
        stage = following;
    }

    /** A stage's abort condition, with the reason. */
    private static final class Abort extends RuntimeException {
        Abort(String reason) {
            super(reason, null, false, false);
        }
    }
}
