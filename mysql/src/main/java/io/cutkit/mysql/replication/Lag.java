package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationLag;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** Reads how far a replica trails its primary: the replica's own delay estimate and the GTID difference. */
final class Lag {

    private Lag() {
    }

    static ReplicationLag of(ReplicationDialect dialect, Side primary, Side replica) {
        try (Connection p = primary.admin().getConnection(); Connection r = replica.admin().getConnection()) {
            ReplicaStatus status = dialect.status(r);
            if (!status.configured()) {
                return new ReplicationLag(Optional.empty(), 0, Optional.of(replica + " does not replicate from anything"));
            }
            long transactions = dialect.transactionsBehind(r, dialect.position(p));
            Optional<Duration> behind = status.receiving() && status.applying()
                    ? status.secondsBehind().map(Duration::ofSeconds) : Optional.empty();
            return new ReplicationLag(behind, transactions, status.error());
        } catch (SQLException e) {
            throw new ReplicationException("Cannot read the lag of " + replica + " behind " + primary + ": "
                    + e.getMessage(), e);
        }
    }
}
