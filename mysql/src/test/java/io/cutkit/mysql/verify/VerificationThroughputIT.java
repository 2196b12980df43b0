package io.cutkit.mysql.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Verification throughput on a CRM-shaped data set generated on the embedded server (leads with
 * three ~100-byte envelope columns and emoji notes, calls with 1 KiB blobs). The default size keeps
 * the build fast; for the benchmark figure run
 * {@code mvn -B -ntp -q -pl mysql -am verify -Dit.test=VerificationThroughputIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcutkit.verify.benchmarkMb=150} and read the
 * {@code VERIFY BENCHMARK} lines.
 */
class VerificationThroughputIT {

    private static final int MEGABYTES = Integer.getInteger("cutkit.verify.benchmarkMb", 16);
    private static DatabaseServer server;
    private static String source;
    private static String target;
    private static long leads;
    private static long calls;

    @BeforeAll
    static void generate() throws SQLException {
        server = DatabaseServers.shared();
        source = server.createDatabase("bench_source");
        target = server.createDatabase("bench_target");
        // about 600 bytes per lead and 1.1 KiB per call; half of the volume each
        leads = MEGABYTES * 1_000_000L / 2 / 600;
        calls = MEGABYTES * 1_000_000L / 2 / 1100;
        try (Connection connection = server.connect(source); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leads (id INT PRIMARY KEY, name TEXT, email TEXT, phone TEXT, notes MEDIUMTEXT,"
                    + " referenceId VARCHAR(64), createdAt DATETIME NOT NULL, score INT NOT NULL)");
            statement.execute("INSERT INTO leads SELECT seq,"
                    + envelope() + ", " + envelope() + ", " + envelope() + ","
                    + " CONCAT(REPEAT('Called back, left a message \uD83D\uDE00 ', 6), seq),"
                    + " MD5(seq), '2024-01-01' + INTERVAL seq MINUTE, seq % 100 FROM seq_1_to_" + leads);
            statement.execute("CREATE TABLE calls (id INT PRIMARY KEY, leadId INT, callSid CHAR(34) NOT NULL,"
                    + " recordingPreview BLOB, durationSeconds INT NOT NULL)");
            statement.execute("INSERT INTO calls SELECT seq, seq % 1000, CONCAT('CA', MD5(seq)), RANDOM_BYTES(1024), seq % 600"
                    + " FROM seq_1_to_" + calls);
        }
        try (Connection connection = server.connect(target); Statement statement = connection.createStatement()) {
            for (String table : new String[] {"leads", "calls"}) {
                statement.execute("CREATE TABLE " + table + " LIKE `" + source + "`." + table);
                statement.execute("INSERT INTO " + table + " SELECT * FROM `" + source + "`." + table);
            }
        }
    }

    @AfterAll
    static void dropData() {
        server.dropDatabase(source);
        server.dropDatabase(target);
    }

    @Test
    void verifiesGeneratedDataSetWithZeroDifferencesAndReportsThroughput() {
        DatabaseVerifier verifier = DatabaseVerifier.builder().build();
        VerificationReport first = timed(verifier);
        VerificationReport second = timed(verifier);
        VerificationReport third = timed(verifier);

        assertThat(first.matches()).as(first.describe()).isTrue();
        assertThat(first.tables()).extracting(TableComparison::sourceRows).containsExactly(calls, leads);
        assertThat(first.sourceBytes()).isGreaterThan(MEGABYTES * 800_000L);
        assertThat(second.tables()).isEqualTo(first.tables());
        assertThat(third.tables()).isEqualTo(first.tables());
    }

    /** One comparison, printed with this JVM's CPU time (the client side's share of the work). */
    private static VerificationReport timed(DatabaseVerifier verifier) {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        VerificationReport report = verifier.compare(server.dataSource(null), source, server.dataSource(null), target);
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        System.out.printf("VERIFY BENCHMARK: %.1f MB per side (%d leads, %d calls) in %.2f s = %.0f MB/s per side"
                        + " (%.0f MB/s both sides); client CPU %.2f s; load average %.1f on %d cores%n",
                report.sourceBytes() / 1e6, leads, calls, report.elapsed().toNanos() / 1e9, report.megabytesPerSecond(),
                (report.sourceBytes() + report.targetBytes()) / 1e6 / (report.elapsed().toNanos() / 1e9), cpu,
                os.getSystemLoadAverage(), os.getAvailableProcessors());
        return report;
    }

    private static String envelope() {
        return "CONCAT('{\"v\":1,\"iv\":\"', TO_BASE64(RANDOM_BYTES(12)), '\",\"ct\":\"', TO_BASE64(RANDOM_BYTES(48)), '\"}')";
    }
}
