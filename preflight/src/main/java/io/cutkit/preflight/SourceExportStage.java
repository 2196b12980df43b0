package io.cutkit.preflight;

import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotExporter;
import io.cutkit.mysql.dump.JdbcSnapshotExporter;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.preflight.HiddenObjectFindings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Exports the plan's live source into a temporary dump with one consistent snapshot; only reads the source.
 * Triggers and events the source account may not see ({@link HiddenObjectFindings}) are reported as skipped.
 */
final class SourceExportStage implements Stage {

    @Override
    public String name() {
        return "export";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.plan.source().isPresent() ? Optional.empty()
                : Optional.of("the data comes from a dump file (--source exports a live database)");
    }

    @Override
    public String run(DryRunState state) throws Exception {
        ServerAddress source = state.plan.source().orElseThrow();
        String database = state.plan.sourceDatabase().orElseThrow();
        Path dir = Files.createTempDirectory("cutkit-dry-run-");
        Path file = dir.resolve("source.sql.gz");
        List<String> lacking = HiddenObjectFindings.lacking(state.sourcePool(), database);
        state.addAll(HiddenObjectFindings.of(state.sourcePool(), database, lacking));
        String hidden = lacking.isEmpty() ? ""
                : "; " + HiddenObjectFindings.hidden(lacking) + " skipped: needs " + String.join(", ", lacking);
        state.progress.accept("exporting `" + database + "` from the source (one consistent snapshot, read only)");
        long started = System.nanoTime();
        SnapshotExporter exporter = state.plan.exporter().orElseGet(() -> JdbcSnapshotExporter.builder(source).workers(2).build());
        Snapshot snapshot = exporter.export(List.of(database), file.toUri());
        state.exportTime = Duration.ofNanos(System.nanoTime() - started);
        state.sourceCollation = snapshot.databases().isEmpty() ? null : snapshot.databases().get(0).collation();
        state.dump = file;
        state.dumpName = "export of " + database;
        state.temporaryFiles.add(file);
        state.temporaryFiles.add(dir);
        return snapshot.sizeBytes() + " bytes in " + state.exportTime.toMillis() + " ms" + hidden;
    }
}
