package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The source's binlog retention against the copy time the dry-run measured: an online cutover replays
 * the binlogs written since the copy's snapshot, so they must outlive the copy by a margin
 * ({@link #SAFETY_FACTOR} times the measured time, since the real copy goes over a network to a busier
 * server). Retention is {@code binlog_expire_logs_seconds} (MySQL 8, MariaDB 10.6+) or
 * {@code expire_logs_days}; 0 keeps binlogs forever. A source without a binary log is left to
 * {@link ReplicationReadinessFindings}. A shortfall is a {@code replication-readiness}
 * finding, P0 for an online plan and P2 otherwise.
 */
public final class BinlogRetentionFindings {

    /** How many times the measured copy time the binlogs must be kept. */
    public static final int SAFETY_FACTOR = 3;

    private static final long DAY_SECONDS = 86_400;

    private BinlogRetentionFindings() {
    }

    /**
     * The finding for {@code source} (only read) when its retention is shorter than {@code copy}, the measured
     * time to export and import {@code bytes} of it, times the factor.
     */
    public static List<Finding> of(DataSource source, long bytes, Duration copy, boolean online) throws SQLException {
        Map<String, String> v = ServerVariables.read(source, List.of("log_bin", "binlog_expire_logs_seconds",
                "expire_logs_days", "version"));
        long retention = retentionSeconds(v);
        long copySeconds = Math.max(1, (copy.toMillis() + 999) / 1000);
        long needed = copySeconds * SAFETY_FACTOR;
        if ("OFF".equalsIgnoreCase(v.get("log_bin")) || retention <= 0 || retention >= needed) {
            return List.of();
        }
        boolean mariaDb = v.getOrDefault("version", "").toLowerCase(java.util.Locale.ROOT).contains("mariadb");
        long wanted = Math.max(needed, 7 * DAY_SECONDS);
        String setting = (mariaDb ? "SET GLOBAL" : "SET PERSIST") + " binlog_expire_logs_seconds = " + wanted;
        return List.of(Finding.of(FindingClass.REPLICATION_READINESS,
                        "the source keeps binlogs " + retention + " s; copying its " + bytes + " bytes took about "
                                + copySeconds + " s here (export and import), and the online cutover needs them kept at least " + SAFETY_FACTOR + " times that ("
                                + needed + " s): binlogs written at the snapshot may be purged before replication reads them",
                        setting + " on the source (or expire_logs_days on older servers, or the managed instance's"
                                + " retention flag) before the online copy starts")
                .severity(online ? Severity.P0 : Severity.P2).object("binlog_expire_logs_seconds")
                .evidence("retention_seconds", retention).evidence("copy_bytes", bytes).evidence("copy_seconds", copySeconds)
                .evidence("needed_seconds", needed).evidence("setting", setting).build());
    }

    /** The binlog retention in seconds from {@code binlog_expire_logs_seconds} or {@code expire_logs_days}; 0 is none. */
    private static long retentionSeconds(Map<String, String> v) {
        try {
            long seconds = Long.parseLong(v.getOrDefault("binlog_expire_logs_seconds", "0"));
            return seconds > 0 ? seconds : (long) (Double.parseDouble(v.getOrDefault("expire_logs_days", "0")) * DAY_SECONDS);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
