package io.cutkit.mysql.dump;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Measures DumpInspector's scan rate on a generated mysqldump-shaped file (plain and gzip),
 * best of three. Run: {@code mvn -B -ntp -P bench -pl mysql -am verify -DskipTests -Dbench=DumpInspector}.
 */
public final class DumpInspectorBenchmark {

    private DumpInspectorBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        byte[] dump = DumpInspectorTest.generatedDump(megabytes << 20);
        DumpInspector inspector = DumpInspector.builder().targetDatabase("crm").build();
        // CPU time of the scanning thread as well as wall time: the build machine is shared
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        double best = 0;
        double bestCpu = 0;
        for (int i = 0; i < 3; i++) {
            long before = cpu.getCurrentThreadCpuTime();
            best = Math.max(best, inspector.inspect(new ByteArrayInputStream(dump), "generated.sql").megabytesPerSecond());
            bestCpu = Math.max(bestCpu, dump.length / 1e6 / ((cpu.getCurrentThreadCpuTime() - before) / 1e9));
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz, 1 << 16)) {
            out.write(dump);
        }
        double gzip = inspector.inspect(new ByteArrayInputStream(gz.toByteArray()), "generated.sql.gz").megabytesPerSecond();
        System.out.printf(Locale.ROOT, "DumpInspector: %.0f MB/s wall, %.0f MB per CPU second, plain (best of 3, %d MB); "
                + "%.0f MB/s gzip (target: 200 MB/s)%n", best, bestCpu, dump.length >> 20, gzip);
    }
}
