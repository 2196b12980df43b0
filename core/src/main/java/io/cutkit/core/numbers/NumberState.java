package io.cutkit.core.numbers;

/** Where a number's traffic goes after an operation, as last read back from the provider. */
public enum NumberState {
    /** Exactly the route recorded in the snapshot. */
    ORIGINAL,
    /** Exactly the route the plan asked for. */
    TARGET,
    /** Neither, or the number could not be read back: check it by hand. */
    UNKNOWN
}
