package io.cutkit.preflight;

import java.util.Optional;

/**
 * One stage of a dry-run, in the order the cutover meets it. A stage reads the plan and what earlier
 * stages left in the {@link DryRunState}, adds findings, and returns a one-line note of what it did.
 */
interface Stage {

    /** The stage's short name in reports, e.g. {@code import}. */
    String name();

    /** Why the stage does not run for this plan (e.g. {@code "needs --target"}), or empty when it runs. */
    Optional<String> missing(DryRunState state);

    /** Runs the stage; a thrown exception is reported as a failed stage and an {@code other} finding. */
    String run(DryRunState state) throws Exception;
}
