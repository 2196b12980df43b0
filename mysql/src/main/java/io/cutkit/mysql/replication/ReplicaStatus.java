package io.cutkit.mysql.replication;

import java.util.Optional;

/**
 * A replica's own report on its replication threads ({@code SHOW SLAVE STATUS} / {@code SHOW REPLICA STATUS}).
 *
 * @param configured whether the server replicates from anything at all
 * @param receiving whether the receiver (IO) thread runs
 * @param applying whether the applier (SQL) thread runs
 * @param secondsBehind the server's delay estimate; empty while it is not applying
 * @param error the last receiver or applier error with its code; empty when none
 */
record ReplicaStatus(boolean configured, boolean receiving, boolean applying, Optional<Long> secondsBehind,
                     Optional<String> error) {

    static final ReplicaStatus NOT_CONFIGURED = new ReplicaStatus(false, false, false, Optional.empty(), Optional.empty());
}
