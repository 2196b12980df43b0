package io.cutkit.gcp.run;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.run.v2.Condition;
import com.google.cloud.run.v2.Execution;
import com.google.cloud.run.v2.TasksClient;
import com.google.cloud.run.v2.JobName;
import com.google.cloud.run.v2.JobsClient;
import com.google.cloud.run.v2.RunJobRequest;
import com.google.cloud.run.v2.Task;
import com.google.longrunning.Operation;
import com.google.protobuf.InvalidProtocolBufferException;
import io.cutkit.core.service.RestartException;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.BoundedPoll;
import io.cutkit.gcp.DeadlineExceededException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs a Cloud Run Job with a task count (how migrations and sharded re-encryption run at scale),
 * waits for its execution with backoff and a deadline, and reports each task. Costs one RunJob
 * call, polling, and one ListTasks. Throws {@link OperationFailedException} when Cloud Run reports
 * the run failed, {@link RestartException} when the job cannot be run or does not finish by the
 * deadline; failed tasks are reported in the returned {@link JobRun}, not thrown.
 */
public final class CloudRunJobLauncher {

    private final JobsClient jobs;
    private final TasksClient tasks;
    private final Backoff backoff;

    private CloudRunJobLauncher(JobsClient jobs, TasksClient tasks, Backoff backoff) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
    }

    public static CloudRunJobLauncher of(JobsClient jobs, TasksClient tasks) {
        return new CloudRunJobLauncher(jobs, tasks, Backoff.standard());
    }

    public CloudRunJobLauncher withBackoff(Backoff pollBackoff) {
        return new CloudRunJobLauncher(jobs, tasks, pollBackoff);
    }

    /** Runs {@code job} with {@code taskCount} tasks and waits up to {@code deadline}. */
    public JobRun run(JobName job, int taskCount, Duration deadline) {
        if (taskCount < 1) {
            throw new IllegalArgumentException("taskCount must be at least 1, was " + taskCount);
        }
        long start = System.nanoTime();
        BoundedPoll poll = BoundedPoll.of(backoff, deadline);
        RunJobRequest request = RunJobRequest.newBuilder().setName(job.toString())
                .setOverrides(RunJobRequest.Overrides.newBuilder().setTaskCount(taskCount)).build();
        try {
            Operation started;
            try {
                started = jobs.runJobCallable().call(request);
            } catch (ApiException e) {
                throw new RestartException("Could not run Cloud Run job " + job + ": " + e.getStatusCode().getCode()
                        + " (" + e.getMessage() + "); check the job name and grant the caller roles/run.invoker "
                        + "or roles/run.developer, then run again.", e);
            }
            Operation done = OperationWaiter.await("Run of job " + job, started, jobs.getOperationsClient(), poll);
            Execution execution = done.getResponse().unpack(Execution.class);
            List<JobRun.TaskReport> reports = new ArrayList<>();
            for (Task task : tasks.listTasks(execution.getName()).iterateAll()) {
                boolean ok = task.getConditionsList().stream().anyMatch(c -> c.getType().equals("Completed")
                        && c.getState() == Condition.State.CONDITION_SUCCEEDED);
                reports.add(new JobRun.TaskReport(task.getIndex(), task.getName(), ok,
                        task.getLastAttemptResult().getExitCode(), task.getRetried(),
                        task.getLastAttemptResult().getStatus().getMessage()));
            }
            reports.sort(Comparator.comparingInt(JobRun.TaskReport::index));
            return new JobRun(execution.getName(), execution.getTaskCount(), reports,
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (DeadlineExceededException e) {
            throw new RestartException("Job " + job + " did not finish within " + deadline + ": " + e.getMessage(), e);
        } catch (InvalidProtocolBufferException e) {
            throw new RestartException("Cloud Run returned a run of " + job + " without an execution: " + e.getMessage(), e);
        } catch (ApiException e) {
            throw new RestartException("Could not list the tasks of the run of " + job + ": "
                    + e.getStatusCode().getCode() + " (" + e.getMessage() + "); the run itself finished.", e);
        }
    }
}
