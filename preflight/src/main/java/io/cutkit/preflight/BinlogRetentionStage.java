package io.cutkit.preflight;

import io.cutkit.mysql.preflight.BinlogRetentionFindings;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * The source's binlog retention against the copy time measured here: the export of the live source plus
 * the import of it ({@link BinlogRetentionFindings}).
 */
final class BinlogRetentionStage implements Stage {

    @Override
    public String name() {
        return "binlog-retention";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.plan.source().isEmpty()) {
            return Optional.of("needs --source (its binlog retention)");
        }
        return state.estimate == null ? Optional.of("needs the estimate (a measured export and import)") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        Duration copy = state.estimate.export().plus(state.estimate.load());
        int before = state.findings.size();
        state.addAll(BinlogRetentionFindings.of(state.sourcePool(), state.estimate.bytes(), copy, state.plan.online()));
        return "copy measured at " + copy.toMillis() + " ms; " + (state.findings.size() - before == 0
                ? "the binlogs outlive it " + BinlogRetentionFindings.SAFETY_FACTOR + " times over"
                : "the binlogs may be purged before replication reads them");
    }
}
