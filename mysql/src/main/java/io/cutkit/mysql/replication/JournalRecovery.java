package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.mysql.replication.SwitchJournal.LastSwitch;
import io.cutkit.mysql.replication.SwitchRecovery.Action;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Brings a switch that died with its controlling process to one end, from its journal: before the
 * point of no return (the new primary had not started opening) it is undone, since every
 * acknowledged write is on the old primary; at or after it, it is completed, since the new primary
 * may have acknowledged writes, which the old one then replicates. Every step looks at the server
 * first or is harmless when repeated, so recovery itself may die and be run again.
 */
final class JournalRecovery {

    private final ReplicationDialect dialect;
    private final Side source;
    private final Side target;
    private final LinkSettings settings;

    JournalRecovery(ReplicationDialect dialect, Side source, Side target, LinkSettings settings) {
        this.dialect = dialect;
        this.source = source;
        this.target = target;
        this.settings = settings;
    }

    SwitchRecovery recover(Path path) {
        Optional<LastSwitch> found = SwitchJournal.readLast(path);
        if (found.isEmpty()) {
            return new SwitchRecovery(Action.NONE, source.name(), "the journal " + path + " records no switch");
        }
        LastSwitch last = found.get();
        Side from = side(last.from());
        Side to = side(last.to());
        String which = "the switch " + from + " -> " + to;
        if (last.outcome().isPresent()) {
            String outcome = last.outcome().get();
            boolean moved = outcome.equals(SwitchJournal.SWITCHED) || outcome.equals(SwitchJournal.RECOVERED_COMPLETED);
            return new SwitchRecovery(Action.NONE, (moved ? to : from).name(), which + " ended (" + outcome
                    + "); nothing to do");
        }
        String where = last.lastDone().map(s -> "after " + s + " was done").orElse("before its first stage was done");
        try (SwitchJournal journal = SwitchJournal.open(path); Connection old = from.admin().getConnection();
             Connection next = to.admin().getConnection()) {
            if (last.pastPointOfNoReturn()) {
                ReplicationPosition start = last.newPrimaryStart().orElseThrow(() -> new ReplicationException(
                        "The journal " + path + " passed the point of no return without the new primary's position;"
                                + " check both servers by hand"));
                complete(old, next, to, start);
                journal.ended(SwitchJournal.RECOVERED_COMPLETED);
                return new SwitchRecovery(Action.COMPLETED, to.name(), which + " died " + where
                        + ", past the point of no return: completed; " + to + " takes writes, " + from
                        + " is read-only and replicates from it from " + start.describe() + replicationState(old));
            }
            undo(old, next);
            journal.ended(SwitchJournal.RECOVERED_UNDONE);
            return new SwitchRecovery(Action.UNDONE, from.name(), which + " died " + where
                    + ", before the point of no return: undone; " + from + " takes writes again, " + to
                    + " is read-only and replicates from it" + replicationState(next));
        } catch (SQLException e) {
            throw new ReplicationException("Recovery of " + which + " (died " + where + ") failed: error " + e.getErrorCode()
                    + ": " + e.getMessage() + "; run recover() again once both servers are reachable", e);
        }
    }

    /** The old primary read-only, the new one's replication gone, the new one writable, then the reverse stream. */
    private void complete(Connection old, Connection next, Side to, ReplicationPosition newPrimaryStart) throws SQLException {
        PrimaryWrites.stop(old, settings.drainGrace());
        if (dialect.status(next).configured()) {
            dialect.stopReplica(next);
            dialect.forgetPrimary(next);
        }
        PrimaryWrites.open(next);
        ReplicaStatus reverse = dialect.status(old);
        if (!reverse.configured()) {
            dialect.replicateFrom(old, to.endpoint(), settings.replicationUser(), settings.replicationPassword(),
                    newPrimaryStart);
        } else if (!reverse.receiving() || !reverse.applying()) {
            dialect.startReplica(old);
        }
    }

    /** The new side read-only and replicating again (a stop first ends any UNTIL of a verification), the old one writable. */
    private void undo(Connection old, Connection next) throws SQLException {
        PrimaryWrites.stop(next, settings.drainGrace());
        if (dialect.status(next).configured()) {
            dialect.stopReplica(next);
            dialect.startReplica(next);
        }
        PrimaryWrites.open(old);
    }

    private String replicationState(Connection replica) throws SQLException {
        ReplicaStatus status = dialect.status(replica);
        return !status.configured() ? "; WARNING: it replicates from nothing, start replication by hand"
                : status.error().map(e -> "; WARNING: its replication stopped with " + e).orElse("");
    }

    private Side side(String name) {
        if (name.equals(source.name())) {
            return source;
        }
        if (name.equals(target.name())) {
            return target;
        }
        throw new ReplicationException("The switch journal names a side '" + name + "' this link does not have");
    }
}
