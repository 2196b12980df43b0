package io.cutkit.gcp.dms;

import com.google.cloud.clouddms.v1.MigrationJob;
import java.util.Optional;

/** What a migration job's state, phase and error say about the stream it runs. */
final class JobStatus {

    private JobStatus() {
    }

    /** Whether the job streams changes: RUNNING in phase CDC. */
    static boolean streaming(MigrationJob job) {
        return job.getState() == MigrationJob.State.RUNNING && job.getPhase() == MigrationJob.Phase.CDC;
    }

    /** The job's failure in the service's words; empty unless it is FAILED. */
    static Optional<String> failure(MigrationJob job) {
        if (job.getState() != MigrationJob.State.FAILED) {
            return Optional.empty();
        }
        return Optional.of("migration job " + job.getName() + " FAILED"
                + (job.hasError() ? ": " + job.getError().getMessage() : " without an error message"));
    }

    /** One line: state, phase and, when failed, the error. */
    static String describe(MigrationJob job) {
        return failure(job).orElse("migration job " + job.getName() + " is " + job.getState() + " in phase "
                + job.getPhase());
    }
}
