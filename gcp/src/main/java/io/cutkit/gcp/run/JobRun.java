package io.cutkit.gcp.run;

import java.time.Duration;
import java.util.List;

/**
 * What a Cloud Run Job execution did: its name, each task's report (index order) and how long the
 * launcher waited. {@link #succeeded()} is true only when every task exited 0.
 */
public record JobRun(String execution, int taskCount, List<TaskReport> tasks, Duration elapsed) {

    public JobRun {
        tasks = List.copyOf(tasks);
    }

    /** One task: its index, exit code, how often it was retried, and Cloud Run's message when it failed. */
    public record TaskReport(int index, String name, boolean succeeded, int exitCode, int retried, String message) {
    }

    public boolean succeeded() {
        return tasks.size() == taskCount && tasks.stream().allMatch(TaskReport::succeeded);
    }

    public List<TaskReport> failedTasks() {
        return tasks.stream().filter(t -> !t.succeeded()).toList();
    }

    @Override
    public String toString() {
        return execution + ": " + (taskCount - failedTasks().size()) + "/" + taskCount + " task(s) succeeded in "
                + elapsed.toMillis() + " ms" + (failedTasks().isEmpty() ? "" : ", failed: "
                + failedTasks().stream().map(t -> "#" + t.index() + " exit " + t.exitCode()).toList());
    }
}
