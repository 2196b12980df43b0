package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationLag;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.StageTiming;
import io.cutkit.core.replication.SwitchAbortedException;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.core.replication.SwitchStage;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Moves the writes from one server to the one replicating from it, in the order that loses nothing:
 * refuse while lag is over the limits; compare row counts of both sides held at one position while
 * writes go on, and note the replica's own transactions there (both before touching anything); stop
 * writes on the old primary, waiting at most the drain grace for transactions in flight; end the
 * application's connections; only then read the old primary's final position; wait for it on the
 * replica with the server's own wait, within the freeze budget, watching for replication errors;
 * check that the replica got there only by replication (no error, no transaction of its own since the
 * counts); stop replication; read the new primary's position before its first write; open it; start
 * reverse replication. Any failure before the new primary opens undoes what was done (replication
 * resumed, old primary writable) and says why.
 *
 * <p>Why the counts need not be repeated inside the freeze: replication applies row images in strict
 * mode without skipped errors (checked at start), so every transaction between the counted position
 * and the final one either changed both sides alike or stopped replication with an error; with no
 * other writer on the replica, equal counts at the counted position are equal counts at the final
 * one. The freeze therefore does not grow with the data.
 */
final class Switchover {

    private static final Duration WAIT_SLICE = Duration.ofMillis(200);

    private final ReplicationDialect dialect;
    private final Side from;
    private final Side to;
    private final LinkSettings settings;
    private final List<StageTiming> stages = new ArrayList<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();
    private SwitchJournal journal;
    private SwitchStage stage = SwitchStage.CHECK_LAG;
    private long stageStarted = System.nanoTime();

    Switchover(ReplicationDialect dialect, Side from, Side to, LinkSettings settings) {
        this.dialect = dialect;
        this.from = from;
        this.to = to;
        this.settings = settings;
    }

    /** Runs the switch, recording every stage in the link's journal when it has one. */
    SwitchReport run() {
        try (SwitchJournal opened = settings.journal().map(SwitchJournal::open).orElse(null)) {
            journal = opened;
            if (journal != null) {
                journal.started(from, to);
            }
            SwitchReport report;
            try {
                report = runStages();
            } catch (SwitchAbortedException undone) {
                if (journal != null) {
                    journal.ended(SwitchJournal.ABORTED);
                }
                throw undone;
            }
            if (journal != null) {
                journal.ended(SwitchJournal.SWITCHED);
            }
            return report;
        }
    }

    private SwitchReport runStages() {
        checkLag();
        finish(SwitchStage.COUNTS_AT_POSITION);
        String replicaOwnTransactions;
        try {
            replicaOwnTransactions = settings.retrying().call("row counts at one position",
                    () -> OnePosition.read(dialect, from, to, 1, this::compareCountsAt));
            settings.retrying().call("replica catching up after the counts", () -> {
                awaitReplica();
                return null;
            });
            checkLag();
        } catch (SQLException | ReplicationException | Abort e) {
            if (e instanceof SwitchAbortedException aborted) {
                throw aborted;
            }
            throw new SwitchAbortedException(stage, e instanceof SQLException sql ? "error " + sql.getErrorCode() + ": "
                    + sql.getMessage() : e.getMessage(), stages);
        }
        try (Connection old = from.admin().getConnection(); Connection next = to.admin().getConnection()) {
            return freeze(old, next, replicaOwnTransactions);
        } catch (SQLException e) {
            throw new ReplicationException("Cannot connect for the switch " + from + " -> " + to + ": " + e.getMessage(), e);
        }
    }

    private void checkLag() {
        ReplicationLag lag = settings.retrying().get("replication lag", () -> Lag.of(dialect, from, to));
        if (!lag.within(settings.maxBehind(), settings.maxTransactionsBehind())) {
            throw new SwitchAbortedException(stage, to + " is " + lag.describe() + " (limits "
                    + settings.maxBehind().toSeconds() + " s, " + settings.maxTransactionsBehind() + " transactions)",
                    stages);
        }
    }

    /** Gives the replica up to the lag limit to apply what came in while it stood still for the counts. */
    private void awaitReplica() throws SQLException {
        try (Connection primary = from.admin().getConnection(); Connection replica = to.admin().getConnection()) {
            dialect.awaitExecuted(replica, dialect.position(primary), settings.maxBehind());
        }
    }

