package io.cutkit.examples;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The field report's blockers a rehearsal can inject, each with the step whose guard must stop it,
 * that guard's name (which the abort message names) and, for those step 1's dry-run finds, the
 * finding's class. Every blocker that shows in data is stopped at step 1, before anything changes;
 * only {@link #STALE_SECRET} waits for step 8, since a pinned secret version shows only in what the
 * restarted service serves. {@link #NONE} injects nothing.
 */
public enum Blocker {
    NONE("none", 0, "", ""),
    /** The import follows the dump's {@code USE}: the data would land in the contractor's database name. */
    USE_MISMATCH("use-mismatch", 1, "cutkit dry-run", "use-mismatch"),
    /** The destination database is recreated with the server's default collation instead of the source's. */
    COLLATION("collation", 1, "cutkit dry-run", "collation"),
    /** The fork's migrations keep the numbers 046 and 047, which the contractor also used. */
    MIGRATION_COLLISION("migration-collision", 1, "cutkit dry-run", "migration-collision"),
    /** The new code's models narrow {@code leads.referenceId} below values live data holds. */
    NARROWING_SYNC("narrowing-sync", 1, "cutkit dry-run", "narrowing"),
    /** The source service's key differs from the one the data was encrypted with by one character. */
    WRONG_KEY("wrong-key", 1, "cutkit dry-run", "wrong-key"),
    /** The value about to be piped into the secret store is a placeholder. */
    PLACEHOLDER_SECRET("placeholder-secret", 1, "cutkit dry-run", "placeholder-secret"),
    /** The DEFINER account of the view and trigger does not exist on the destination. */
    MISSING_DEFINER("missing-definer", 1, "cutkit dry-run", "missing-definer"),
    /** A column the dedup migration expects in plaintext holds envelopes. */
    CIPHERTEXT_IN_PLAINTEXT("ciphertext-in-plaintext", 1, "cutkit dry-run", "ciphertext-in-plaintext"),
    /** One number has a SIP trunk, which overrides its voice URLs. */
    NUMBER_OVERRIDE("number-override", 1, "cutkit dry-run", "number-override"),
    /** The new service keeps the secret version it started with, so restarting does not pick up the key. */
    STALE_SECRET("stale-secret", 8, "SmokeCheck", "");

    private final String cliName;
    private final int step;
    private final String guard;
    private final String findingClass;

    Blocker(String cliName, int step, String guard, String findingClass) {
        this.cliName = cliName;
        this.step = step;
        this.guard = guard;
        this.findingClass = findingClass;
    }

    /** The class id of the dry-run finding that stops it at step 1, empty when another guard does. */
    public String findingClass() {
        return findingClass;
    }

    /** The name on the command line ({@code --inject wrong-key}). */
    public String cliName() {
        return cliName;
    }

    /** The step whose guard stops this blocker (0 for {@link #NONE}). */
    public int step() {
        return step;
    }

    /** The guard that stops it, as its abort message names it. */
    public String guard() {
        return guard;
    }

    /** The blocker called {@code name} on the command line, if there is one. */
    public static Optional<Blocker> byCliName(String name) {
        return Arrays.stream(values()).filter(b -> b.cliName.equals(name)).findFirst();
    }

    /** Every valid name, comma separated, for usage messages. */
    public static String validNames() {
        return Arrays.stream(values()).map(Blocker::cliName).collect(Collectors.joining(", "));
    }
}
