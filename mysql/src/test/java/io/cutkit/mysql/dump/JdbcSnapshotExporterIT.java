package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSnapshotExporterIT {

    private static DatabaseServer server;
    private static ServerAddress address;
    private static String source;
    private static Map<String, String> sourceHashes;

    @TempDir
    Path tmp;

    @BeforeAll
    static void loadRefdata() throws Exception {
        server = DatabaseServers.shared();
        address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
        source = "src_" + Long.toHexString(System.nanoTime());
        JdbcSnapshotImporter.builder(address).build().importPath(RefData.dump(), source);
        try (Connection c = server.connect(source)) {
            sourceHashes = ContentHashes.of(c, source);
        }
        assertThat(ContentHashes.rowCounts(sourceHashes)).isEqualTo(new TreeMap<>(RefData.tableRows()));
    }

    private static JdbcSnapshotExporter.Builder exporter() {
        return JdbcSnapshotExporter.builder(address).workers(3);
    }

    private static Map<String, String> hashes(String database) throws Exception {
        try (Connection c = server.connect(database)) {
            return ContentHashes.of(c, database);
        }
    }

    @Test
    void roundTripsRefdataThroughAChunkDirectoryWithIdenticalContent() throws Exception {
        Path dir = tmp.resolve("snap");
        Snapshot snapshot = exporter().chunkRows(1500).build().export(List.of(source), dir.toUri());

        assertThat(snapshot.format()).isEqualTo(ChunkManifest.FORMAT);
        assertThat(snapshot.databases()).singleElement().satisfies(d -> {
            assertThat(d.collation()).isEqualTo("utf8mb4_0900_ai_ci");
            assertThat(d.characterSet()).isEqualTo("utf8mb4");
        });
        ChunkManifest manifest = ChunkManifest.read(dir);
        RefData.tableRows().forEach((table, rows) -> assertThat(manifest.rows(table)).as(table).isEqualTo(rows));
        assertThat(manifest.entries().stream().filter(e -> "leads".equals(e.table())).count()).isGreaterThan(1);

        String target = "rt_" + Long.toHexString(System.nanoTime());
        JdbcSnapshotImporter.builder(address).build().importInto(snapshot, target);
        assertThat(hashes(target)).isEqualTo(sourceHashes);
    }

    @Test
    void writesASingleGzipFileThatCutkitAndTheMariadbClientLoadIdentically() throws Exception {
        Path file = tmp.resolve("crm.sql.gz");
        Snapshot snapshot = exporter().build().export(List.of(source), file.toUri());
        assertThat(snapshot.format()).isEqualTo("sql.gz");
        assertThat(snapshot.sizeBytes()).isEqualTo(Files.size(file));

        String viaCutkit = server.createDatabase("viacutkit");
        JdbcSnapshotImporter.builder(address).build().importInto(snapshot, viaCutkit);
        assertThat(hashes(viaCutkit)).isEqualTo(sourceHashes);

        String viaClient = server.createDatabase("viaclient");
        MariaDbClient.Result result = MariaDbClient.load(server, file, viaClient);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(hashes(viaClient)).isEqualTo(sourceHashes);
        try (Connection c = server.connect(viaClient); var s = c.createStatement();
                var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()),"
                        + " (SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE())")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
            assertThat(rs.getInt(2)).isEqualTo(1);
        }
    }

    @Test
    void reportsProgressUpToEveryRow() {
        List<ExportProgress> seen = new ArrayList<>();
        exporter().progress(seen::add).build().export(List.of(source), tmp.resolve("p.sql").toUri());
        long total = RefData.tableRows().values().stream().mapToLong(Long::longValue).sum();
        assertThat(seen).isNotEmpty();
        ExportProgress last = seen.get(seen.size() - 1);
        assertThat(last.rows()).isEqualTo(total);
        assertThat(last.bytes()).isPositive();
        assertThat(last.eta()).isPresent();
    }

    @Test
    void rewritesDefinersOfStoredObjects() throws Exception {
        Path dir = tmp.resolve("definers");
        exporter().definers(DefinerPolicy.rewriteTo("app", "localhost")).build().export(List.of(source), dir.toUri());
        String objects = Files.readString(dir.resolve("objects.sql"));
        assertThat(objects).contains("DEFINER=`app`@`localhost`").doesNotContain("optileads_app");
    }

    @Test
    void refusesToOverwriteAnExistingDestination() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("other.txt"), "keep");
        assertThatThrownBy(() -> exporter().build().export(List.of(source), dir.toUri()))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("already exists");
        assertThat(Files.readString(dir.resolve("other.txt"))).isEqualTo("keep");
    }

    @Test
    void refusesAMissingSourceDatabaseAndLeavesNoFile() {
        Path file = tmp.resolve("none.sql");
        assertThatThrownBy(() -> exporter().build().export(List.of("no_such_db_here"), file.toUri()))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("does not exist");
        assertThat(file).doesNotExist();
    }
}
