package io.cutkit.gcp.dms;

import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.TableDifference;
import io.cutkit.mysql.replication.ManagedReplica;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.TableComparison;
import io.cutkit.mysql.verify.VerificationReport;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Live verification without pausing the stream. DMS has no VDiff and a Cloud SQL destination cannot
 * be held at a position, so each round notes the source's position, waits until the destination has
 * executed it, and compares both with {@link DatabaseVerifier}; rows written meanwhile differ in one
 * round and not in the next (their keys move on), a divergence differs at the same key in every
 * round. A table is reported only when its first differing key is the same in every round, so a row
 * rewritten in every round is reported too: verify again at a quieter moment when one is.
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
                for (TableComparison t : report.differences()) {
                    // DMS cannot hold the destination at a position for a range-by-range search: the first key only
                    List<String> keys = t.firstDifferingKey().map(List::of).orElse(List.of());
                    found.put(database + "." + t.table(), new TableDifference(database, t.table(), t.verdict().name(),
                            t.sourceRows(), t.targetRows(), keys, keys.size()));
                }
            }
            if (persistent != null) {
                Map<String, TableDifference> before = persistent;
                found.entrySet().removeIf(e -> !before.containsKey(e.getKey())
                        || !Objects.equals(before.get(e.getKey()).firstDifferingKey(), e.getValue().firstDifferingKey()));
            }
            persistent = found;
        }
        return new LiveVerification(first, tables, bytes, List.copyOf(persistent.values()),
                Duration.ofNanos(System.nanoTime() - started));
    }
}
