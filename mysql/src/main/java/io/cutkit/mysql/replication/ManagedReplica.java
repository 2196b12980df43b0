package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationLag;
import io.cutkit.core.replication.ReplicationPosition;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A primary and a replica whose replication a managed service runs (Google's Database Migration
 * Service, for one): cutkit reads the replica's lag, waits for it to execute a position and stops
 * or opens writes on the primary over JDBC, but never changes the replication itself. The same
 * statements {@link NativeReplicationLink} uses, for adapters in other modules.
 */
public final class ManagedReplica {

    private final Side primary;
    private final Side replica;
    private ReplicationDialect dialect;

    /**
     * @param primaryAdmin an administrator's connections to the primary
     * @param primaryEndpoint where the primary is, for messages
     * @param replicaAdmin connections to the replica that may read its replication status
     * @param replicaEndpoint where the replica is, for messages
     */
    public ManagedReplica(DataSource primaryAdmin, ReplicationEndpoint primaryEndpoint, DataSource replicaAdmin,
                          ReplicationEndpoint replicaEndpoint) {
        this.primary = new Side("source", Objects.requireNonNull(primaryAdmin, "primaryAdmin"),
                Objects.requireNonNull(primaryEndpoint, "primaryEndpoint"));
        this.replica = new Side("target", Objects.requireNonNull(replicaAdmin, "replicaAdmin"),
                Objects.requireNonNull(replicaEndpoint, "replicaEndpoint"));
    }

    /** How far the replica trails the primary, by its own estimate and in transactions. */
    public ReplicationLag lag() {
        return Lag.of(dialect(), primary, replica);
    }

    /** The primary's current position; after {@link #stopPrimaryWrites} its final one. */
    public ReplicationPosition primaryPosition() {
        return position(primary);
    }

    /** The replica's own position in its binary log, e.g. where a stream from it would start. */
    public ReplicationPosition replicaPosition() {
        return position(replica);
    }

    /** Waits at most {@code timeout} for the replica to execute {@code position}; false when it has not. */
    public boolean awaitExecuted(ReplicationPosition position, Duration timeout) {
        try (Connection c = replica.admin().getConnection()) {
            return dialect().awaitExecuted(c, position, timeout);
        } catch (SQLException e) {
            throw failure("wait for " + position.describe() + " on " + replica, e);
        }
    }

    /** The replica's last replication error, with its code; empty when it has none. */
    public Optional<String> replicaError() {
        try (Connection c = replica.admin().getConnection()) {
            return dialect().status(c).error();
        } catch (SQLException e) {
            throw failure("read the replication status of " + replica, e);
        }
    }

    /**
     * Makes the primary read-only ({@code super_read_only} too where the server has it), letting
     * transactions in flight finish for at most {@code drainGrace}, then ending the connections of
     * {@code applicationUser} that still hold one and trying again.
     */
    public void stopPrimaryWrites(Duration drainGrace, String applicationUser) {
        try (Connection c = primary.admin().getConnection()) {
            try {
                PrimaryWrites.stop(c, drainGrace);
            } catch (SQLException lockWaitTimeout) {
                if (lockWaitTimeout.getErrorCode() != 1205) {
                    throw lockWaitTimeout;
                }
                PrimaryWrites.endConnections(c, applicationUser);
                PrimaryWrites.stop(c, drainGrace);
            }
        } catch (SQLException e) {
            throw failure("stop writes on " + primary, e);
        }
    }

    /** Ends every connection of {@code applicationUser} to the primary; returns how many. */
    public int endPrimaryConnections(String applicationUser) {
        try (Connection c = primary.admin().getConnection()) {
            return PrimaryWrites.endConnections(c, applicationUser);
        } catch (SQLException e) {
            throw failure("end the connections of '" + applicationUser + "' on " + primary, e);
        }
    }

    /** Makes the primary take writes again. */
    public void openPrimaryWrites() {
        try (Connection c = primary.admin().getConnection()) {
            PrimaryWrites.open(c);
        } catch (SQLException e) {
            throw failure("open writes on " + primary, e);
        }
    }

    /** Whether the replica refuses writes ({@code read_only}). */
    public boolean replicaReadOnly() {
        try (Connection c = replica.admin().getConnection()) {
            return PrimaryWrites.readOnly(c);
        } catch (SQLException e) {
            throw failure("read read_only on " + replica, e);
        }
    }

    private ReplicationPosition position(Side side) {
        try (Connection c = side.admin().getConnection()) {
            return dialect().position(c);
        } catch (SQLException e) {
            throw failure("read the position of " + side, e);
        }
    }

    private ReplicationDialect dialect() {
        if (dialect == null) {
            try (Connection c = primary.admin().getConnection()) {
                dialect = ReplicationDialect.of(c);
            } catch (SQLException e) {
                throw failure("reach " + primary, e);
            }
        }
        return dialect;
    }

    private static ReplicationException failure(String what, SQLException e) {
        return new ReplicationException("Cannot " + what + ": error " + e.getErrorCode() + ": " + e.getMessage(), e);
    }

    @Override
    public String toString() {
        return "ManagedReplica[" + primary + " -> " + replica + "]";
    }
}
