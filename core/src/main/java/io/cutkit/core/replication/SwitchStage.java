package io.cutkit.core.replication;

/** The steps of a switch of the primary, in the order they run. */
public enum SwitchStage {
    /** The replica must be applying and within the lag limits; nothing has been changed yet. */
    CHECK_LAG,
    /**
     * Row counts of every table compared with both sides held at one position while writes go on,
     * and the replica's own transactions noted; nothing has been changed yet.
     */
    COUNTS_AT_POSITION,
    /** The old primary stops taking writes ({@code read_only}), waiting briefly for transactions in flight. */
    STOP_WRITES,
    /** The application's remaining connections to the old primary are ended. */
    END_CONNECTIONS,
    /** The old primary's last position is read, only now that nothing can write. */
    FINAL_POSITION,
    /** The replica executes up to that position, waited for with the server's own wait. */
    CATCH_UP,
    /**
     * The replica reached the final position only by replication: no replication error and no
     * transaction of its own since the counts, so the counts still match.
     */
    EXACT_POSITION,
    /** Replication into the new primary is stopped. */
    STOP_REPLICATION,
    /** The new primary's position is read before it takes a write, for the reverse stream. */
    NEW_PRIMARY_POSITION,
    /** The new primary takes writes. */
    OPEN_WRITES,
    /** The old primary replicates from the new one, so going back loses nothing. */
    REVERSE_REPLICATION
}
