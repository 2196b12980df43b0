package io.cutkit.core.runbook;

/** What a step does. Throwing aborts the step (and, before the point of no return, the run). */
@FunctionalInterface
public interface StepAction {

    void run(StepContext context) throws Exception;
}
