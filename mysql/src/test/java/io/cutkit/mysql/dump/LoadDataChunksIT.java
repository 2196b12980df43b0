package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.data.Snapshot;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunk directories in the LOAD DATA format: values that must survive byte-exact, fallbacks, and refusals. */
class LoadDataChunksIT {

    private static DatabaseServer server;
    private static ServerAddress address;
    private static String source;
    private static Map<String, String> sourceHashes;

    @TempDir
    Path tmp;

    @BeforeAll
    static void createTrickySource() throws Exception {
        server = DatabaseServers.shared();
        address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
        source = server.createDatabase("tricky");
        try (Connection c = server.connect(source); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+02:00'");
            s.execute("CREATE TABLE `order` (`key` INT NOT NULL PRIMARY KEY, `select` TEXT, bin_u VARCHAR(20)"
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, doc JSON, flags BIT(10), amount DECIMAL(20,6),"
                    + " at DATETIME(6), ts TIMESTAMP(3) NULL, blob_ LONGBLOB,"
                    + " doubled INT AS (`key` * 2) VIRTUAL, label VARCHAR(30) AS (CONCAT('#', `key`)) STORED)"
                    + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
            s.execute("CREATE TABLE legacy (id INT PRIMARY KEY, name VARCHAR(40)) DEFAULT CHARSET=latin1");
            s.execute("CREATE TABLE no_key (a VARCHAR(10), b INT) DEFAULT CHARSET=utf8mb4");
            s.execute("CREATE TABLE places (id INT PRIMARY KEY, p POINT)");
            s.execute("INSERT INTO legacy VALUES (1, 'Gr\u00fc\u00dfe \u00e9\u00e8 \u00a3'), (2, NULL), (3, '')");
            s.execute("INSERT INTO no_key VALUES ('dup', 1), ('dup', 1), (NULL, NULL), ('', 0)");
            s.execute("INSERT INTO places VALUES (1, POINT(1.5, -2.25)), (2, NULL)");
        }
        byte[] everyByte = new byte[512];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = (byte) i;
        }
        String[] texts = {null, "", "\\N", "N", "tab\there", "line\nbreak\r\nwindows", "back\\slash\\", "nul\0byte",
            "ctrl-z\u001a", "emoji \ud83d\ude80\ud83c\udf89", "quote ' and \" and `", "\\t literal", "trailing\\"};
        try (Connection c = server.connect(source);
                PreparedStatement p = c.prepareStatement("INSERT INTO `order` (`key`, `select`, bin_u, doc, flags, amount,"
                        + " at, ts, blob_) VALUES (?, ?, ?, ?, b'1010000011', ?, ?, ?, ?)")) {
            for (int i = 0; i < texts.length; i++) {
                p.setInt(1, i + 1);
                p.setString(2, texts[i]);
                p.setString(3, i % 2 == 0 ? "Abc\u00e9" : "abc\u00c9");
                p.setString(4, i % 3 == 0 ? null : "{\"k\": \"\u00e9\ud83d\ude80\", \"t\": \"a\\tb\", \"n\": [1, 2.5]}");
                p.setString(5, i % 4 == 0 ? null : "-12345678901234.123456");
                p.setString(6, "2024-02-29 23:59:59.12345" + i);
                p.setString(7, i % 5 == 0 ? null : "2024-03-31 01:30:00.125");
                p.setBytes(8, i % 6 == 0 ? null : i % 6 == 1 ? new byte[0] : everyByte);
                p.addBatch();
            }
            p.executeBatch();
            try (Statement s = c.createStatement()) {
                s.execute("UPDATE `order` SET flags = NULL WHERE `key` = 2");
                s.execute("UPDATE `order` SET flags = b'0' WHERE `key` = 3");
            }
        }
        try (Connection c = server.connect(source)) {
            sourceHashes = ContentHashes.of(c, source);
        }
    }

    private static JdbcSnapshotImporter importer() {
        return JdbcSnapshotImporter.builder(address).workers(3).build();
    }

    private static Map<String, String> hashes(String database) throws Exception {
        try (Connection c = server.connect(database)) {
            return ContentHashes.of(c, database);
        }
    }

