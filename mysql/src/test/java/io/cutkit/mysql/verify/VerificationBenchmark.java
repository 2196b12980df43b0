package io.cutkit.mysql.verify;

import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Verification throughput on a CRM-shaped data set generated on the embedded server (leads with
 * three ~100-byte envelope columns and emoji notes, calls with 1 KiB blobs), printed as
 * {@code VERIFY BENCHMARK} lines: {@code mvn -B -ntp -P bench -pl mysql -am verify -DskipTests
 * -Dbench=Verification} (150 MB per side; {@code -Dbench.verifyMb=N} for another size).
 * {@link VerificationThroughputIT} checks the same comparison on a small data set in every build.
 */
public final class VerificationBenchmark {

    private final DatabaseServer server;
    private final String source;
    private final String target;
    private final long leads;
    private final long calls;

    private VerificationBenchmark(DatabaseServer server, String source, String target, long leads, long calls) {
        this.server = server;
        this.source = source;
        this.target = target;
        this.leads = leads;
        this.calls = calls;
    }

    public static void main(String[] args) throws SQLException {
        VerificationBenchmark data = generate(DatabaseServers.shared(), Integer.getInteger("cutkit.verify.benchmarkMb", 150));
        try {
            DatabaseVerifier verifier = DatabaseVerifier.builder().build();
            for (int round = 0; round < 3; round++) {
                data.timed(verifier);
            }
        } finally {
            data.drop();
        }
    }

    /** Two equal databases of about {@code megabytes} each on {@code server}. */
    static VerificationBenchmark generate(DatabaseServer server, int megabytes) throws SQLException {
        String source = server.createDatabase("bench_source");
        String target = server.createDatabase("bench_target");
        // about 600 bytes per lead and 1.1 KiB per call; half of the volume each
        long leads = megabytes * 1_000_000L / 2 / 600;
        long calls = megabytes * 1_000_000L / 2 / 1100;
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
        return new VerificationBenchmark(server, source, target, leads, calls);
    }

    long leads() {
        return leads;
    }

    long calls() {
        return calls;
    }

    void drop() {
        server.dropDatabase(source);
        server.dropDatabase(target);
    }

    /** One comparison, printed with this JVM's CPU time (the client side's share of the work). */
    VerificationReport timed(DatabaseVerifier verifier) {
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
