package io.cutkit.gcp.dms;

import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.TableDifference;
import io.cutkit.mysql.replication.DifferingKeys;
import io.cutkit.mysql.replication.ManagedReplica;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.TableComparison;
import io.cutkit.mysql.verify.TableComparison.Verdict;
import io.cutkit.mysql.verify.VerificationReport;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Live verification without pausing the stream. DMS has no VDiff and a Cloud SQL destination cannot
 * be held at a position, so each round notes the source's position, waits until the destination has
 * executed it, compares both with {@link DatabaseVerifier} and names the differing keys of each table
 * that differs with {@link DifferingKeys}; rows written meanwhile differ in one round and not in the
 * next, a divergence differs in every round. A key is reported only when every round found it, so a
 * row rewritten in every round is reported too: verify again at a quieter moment when one is. A table
 * without a primary key can only be compared by its checksums and is reported when every round finds
 * it different in the same way (the same verdict and row-count difference).
 */
final class DmsVerifier {

    private final ManagedReplica pair;
    private final DataSource source;
    private final DataSource destination;
    private final List<String> databases;
    private final int rounds;
    private final int keysLimit;
    private final Duration catchUp;

    DmsVerifier(ManagedReplica pair, DataSource source, DataSource destination, List<String> databases, int rounds,
                int keysLimit, Duration catchUp) {
        this.pair = pair;
        this.source = source;
        this.destination = destination;
        this.databases = databases;
        this.rounds = rounds;
        this.keysLimit = keysLimit;
        this.catchUp = catchUp;
    }

    LiveVerification verify() {
        long started = System.nanoTime();
        ReplicationPosition first = null;
        Map<String, TableDifference> persistent = null;
        int tables = 0;
        long bytes = 0;
        DatabaseVerifier verifier = DatabaseVerifier.builder().parallelism(2).firstDifferingKey(false).build();
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
                    DifferingKeys.Found keys = t.verdict() == Verdict.ROW_COUNT_DIFFERS || t.verdict() == Verdict.CONTENT_DIFFERS
                            ? differingKeys(database, t) : new DifferingKeys.Found(List.of(), 0, false);
                    if (keys.keyed() && keys.count() == 0) {
                        continue; // the rows the checksums caught in flight had arrived when the keys were read
                    }
                    found.put(database + "." + t.table(), new TableDifference(database, t.table(), t.verdict().name(),
                            t.sourceRows(), t.targetRows(), keys.keys(), keys.count()));
                }
            }
            persistent = persistent == null ? found : inBoth(persistent, found);
        }
        return new LiveVerification(first, tables, bytes, List.copyOf(persistent.values()),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The differences of {@code now} that {@code before} found too: for a keyed table the keys both
     * found (their count the smaller of the two when a list was cut at the limit), for one without a
     * key the same finding and row-count difference.
     */
    private static Map<String, TableDifference> inBoth(Map<String, TableDifference> before, Map<String, TableDifference> now) {
        Map<String, TableDifference> kept = new LinkedHashMap<>();
        now.forEach((name, d) -> {
            TableDifference b = before.get(name);
            if (b == null) {
                return;
            }
            if (d.differingKeyCount() == 0 && b.differingKeyCount() == 0) {
                if (b.finding().equals(d.finding()) && b.targetRows() - b.sourceRows() == d.targetRows() - d.sourceRows()) {
                    kept.put(name, d);
                }
                return;
            }
            List<String> keys = d.differingKeys().stream().filter(b.differingKeys()::contains).toList();
            boolean cut = d.keysTruncated() || b.keysTruncated();
            if (!keys.isEmpty() || cut && d.differingKeyCount() > 0 && b.differingKeyCount() > 0) {
                long count = cut ? Math.max(keys.size(), Math.min(b.differingKeyCount(), d.differingKeyCount())) : keys.size();
                kept.put(name, new TableDifference(d.database(), d.table(), d.finding(), d.sourceRows(), d.targetRows(),
                        keys, count));
            }
        });
        return kept;
    }

    private DifferingKeys.Found differingKeys(String database, TableComparison table) {
        try {
            return DifferingKeys.find(source, destination, database, table.table(),
                    Math.max(table.sourceRows(), table.targetRows()), keysLimit);
        } catch (SQLException e) {
            throw new ReplicationException("Could not find the differing keys of `" + database + "`.`" + table.table()
                    + "`: error " + e.getErrorCode() + ": " + e.getMessage(), e);
        }
    }
}
