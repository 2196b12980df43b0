package io.cutkit.gcp.dms;

import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.TableDifference;
import io.cutkit.mysql.replication.ManagedReplica;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.TableComparison;
import io.cutkit.mysql.verify.VerificationReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Live verification without pausing the stream. DMS has no VDiff and a Cloud SQL destination cannot
 * be held at a position, so each round notes the source's position, waits until the destination has
 * executed it, and compares both with {@link DatabaseVerifier}; rows written meanwhile differ in one
 * round and not in the next (their keys move on), a divergence differs at the same key in every
 * round. A table is reported only when its first differing key is the same in every round, so a row
 * rewritten in every round is reported too: verify again at a quieter moment when one is. A table with
 * a primary key whose key walk (which reads both sides again, after the checksums) finds no differing
 * row is not reported: the stream had delivered the rows the checksums missed. A table without one can
 * only be compared by its checksums and is reported when every round finds it different in the same way.
 */
final class DmsVerifier {

    private final ManagedReplica pair;
    private final DataSource source;
    private final DataSource destination;
    private final List<String> databases;
    private final int rounds;
    private final Duration catchUp;

    DmsVerifier(ManagedReplica pair, DataSource source, DataSource destination, List<String> databases, int rounds,
                Duration catchUp) {
        this.pair = pair;
        this.source = source;
        this.destination = destination;
        this.databases = databases;
        this.rounds = rounds;
        this.catchUp = catchUp;
    }

    LiveVerification verify() {
        long started = System.nanoTime();
        ReplicationPosition first = null;
        Map<String, TableDifference> persistent = null;
        int tables = 0;
        long bytes = 0;
        DatabaseVerifier verifier = DatabaseVerifier.builder().parallelism(2).build();
        for (int round = 0; round < rounds && (persistent == null || !persistent.isEmpty()); round++) {
            ReplicationPosition position = pair.primaryPosition();
            first = first == null ? position : first;
            if (!pair.awaitExecuted(position, catchUp)) {
                throw new ReplicationException("The destination did not execute " + position.describe() + " within "
                        + catchUp.toSeconds() + " s, so it cannot be verified: " + pair.lag().describe());
            }
            Map<String, TableDifference> found = new LinkedHashMap<>();
            tables = 0;
            bytes = 0;
            for (String database : databases) {
                VerificationReport report = verifier.compare(source, database, destination, database);
                tables += report.tables().size();
                bytes += report.sourceBytes();
                Set<String> keyed = keyedTables(database);
                for (TableComparison t : report.differences()) {
                    if (t.firstDifferingKey().isEmpty() && keyed.contains(t.table())) {
                        continue;
                    }
                    // DMS cannot hold the destination at a position for a range-by-range search: the first key only
                    List<String> keys = t.firstDifferingKey().map(List::of).orElse(List.of());
                    found.put(database + "." + t.table(), new TableDifference(database, t.table(), t.verdict().name(),
                            t.sourceRows(), t.targetRows(), keys, keys.size()));
                }
            }
            if (persistent != null) {
                Map<String, TableDifference> before = persistent;
                found.entrySet().removeIf(e -> !sameDifference(before.get(e.getKey()), e.getValue()));
            }
            persistent = found;
        }
        return new LiveVerification(first, tables, bytes, List.copyOf(persistent.values()),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static boolean sameDifference(TableDifference before, TableDifference now) {
        return before != null && before.finding().equals(now.finding())
                && Objects.equals(before.firstDifferingKey(), now.firstDifferingKey())
                && (now.firstDifferingKey().isPresent()
                        || before.targetRows() - before.sourceRows() == now.targetRows() - now.sourceRows());
    }

    private Set<String> keyedTables(String database) {
        Set<String> keyed = new HashSet<>();
        try (Connection connection = source.getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT TABLE_NAME"
                     + " FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND CONSTRAINT_NAME = 'PRIMARY'")) {
            statement.setString(1, database);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keyed.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new ReplicationException("Could not read the primary keys of `" + database + "` on the source: "
                    + e.getMessage(), e);
        }
        return keyed;
    }
}
