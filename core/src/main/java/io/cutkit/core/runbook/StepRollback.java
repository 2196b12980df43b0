package io.cutkit.core.runbook;

/**
 * Undoes a step. Runs when a later step (or the step itself) aborts before the point of no return,
 * so it must cope with the step having done only part of its work.
 */
@FunctionalInterface
public interface StepRollback {

    void rollback(StepContext context) throws Exception;
}
