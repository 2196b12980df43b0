package io.cutkit.core.preflight;

/**
 * How much a {@link Finding} matters for the cutover, most severe first.
 */
public enum Severity {
    /** The cutover would fail, lose data or show ciphertext: fix it before the window. */
    P0("fix before the window"),
    /** Needs a step or a decision in the runbook. */
    P1("needs a runbook step or decision"),
    /** Hygiene: worth fixing, does not block. */
    P2("hygiene");

    private final String meaning;

    Severity(String meaning) {
        this.meaning = meaning;
    }

    /** What this severity asks of the team, e.g. {@code "fix before the window"}. */
    public String meaning() {
        return meaning;
    }

    /** True when this severity is {@code other} or more severe ({@code P0.atLeast(P1)} is true). */
    public boolean atLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
