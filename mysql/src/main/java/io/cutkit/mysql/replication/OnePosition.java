package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds a primary and its replica at one position while the primary keeps taking writes: the
 * replica stops applying; the primary opens consistent-snapshot readers under a brief
 * {@code FLUSH TABLES WITH READ LOCK} and notes its position; the replica applies exactly up to that
 * position ({@code START SLAVE UNTIL}) and waits there while both are read; the replica then resumes
 * (a reading that holds the replica's position in a snapshot of its own may resume it earlier).
 */
final class OnePosition {

    private static final Duration REACH_POSITION = Duration.ofMinutes(2);
    private static final Duration WAIT_SLICE = Duration.ofMillis(200);
    private static final Duration UNTIL_STOP = Duration.ofSeconds(5);
    private static final int LOCK_WAIT_SECONDS = 5;

    /** What is read from both sides at the position. */
    interface Reading<T> {
        T read(ReplicationPosition position, List<Connection> primaryReaders, Connection replica) throws SQLException;
    }

    private OnePosition() {
    }

    static <T> T read(ReplicationDialect dialect, Side primary, Side replica, int readerCount, Reading<T> reading)
            throws SQLException {
        List<Connection> readers = new ArrayList<>();
        try (Connection replicaConnection = replica.admin().getConnection()) {
            dialect.stopReplica(replicaConnection);
            try (Connection coordinator = primary.admin().getConnection()) {
                ReplicationPosition position = openReaders(dialect, primary, coordinator, readers, readerCount);
                dialect.startUntil(replicaConnection, position);
                reach(dialect, replica, replicaConnection, position);
                return reading.read(position, readers, replicaConnection);
            } finally {
                closeAll(readers);
                dialect.startReplica(replicaConnection);
            }
        }
    }

    private static void reach(ReplicationDialect dialect, Side replica, Connection replicaConnection,
                              ReplicationPosition position) throws SQLException {
        long deadline = System.nanoTime() + REACH_POSITION.toNanos();
        while (!dialect.awaitExecuted(replicaConnection, position, WAIT_SLICE)) {
            ReplicaStatus status = dialect.status(replicaConnection);
            if (status.error().isPresent()) {
                throw new ReplicationException("Replication into " + replica + " stopped with " + status.error().get()
                        + " before " + position.describe());
            }
            if (System.nanoTime() > deadline) {
                throw new ReplicationException("The replica " + replica + " did not reach " + position.describe()
                        + " within " + REACH_POSITION.toSeconds() + " s: " + status);
            }
        }
        // the position counts as executed a moment before the UNTIL clause stops the applier; a START
        // in that moment would be a no-op, and the applier would stay stopped after it
        long stopDeadline = System.nanoTime() + UNTIL_STOP.toNanos();
        while (dialect.status(replicaConnection).applying() && System.nanoTime() < stopDeadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReplicationException("Interrupted while the replica " + replica + " stopped at "
                        + position.describe());
            }
        }
    }

    private static ReplicationPosition openReaders(ReplicationDialect dialect, Side primary, Connection coordinator,
                                                   List<Connection> readers, int count) throws SQLException {
        try (Statement lock = coordinator.createStatement()) {
            lock.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
            lock.execute("FLUSH TABLES WITH READ LOCK");
            try {
                for (int i = 0; i < count; i++) {
                    Connection reader = primary.admin().getConnection();
                    readers.add(reader);
                    try (Statement s = reader.createStatement()) {
                        s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                    }
                }
                return dialect.position(coordinator);
            } finally {
                lock.execute("UNLOCK TABLES");
            }
        }
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a read-only snapshot transaction: nothing is lost with it
            }
        }
    }
}
