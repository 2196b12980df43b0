package io.cutkit.cli;

import io.cutkit.core.data.Snapshot;
import io.cutkit.mysql.dump.ChunkManifest;
import io.cutkit.mysql.dump.ExportProgress;
import io.cutkit.mysql.dump.JdbcSnapshotExporter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutkit export}: one consistent, parallel snapshot of databases (JdbcSnapshotExporter). */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Take one consistent snapshot of source databases.",
            "Writes a mysqldump-compatible .sql / .sql.gz file, or a directory of checked chunks (one database)."})
final class ExportCommand extends CutkitSubcommand {

    @Mixin
    SourceServerOptions source;

    @Option(names = "--database", paramLabel = "NAME", required = true, description = "A database to export (repeatable).")
    List<String> databases;

    @Option(names = "--output", paramLabel = "PATH", required = true,
            description = "A new .sql or .sql.gz file, or a new (or empty) chunk directory.")
    Path output;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "4", description = "Connections reading in parallel (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--chunk-format", paramLabel = "FORMAT", defaultValue = "LOAD_DATA",
            description = "Rows in a chunk directory: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    ChunkManifest.Format chunkFormat;

    @Override
    int run(Console console) {
        if (workers < 1) {
            throw usage("--workers must be at least 1, got " + workers);
        }
        AtomicLong lastPrinted = new AtomicLong(System.nanoTime());
        Snapshot snapshot = JdbcSnapshotExporter.builder(source.address())
                .workers(workers)
                .chunkFormat(chunkFormat)
                .progress(p -> {
                    long now = System.nanoTime();
                    long last = lastPrinted.get();
                    if (now - last >= 1_000_000_000L && lastPrinted.compareAndSet(last, now)) {
                        console.progress(describe(p));
                    }
                })
                .build()
                .export(databases, output.toAbsolutePath().toUri());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("location", Path.of(snapshot.location()).toString());
        doc.put("format", snapshot.format());
        doc.put("sizeBytes", snapshot.sizeBytes());
        doc.put("sha256", snapshot.sha256());
        doc.put("databases", snapshot.databases().stream().map(d -> Map.of("name", d.name(),
                "characterSet", d.characterSet(), "collation", d.collation())).toList());
        doc.put("elapsedMillis", snapshot.elapsed().toMillis());
        console.result(String.format("exported %s to %s (%s, %d bytes%s) in %.1f s", databases,
                doc.get("location"), snapshot.format(), snapshot.sizeBytes(),
                snapshot.sha256().isEmpty() ? "" : ", sha256 " + snapshot.sha256(),
                snapshot.elapsed().toMillis() / 1000.0), doc);
        return ExitCodes.OK;
    }

    private static String describe(ExportProgress p) {
        return String.format("exporting... %d of ~%d rows, %.1f MB%s", p.rows(), p.expectedRows(), p.bytes() / 1e6,
                p.eta().map(eta -> ", ETA " + eta.toSeconds() + " s").orElse(""));
    }
}
