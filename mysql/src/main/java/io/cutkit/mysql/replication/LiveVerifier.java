package io.cutkit.mysql.replication;

import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.TableDifference;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.TableComparison;
import io.cutkit.mysql.verify.VerificationReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares primary and replica at one position while the primary keeps taking writes, the way
 * Vitess's VDiff does: the replica stops applying; the primary opens consistent-snapshot readers
 * under a brief {@code FLUSH TABLES WITH READ LOCK} and notes its position; the replica applies
 * exactly up to that position ({@code START SLAVE UNTIL}) and waits there; both sides are read by
 * {@link DatabaseVerifier} (primary-key ranges, binary key order for the first differing key); the
 * replica then resumes.
 */
final class LiveVerifier {

    private static final Duration REACH_POSITION = Duration.ofMinutes(2);
    private static final int LOCK_WAIT_SECONDS = 5;

    private LiveVerifier() {
    }

    static LiveVerification verify(ReplicationDialect dialect, Side primary, Side replica, LinkSettings settings) {
        long started = System.nanoTime();
        List<Connection> readers = new ArrayList<>();
        try (Connection replicaConnection = replica.admin().getConnection()) {
            dialect.stopReplica(replicaConnection);
            try (Connection coordinator = primary.admin().getConnection()) {
                ReplicationPosition position = openReaders(dialect, primary, coordinator, readers,
                        settings.verifyConnections());
                dialect.startUntil(replicaConnection, position);
                if (!dialect.awaitExecuted(replicaConnection, position, REACH_POSITION)) {
                    throw new ReplicationException("The replica " + replica + " did not reach " + position.describe()
                            + " within " + REACH_POSITION.toSeconds() + " s to be verified: "
                            + dialect.status(replicaConnection));
                }
                return compare(position, new PinnedConnections(readers), replica, settings, started);
            } finally {
                closeAll(readers);
                dialect.startReplica(replicaConnection);
            }
        } catch (SQLException e) {
            throw new ReplicationException("Live verification of " + settings.databases() + " failed: " + e.getMessage()
                    + "; replication into " + replica + " was resumed", e);
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

    private static LiveVerification compare(ReplicationPosition position, PinnedConnections primary, Side replica,
                                            LinkSettings settings, long started) {
        DatabaseVerifier verifier = DatabaseVerifier.builder().parallelism(settings.verifyConnections()).build();
        List<TableDifference> differences = new ArrayList<>();
        int tables = 0;
        long bytes = 0;
        for (String database : settings.databases()) {
            VerificationReport report = verifier.compare(primary, database, replica.admin(), database);
            tables += report.tables().size();
            bytes += report.sourceBytes();
            for (TableComparison t : report.differences()) {
                differences.add(new TableDifference(database, t.table(), t.verdict().name(), t.sourceRows(),
                        t.targetRows(), t.firstDifferingKey()));
            }
        }
        return new LiveVerification(position, tables, bytes, differences, Duration.ofNanos(System.nanoTime() - started));
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
