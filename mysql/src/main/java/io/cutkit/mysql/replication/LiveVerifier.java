package io.cutkit.mysql.replication;

import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.TableDifference;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.TableComparison;
import io.cutkit.mysql.verify.TableComparison.Verdict;
import io.cutkit.mysql.verify.VerificationReport;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares primary and replica at one position while the primary keeps taking writes, the way
 * Vitess's VDiff does: both are held at one position by {@link OnePosition} and read by
 * {@link DatabaseVerifier} (checksums per table); each table that differs is then searched by
 * {@link DifferingKeys} (checksums per key range, rows only of the ranges that differ).
 */
final class LiveVerifier {

    private LiveVerifier() {
    }

    static LiveVerification verify(ReplicationDialect dialect, Side primary, Side replica, LinkSettings settings) {
        long started = System.nanoTime();
        try {
            return OnePosition.read(dialect, primary, replica, settings.verifyConnections(),
                    (position, readers, replicaConnection) -> compare(position, new PinnedConnections(readers), replica,
                            settings, started));
        } catch (SQLException e) {
            throw new ReplicationException("Live verification of " + settings.databases() + " failed: " + e.getMessage()
                    + "; replication into " + replica + " was resumed", e);
        }
    }

    private static LiveVerification compare(ReplicationPosition position, PinnedConnections primary, Side replica,
                                            LinkSettings settings, long started) {
        DatabaseVerifier verifier = DatabaseVerifier.builder().parallelism(settings.verifyConnections())
                .firstDifferingKey(false).build();
        List<TableDifference> differences = new ArrayList<>();
        int tables = 0;
        long bytes = 0;
        for (String database : settings.databases()) {
            VerificationReport report = verifier.compare(primary, database, replica.admin(), database);
            tables += report.tables().size();
            bytes += report.sourceBytes();
            for (TableComparison t : report.differences()) {
                DifferingKeys.Found keys = t.verdict() == Verdict.ROW_COUNT_DIFFERS || t.verdict() == Verdict.CONTENT_DIFFERS
                        ? differingKeys(primary, replica, database, t, settings.differingKeysLimit())
                        : new DifferingKeys.Found(List.of(), 0, false);
                differences.add(new TableDifference(database, t.table(), t.verdict().name(), t.sourceRows(),
                        t.targetRows(), keys.keys(), keys.count()));
            }
        }
        return new LiveVerification(position, tables, bytes, differences, Duration.ofNanos(System.nanoTime() - started));
    }

    private static DifferingKeys.Found differingKeys(PinnedConnections primary, Side replica, String database,
                                                     TableComparison table, int limit) {
        try {
            return DifferingKeys.find(primary, replica.admin(), database, table.table(),
                    Math.max(table.sourceRows(), table.targetRows()), limit);
        } catch (SQLException e) {
            throw new ReplicationException("Could not find the differing keys of `" + database + "`.`" + table.table()
                    + "`: error " + e.getErrorCode() + ": " + e.getMessage(), e);
        }
    }
}
