package io.cutkit.examples.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotExporter;
import io.cutkit.mysql.dump.DumpInspector;
import io.cutkit.mysql.dump.DumpReport;
import io.cutkit.mysql.dump.DumpVerdict;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudSqlStyleExporterTest {

    private static final String BODY = "/*!40101 SET NAMES utf8mb4 */;\n"
            + "CREATE TABLE `leads` (`id` INT NOT NULL PRIMARY KEY, `email` TEXT);\n"
            + "INSERT INTO `leads` VALUES (1,'a@example.com');\n";

    @TempDir
    Path dir;

    /** Writes BODY as a gzip file, like JdbcSnapshotExporter does for a .sql.gz destination. */
    private final SnapshotExporter plainGzip = (databases, destination) -> {
        Path file = Path.of(destination);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(BODY.getBytes(StandardCharsets.UTF_8));
            return new Snapshot(destination, "sql.gz", 0, "", List.of(new DatabaseSpec(databases.get(0), "utf8mb4",
                    "utf8mb4_0900_ai_ci")), Instant.now(), Duration.ofMillis(1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    };

    @Test
    void dumpStartsWithTheSourcesUseAndStillHoldsEverything() throws Exception {
        Path file = dir.resolve("Optileads.sql.gz");
        Snapshot snapshot = new CloudSqlStyleExporter(plainGzip).export(List.of("Optileads"), file.toUri());

        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(text).startsWith("-- as written by a Cloud SQL export").contains("USE `Optileads`;").endsWith(BODY);
        assertThat(text.indexOf("USE `Optileads`")).isLessThan(text.indexOf("CREATE TABLE"));
        assertThat(snapshot.sizeBytes()).isEqualTo(Files.size(file));
        assertThat(snapshot.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));

        DumpReport report = DumpInspector.builder().targetDatabase("crm").build().inspect(file);
        assertThat(report.verdicts(DumpVerdict.LandsElsewhere.class)).extracting(DumpVerdict.LandsElsewhere::database)
                .contains("Optileads");
    }

    @Test
    void refusesSeveralDatabasesBeforeExporting() {
        assertThatThrownBy(() -> new CloudSqlStyleExporter(plainGzip).export(List.of("a", "b"), dir.resolve("x.sql.gz").toUri()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one database");
        assertThat(dir.resolve("x.sql.gz")).doesNotExist();
    }
}