    /**
     * Compares row counts of both sides at {@code position}; returns the replica's own transactions
     * there. The replica resumes as soon as a consistent-snapshot reader on it holds the position, so
     * it does not fall behind for as long as the counting takes.
     */
    private String compareCountsAt(ReplicationPosition position, List<Connection> primaryReaders, Connection replica)
            throws SQLException {
        String ownTransactions = dialect.ownTransactions(replica);
        try (Connection replicaReader = to.admin().getConnection()) {
            try (Statement s = replicaReader.createStatement()) {
                s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
            }
            dialect.startReplica(replica);
            CompletableFuture<Map<String, Long>> primaryCounts =
                    CompletableFuture.supplyAsync(() -> counts(primaryReaders.get(0)));
            Map<String, Long> replicaCounts = counts(replicaReader);
            Map<String, Long> before;
            try {
                before = primaryCounts.join();
            } catch (CompletionException e) {
                throw (RuntimeException) e.getCause();
            }
            requireEqual(position, before, replicaCounts);
        }
        return ownTransactions;
    }

    private static void requireEqual(ReplicationPosition position, Map<String, Long> before, Map<String, Long> replicaCounts) {
        List<String> differing = new ArrayList<>();
        before.forEach((table, rows) -> {
            Long copied = replicaCounts.get(table);
            if (!rows.equals(copied)) {
                differing.add(table + " " + rows + " -> " + (copied == null ? "missing" : copied));
            }
        });
        if (!differing.isEmpty()) {
            throw new Abort("row counts differ at " + position.describe() + ": " + String.join(", ", differing));
        }
    }

    private SwitchReport freeze(Connection old, Connection next, String replicaOwnTransactions) throws SQLException {
        finish(SwitchStage.STOP_WRITES);
        Instant stopped = Instant.now();
        long freezeStarted = System.nanoTime();
        boolean replicationStopped = false;
        ReplicationPosition oldFinal;
        ReplicationPosition nextStart;
        Instant opened;
        try {
            stopWrites(old);
            finish(SwitchStage.END_CONNECTIONS);
            PrimaryWrites.endConnections(old, settings.applicationUser());
            finish(SwitchStage.FINAL_POSITION);
            oldFinal = dialect.position(old);
            facts.putAll(SwitchJournal.position("oldPrimaryFinal", oldFinal));
            finish(SwitchStage.CATCH_UP);
            catchUp(next, oldFinal, freezeStarted);
            facts.put("caughtUpAt", oldFinal.describe());
            finish(SwitchStage.EXACT_POSITION);
            requireOnlyReplicated(next, replicaOwnTransactions);
            finish(SwitchStage.STOP_REPLICATION);
            dialect.stopReplica(next);
            replicationStopped = true;
            finish(SwitchStage.NEW_PRIMARY_POSITION);
            nextStart = dialect.position(next);
            facts.putAll(SwitchJournal.position("newPrimaryStart", nextStart));
            finish(SwitchStage.OPEN_WRITES); // journaled before the opening: the point of no return
            Duration spent = Duration.ofNanos(System.nanoTime() - freezeStarted);
            if (spent.compareTo(settings.freezeBudget()) > 0) {
                throw new Abort("the freeze budget of " + settings.freezeBudget().toMillis() + " ms ran out ("
                        + spent.toMillis() + " ms)");
            }
            PrimaryWrites.open(next);
            opened = Instant.now();
        } catch (SQLException | Abort | ReplicationException e) {
            String reason = e instanceof SQLException sql ? "error " + sql.getErrorCode() + ": " + sql.getMessage()
                    : e.getMessage();
            undo(old, next, replicationStopped, reason);
            throw new SwitchAbortedException(stage, reason, stages);
        }
        finish(SwitchStage.REVERSE_REPLICATION);
        try {
            dialect.forgetPrimary(next);
            dialect.replicateFrom(old, to.endpoint(), settings.replicationUser(), settings.replicationPassword(), nextStart);
        } catch (SQLException e) {
            throw new ReplicationException(to + " took the writes (freeze " + Duration.between(stopped, opened).toMillis()
                    + " ms), but reverse replication into " + from + " did not start: error " + e.getErrorCode() + ": "
                    + e.getMessage() + "; point it at " + to + " from " + nextStart.describe() + " before any rollback");
        }
        finish(null);
        return new SwitchReport(from.toString(), to.toString(), oldFinal, nextStart, stopped, opened, stages);
    }

