package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads whether the source can feed an online cutover through its binary log: {@code log_bin} on,
 * {@code binlog_format=ROW}, {@code binlog_row_image=FULL}, a non-zero {@code server_id}, GTIDs on
 * (MySQL's {@code gtid_mode}; MariaDB always has them). Each gap is a {@code replication-readiness}
 * finding, P0 for an online plan and P2 otherwise. Binlog retention is judged against the measured copy
 * time by {@link BinlogRetentionFindings}.
 */
public final class ReplicationReadinessFindings {

    private ReplicationReadinessFindings() {
    }

    /** The gaps of {@code source} (only read), at P0 when {@code online}. */
    public static List<Finding> of(DataSource source, boolean online) throws SQLException {
        Map<String, String> v = ServerVariables.read(source, List.of("log_bin", "binlog_format", "binlog_row_image",
                "server_id", "gtid_mode", "version"));
        Severity severity = online ? Severity.P0 : Severity.P2;
        List<Finding> findings = new ArrayList<>();
        expect(findings, severity, v, "log_bin", "ON", "log_bin=ON (a restart with --log-bin)");
        expect(findings, severity, v, "binlog_format", "ROW", "SET PERSIST binlog_format = 'ROW'");
        expect(findings, severity, v, "binlog_row_image", "FULL", "SET PERSIST binlog_row_image = 'FULL'");
        if ("0".equals(v.get("server_id"))) {
            findings.add(finding(severity, "server_id", "0", "a unique non-zero value",
                    "set server_id to a value no other server of the topology uses"));
        }
        if (v.containsKey("gtid_mode") && !v.get("version").toLowerCase().contains("mariadb")) {
            expect(findings, severity, v, "gtid_mode", "ON", "gtid_mode=ON and enforce_gtid_consistency=ON (stepwise)");
        }
        return findings;
    }

    private static void expect(List<Finding> findings, Severity severity, Map<String, String> v, String name,
            String wanted, String fix) {
        String actual = v.get(name);
        if (actual != null && !actual.equalsIgnoreCase(wanted)) {
            findings.add(finding(severity, name, actual, wanted, fix + " on the source before the online copy starts"));
        }
    }

    private static Finding finding(Severity severity, String name, String actual, String wanted, String fix) {
        return Finding.of(FindingClass.REPLICATION_READINESS,
                        "the source has " + name + " = " + actual + ", the online cutover needs " + wanted
                                + ": without it the changes made during the copy cannot be replayed",
                        fix)
                .severity(severity).object(name).evidence("variable", name).evidence("value", actual)
                .evidence("needed", wanted).build();
    }
}
