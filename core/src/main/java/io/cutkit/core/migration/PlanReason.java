package io.cutkit.core.migration;

/** Why a plan treats a migration the way it does. Every {@link PlanEntry} carries exactly one. */
public enum PlanReason {
    /** The history holds a row with this migration's name (or, for version-only histories, version). */
    APPLIED,
    /** Not in the history and its version is above everything applied. */
    PENDING,
    /** Same version as an applied migration with another name: the two sides of a fork both used it. */
    COLLISION,
    /** Same content as an applied migration recorded under another name; not run again. */
    RENAMED,
    /** In the history but no migration with that name is available here: listed and skipped. */
    FOREIGN,
    /** Applied under this name, but the recorded checksum differs from the content here. */
    CHECKSUM_CHANGED,
    /** Not in the history and its version is below the highest applied version. */
    OUT_OF_ORDER,
    /** A previous attempt failed or was interrupted part-way; some of its statements may have taken effect. */
    PREVIOUSLY_FAILED
}
