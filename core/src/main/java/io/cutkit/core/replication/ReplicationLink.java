package io.cutkit.core.replication;

/**
 * A stream of changes from the current primary into a copy made from a snapshot, with the means to
 * check it, verify it while writes go on, move the writes over with a short freeze, and move them
 * back without losing any. Implementations: native MySQL/MariaDB replication (cutkit-mysql).
 */
public interface ReplicationLink {

    /**
     * Checks what both servers need, then starts the copy replicating from {@code snapshotPosition},
     * the position its snapshot was taken at.
     *
     * @throws ReplicationException naming every unmet requirement, before anything is changed
     */
    void start(ReplicationPosition snapshotPosition);

    /** How far the current replica is behind the current primary. */
    ReplicationLag lag();

    /** Compares primary and replica at one position while writes continue on the primary. */
    LiveVerification verify();

    /**
     * Moves the writes to the replica: refuses while lag is over the limits, then freezes the primary,
     * waits for the replica to catch up, opens the replica and starts reverse replication.
     *
     * @throws SwitchAbortedException when a stage fails; the switch is then undone
     */
    SwitchReport switchOver();

    /**
     * Moves the writes back to the original primary through the reverse stream, the same way.
     *
     * @throws SwitchAbortedException when a stage fails; the rollback is then undone
     */
    SwitchReport rollBack();
}