    private void stopWrites(Connection old) throws SQLException {
        try {
            PrimaryWrites.stop(old, settings.drainGrace());
        } catch (SQLException lockWaitTimeout) {
            if (lockWaitTimeout.getErrorCode() != 1205) {
                throw lockWaitTimeout;
            }
            // transactions still open after the grace period: end them, then stop writes for good
            PrimaryWrites.endConnections(old, settings.applicationUser());
            PrimaryWrites.stop(old, settings.drainGrace());
        }
    }

    /**
     * Waits for the replica to execute {@code target} within the freeze budget, on {@code next} and,
     * after a transient failure, on new connections (the wait and the status read only read), at most
     * one wait slice apart so that retrying does not overrun the budget.
     */
    private void catchUp(Connection next, ReplicationPosition target, long freezeStarted) throws SQLException {
        Connection[] waiter = {next};
        List<Connection> opened = new ArrayList<>();
        try {
            settings.retrying().waitingAtMost(WAIT_SLICE).call("catch-up wait", () -> {
                if (waiter[0] == null) {
                    waiter[0] = to.admin().getConnection();
                    opened.add(waiter[0]);
                }
                try {
                    awaitCaughtUp(waiter[0], target, freezeStarted);
                    return null;
                } catch (SQLException e) {
                    waiter[0] = null;
                    throw e;
                }
            });
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    private void awaitCaughtUp(Connection next, ReplicationPosition target, long freezeStarted) throws SQLException {
        while (true) {
            Duration left = settings.freezeBudget().minusNanos(System.nanoTime() - freezeStarted);
            if (left.isNegative() || left.isZero()) {
                throw new Abort(to + " did not execute " + target.describe() + " within the freeze budget of "
                        + settings.freezeBudget().toMillis() + " ms; " + Lag.of(dialect, from, to).describe());
            }
            if (dialect.awaitExecuted(next, target, left.compareTo(WAIT_SLICE) < 0 ? left : WAIT_SLICE)) {
                return;
            }
            ReplicaStatus status = dialect.status(next);
            if (status.error().isPresent()) {
                throw new Abort("replication into " + to + " stopped with " + status.error().get());
            }
        }
    }

    private void requireOnlyReplicated(Connection next, String ownTransactionsAtCounts) throws SQLException {
        ReplicaStatus status = dialect.status(next);
        if (status.error().isPresent()) {
            throw new Abort("replication into " + to + " stopped with " + status.error().get());
        }
        String own = dialect.ownTransactions(next);
        if (!own.equals(ownTransactionsAtCounts)) {
            throw new Abort(to + " committed transactions of its own since the row counts (" + ownTransactionsAtCounts
                    + " -> " + own + "); it must take changes only through replication until the switch");
        }
    }

    private Map<String, Long> counts(Connection connection) {
        try {
            return RowCounts.of(connection, settings.databases());
        } catch (SQLException e) {
            throw new ReplicationException("cannot count rows: error " + e.getErrorCode() + ": " + e.getMessage(), e);
        }
    }

    private void undo(Connection old, Connection next, boolean replicationStopped, String reason) {
        try {
            if (replicationStopped) {
                dialect.startReplica(next);
            }
            PrimaryWrites.open(old);
        } catch (SQLException e) {
            throw new ReplicationException("Switch aborted at " + stage + " (" + reason + ") and could not be undone: "
                    + e.getMessage() + "; run SET GLOBAL read_only = 0 on " + from + " and START SLAVE on " + to);
        }
    }

    /**
     * Ends the timing of the running stage and starts {@code following} ({@code null} after the last),
     * journaling both with the facts noted since the last stage.
     */
    private void finish(SwitchStage following) {
        long now = System.nanoTime();
        stages.add(new StageTiming(stage, Duration.ofNanos(now - stageStarted)));
        if (journal != null) {
            journal.stage(stage, following, facts);
        }
        facts.clear();
        stageStarted = now;
        stage = following;
    }

    /** A stage's abort condition, with the reason. */
    private static final class Abort extends RuntimeException {
        Abort(String reason) {
            super(reason, null, false, false);
        }
    }
}