    @Test
    void roundTripsEveryValueByteExactAndKeepsInsertChunksOnlyForSpatialTables() throws Exception {
        Path dir = tmp.resolve("snap");
        Snapshot snapshot = JdbcSnapshotExporter.builder(address).workers(2).build().export(List.of(source), dir.toUri());
        ChunkManifest manifest = ChunkManifest.read(dir);
        for (ChunkManifest.Entry e : manifest.entries()) {
            if (e.part() == ChunkManifest.Part.DATA) {
                assertThat(e.format()).as(e.table())
                        .isEqualTo(e.table().equals("places") ? ChunkManifest.Format.SQL : ChunkManifest.Format.LOAD_DATA);
            }
        }
        ChunkManifest.Entry order = manifest.entries().stream().filter(e -> "order".equals(e.table())).findFirst().orElseThrow();
        assertThat(order.columns()).extracting(ChunkManifest.Column::name)
                .as("generated columns are computed by the target, not loaded")
                .containsExactly("key", "select", "bin_u", "doc", "flags", "amount", "at", "ts", "blob_");
        assertThat(order.columns().get(4).kind()).isEqualTo(ChunkManifest.ColumnKind.BIT);

        String target = "tricky_rt_" + Long.toHexString(System.nanoTime());
        importer().importInto(snapshot, target);

        assertThat(hashes(target)).isEqualTo(sourceHashes);
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT HEX(name) FROM legacy WHERE id = 1")) {
                rs.next();
                assertThat(rs.getString(1)).as("latin1 bytes, not UTF-8 stored as latin1").isEqualTo("4772FCDF6520E9E820A3");
            }
            try (ResultSet rs = s.executeQuery("SELECT `select` IS NULL, `select` FROM `order` WHERE `key` IN (1, 3) ORDER BY `key`")) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("NULL stays NULL").isTrue();
                rs.next();
                assertThat(rs.getString(2)).as("the text \\N is not NULL").isEqualTo("\\N");
            }
            try (ResultSet rs = s.executeQuery("SELECT LENGTH(blob_), BIN(flags), doubled, label FROM `order` WHERE `key` = 5")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(512);
                assertThat(rs.getString(2)).isEqualTo("1010000011");
                assertThat(rs.getInt(3)).isEqualTo(10);
                assertThat(rs.getString(4)).isEqualTo("#5");
            }
        }
    }

    @Test
    void importsAVersion1SnapshotDirectoryOfInsertChunks() throws Exception {
        Path dir = tmp.resolve("v1");
        JdbcSnapshotExporter.builder(address).chunkFormat(ChunkManifest.Format.SQL).build().export(List.of(source), dir.toUri());
        ChunkManifest manifest = ChunkManifest.read(dir);
        // the manifest as cutkit wrote it before LOAD DATA chunks existed
        StringBuilder v1 = new StringBuilder("cutkit-snapshot\t1\n");
        List<String> lines = Files.readAllLines(dir.resolve(ChunkManifest.FILE_NAME));
        v1.append(lines.get(1)).append('\n');
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split("\t", -1);
            assertThat(f[6]).isEqualTo("sql");
            v1.append(String.join("\t", List.of(f).subList(0, 6))).append('\n');
        }
        Files.writeString(dir.resolve(ChunkManifest.FILE_NAME), v1.toString());
        assertThat(ChunkManifest.read(dir).entries()).isEqualTo(manifest.entries());

        String target = "tricky_v1_" + Long.toHexString(System.nanoTime());
        importer().importPath(dir, target);
        assertThat(hashes(target)).isEqualTo(sourceHashes);
    }

    @Test
    void refusesACorruptedChunkBeforeChangingAnything() throws Exception {
        Path dir = tmp.resolve("corrupt");
        JdbcSnapshotExporter.builder(address).build().export(List.of(source), dir.toUri());
        ChunkManifest.Entry chunk = firstChunkOf(dir, "legacy");
        Path file = dir.resolve(chunk.path());
        byte[] bytes = Files.readAllBytes(file);
        bytes[3] ^= 1;
        Files.write(file, bytes);

        String target = server.createDatabase("corrupt");
        assertThatThrownBy(() -> importer().importPath(dir, target))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining(chunk.path()).hasMessageContaining("SHA-256");
        assertThat(tableCount(target)).isZero();
    }

    @Test
    void failsAChunkWhoseRowsDoNotFitTheTableNamingFileAndLine() throws Exception {
        Path dir = tmp.resolve("misfit");
        JdbcSnapshotExporter.builder(address).build().export(List.of(source), dir.toUri());
        ChunkManifest.Entry chunk = firstChunkOf(dir, "legacy");
        Path file = dir.resolve(chunk.path());
        // a consistent manifest for a chunk whose second line lacks a field
        Files.writeString(file, "1\tone\n2\n3\tthree\n", StandardCharsets.UTF_8);
        rewriteEntry(dir, chunk, 3);

        String target = "misfit_" + Long.toHexString(System.nanoTime());
        assertThatThrownBy(() -> importer().importPath(dir, target))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageContaining(chunk.path() + " line 2")
                .hasMessageContaining("1261")
                .satisfies(e -> assertThat(((StatementFailedException) e).line()).isEqualTo(2))
                .hasMessageEndingWith("the target `" + target + "` does not exist, as before");
        try (Connection c = server.connect(""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '" + target + "%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("neither the target nor its staging database").isZero();
        }
    }

    @Test
    void answersTheServersLocalRequestOnlyFromCutkitsStream() throws Exception {
        Path secret = Files.writeString(tmp.resolve("not-for-the-server.txt"), "9\tfrom the file\n");
        String db = server.createDatabase("guard");
        try (Connection c = server.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(40))");
        }
        Path jail = LocalDataLoad.jail();
        try (HikariDataSource pool = address.pool(db, 1, true, jail); Connection c = pool.getConnection()) {
            String sql = "LOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE t";
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as("a LOCAL request outside cutkit's load reads no file")
                        .isInstanceOf(java.sql.SQLException.class);
            }
            long loaded = LocalDataLoad.load(c, sql, new ByteArrayInputStream("1\tfrom the stream\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(loaded).isEqualTo(1);
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(sql)).as("the permission ends with the load")
                        .isInstanceOf(java.sql.SQLException.class);
                try (ResultSet rs = s.executeQuery("SELECT GROUP_CONCAT(v) FROM t")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo("from the stream");
                }
            }
        } finally {
            Files.delete(jail);
        }
    }

    @Test
    void sendsLoadDataChunksAsInsertsToATargetWithLocalInfileOffByteExact() throws Exception {
        Path dir = tmp.resolve("noinfile");
        JdbcSnapshotExporter.builder(address).build().export(List.of(source), dir.toUri());
        Path misfit = tmp.resolve("noinfile-misfit");
        JdbcSnapshotExporter.builder(address).build().export(List.of(source), misfit.toUri());
        ChunkManifest.Entry chunk = firstChunkOf(misfit, "legacy");
        Files.writeString(misfit.resolve(chunk.path()), "1\tone\n2\n", StandardCharsets.UTF_8);
        rewriteEntry(misfit, chunk, 2);
        try (DatabaseServer other = EmbeddedMariaDb.builder().start()) {
            try (Connection c = other.connect(null); Statement s = c.createStatement()) {
                s.execute("SET GLOBAL local_infile = 0");
            }
            ServerAddress otherAddress = ServerAddress.of(other.jdbcUrl(""), other.user(), other.password());
            String target = "noinfile_" + Long.toHexString(System.nanoTime());
            JdbcSnapshotImporter.builder(otherAddress).build().importPath(dir, target);
            try (Connection c = other.connect(target)) {
                assertThat(ContentHashes.of(c, target)).isEqualTo(sourceHashes);
            }

            String misfitTarget = "noinfile_misfit_" + Long.toHexString(System.nanoTime());
            assertThatThrownBy(() -> JdbcSnapshotImporter.builder(otherAddress).build().importPath(misfit, misfitTarget))
                    .isInstanceOf(DumpFormatException.class)
                    .hasMessageContaining(chunk.path() + " line 2 has fewer fields");
        }
    }

    private static ChunkManifest.Entry firstChunkOf(Path dir, String table) throws Exception {
        return ChunkManifest.read(dir).entries().stream().filter(e -> table.equals(e.table())).findFirst().orElseThrow();
    }

    private static void rewriteEntry(Path dir, ChunkManifest.Entry chunk, long rows) throws Exception {
        ChunkManifest manifest = ChunkManifest.read(dir);
        List<ChunkManifest.Entry> entries = new ArrayList<>();
        Path file = dir.resolve(chunk.path());
        for (ChunkManifest.Entry e : manifest.entries()) {
            entries.add(e.path().equals(chunk.path()) ? new ChunkManifest.Entry(e.part(), e.path(), Files.size(file),
                    ChunkManifest.sha256(file), e.table(), rows, e.format(), e.columns()) : e);
        }
        new ChunkManifest(manifest.database(), manifest.characterSet(), manifest.collation(), entries).write(dir);
    }

    private static int tableCount(String database) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
