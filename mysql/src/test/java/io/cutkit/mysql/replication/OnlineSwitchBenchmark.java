package io.cutkit.mysql.replication;

import io.cutkit.core.data.Snapshot;
import io.cutkit.core.replication.LiveVerification;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.mysql.dump.ExportImportBenchmark;
import io.cutkit.mysql.testing.AcknowledgedWrites;
import io.cutkit.mysql.testing.DatabaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The freeze of online switches against the offline move of the same data: builds the CRM-shaped
 * benchmark database (~175 MB with the defaults) on an embedded source, times export + import (the
 * offline freeze), replicates, verifies live, then switches back and forth {@code bench.rounds}
 * times (at least 3) under 200 writes/s, each once the replica has nearly caught up, and prints the freeze p50/max, the longest gap the client saw
 * between acknowledgements, and lost/duplicated acknowledged writes.
 * {@code mvn -B -ntp -P bench -pl mysql -am verify -DskipTests -Dbench=OnlineSwitch -Dbench.rounds=5}
 */
public final class OnlineSwitchBenchmark {

    private OnlineSwitchBenchmark() {
    }

    /** Waits (up to 2 minutes) until the replica is within a few transactions, as after a long verification. */
    private static void awaitNearlyCaughtUp(NativeReplicationLink link) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (link.lag().transactions() > 20 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    public static void main(String[] args) throws Exception {
        int switches = Math.max(3, Integer.getInteger("bench.rounds", 5));
        Path dir = Files.createTempDirectory("online-bench");
        try (ReplicatedPair pair = ReplicatedPair.start()) {
            ExportImportBenchmark.generate(pair.source, ReplicatedPair.DATABASE);
            long started = System.nanoTime();
            Snapshot snapshot = pair.exportAndImport(dir.resolve("snap"), () -> { }, () -> { });
            double offline = (System.nanoTime() - started) / 1e9;
            NativeReplicationLink link = pair.link().build();
            link.start(snapshot.position().orElseThrow());
            ReplicatedPair.awaitCaughtUp(link);

            List<Long> freezes = new ArrayList<>();
            LiveVerification verification;
            AcknowledgedWrites writer = pair.writes(pair.source, 200);
            DatabaseServer primary = pair.source;
            try (writer) {
                Thread.sleep(1_000);
                verification = link.verify();
                for (int i = 0; i < switches; i++) {
                    Thread.sleep(1_500);
                    awaitNearlyCaughtUp(link);
                    SwitchReport report = primary == pair.source ? link.switchOver() : link.rollBack();
                    primary = primary == pair.source ? pair.target : pair.source;
                    writer.writeTo(ReplicatedPair.url(primary));
                    freezes.add(report.freeze().toMillis());
                    System.out.println(report.toText());
                }
                Thread.sleep(1_000);
            }
            ReplicatedPair.awaitCaughtUp(link);
            AcknowledgedWrites.Tally writes = writer.tally(primary.dataSource(ReplicatedPair.DATABASE), "writes");
            List<Long> sorted = freezes.stream().sorted().toList();
            System.out.printf("ONLINE BENCHMARK %.1f MB snapshot (%s): offline export+import %.2f s; live verification"
                            + " %.1f MB/s per side (%s); freeze over %d switches p50 %d ms max %d ms; longest gap between"
                            + " acknowledged writes %d ms; writes %d acknowledged %d lost %d duplicated %d in doubt%n",
                    snapshot.sizeBytes() / 1e6, snapshot.position().orElseThrow().describe(), offline,
                    verification.bytesPerSide() / 1e6 / (verification.elapsed().toNanos() / 1e9),
                    verification.matches() ? "match" : "DIFFERENCES", sorted.size(), sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1), writer.longestGapMillis(), writes.acknowledged(), writes.lost(),
                    writes.duplicated(), writes.inDoubt());
        }
    }
}
