package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.secret.Secret;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/** The replication statements that differ between MariaDB and MySQL. */
interface ReplicationDialect {

    /** The dialect of the server {@code connection} talks to. */
    static ReplicationDialect of(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1).contains("MariaDB") ? new MariaDbDialect() : new MySqlDialect();
        }
    }

    ReplicationPosition.Flavour flavour();

    /** The server's current position in its own binary log; call it when nothing can commit. */
    ReplicationPosition position(Connection connection) throws SQLException;

    /**
     * The position of the consistent snapshot the connection's transaction reads, without any lock;
     * empty when the server cannot say.
     */
    Optional<ReplicationPosition> snapshotPosition(Connection connection) throws SQLException;

    /** Points the server at {@code primary}, starting after {@code from}, and starts replication. */
    void replicateFrom(Connection replica, ReplicationEndpoint primary, String user, Secret password,
                       ReplicationPosition from) throws SQLException;

    void startReplica(Connection replica) throws SQLException;

    void stopReplica(Connection replica) throws SQLException;

    /** Forgets the replica's primary, so that it never starts replicating from it again by accident. */
    void forgetPrimary(Connection replica) throws SQLException;

    /** Starts replication that stops by itself right after {@code position}. */
    void startUntil(Connection replica, ReplicationPosition position) throws SQLException;

    /** The server's own wait until the replica has executed {@code position}; false on timeout. */
    boolean awaitExecuted(Connection replica, ReplicationPosition position, Duration timeout) throws SQLException;

    ReplicaStatus status(Connection replica) throws SQLException;

    /** Transactions in {@code primaryPosition} that the replica has not executed yet. */
    long transactionsBehind(Connection replica, ReplicationPosition primaryPosition) throws SQLException;

    /**
     * The transactions the server wrote itself rather than replicated (its own GTIDs); it changes
     * whenever anything writes on the server directly. Empty when the server does not use GTIDs.
     */
    String ownTransactions(Connection connection) throws SQLException;

    /** Name of the server variable that says whether a replica stops at a row it cannot apply ({@code STRICT}). */
    String execModeVariable();

    /** Name of the server variable that lists replication errors the replica skips. */
    String skipErrorsVariable();

    /** Name of the server variable that says whether replicated changes are logged. */
    String logReplicaUpdatesVariable();
}
