package io.cutkit.core.numbers;

/** What a plan does with a number whose application or trunk SID overrides the URLs being changed. */
public enum OverrideHandling {
    /**
     * Flag the number as {@link PlanEntry.WouldNotMoveTraffic}; {@link NumberRepointer#apply}
     * then refuses the plan until the override is dealt with. The safe default.
     */
    REFUSE,
    /** Clear the overriding application/trunk SIDs as part of the repoint, so traffic follows the new URLs. */
    CLEAR_OVERRIDE
}
