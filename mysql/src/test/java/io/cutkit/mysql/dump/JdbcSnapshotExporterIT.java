package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.VerificationReport;
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
        importer(address).importPath(Refdata.dump(), source);
        try (Connection c = server.connect(source)) {
            sourceHashes = ContentHashes.of(c, source);
        }
        assertThat(ContentHashes.rowCounts(sourceHashes)).isEqualTo(new TreeMap<>(Refdata.tables()));
    }

    private static JdbcSnapshotExporter.Builder exporter() {
        return JdbcSnapshotExporter.builder(address).workers(3);
    }

    private static Map<String, String> hashes(String database) throws Exception {
        return hashes(server, database);
    }

    private static Map<String, String> hashes(DatabaseServer on, String database) throws Exception {
        try (Connection c = on.connect(database)) {
            return ContentHashes.of(c, database);
        }
    }

    /** refdata's DEFINER account does not exist on this server; these tests are about content, not accounts. */
    private static JdbcSnapshotImporter importer(ServerAddress server) {
        return JdbcSnapshotImporter.builder(server).allowMissingDefiners(true).build();
    }

    @Test
    void roundTripsRefdataThroughAChunkDirectoryWithIdenticalContent() throws Exception {
        Path dir = tmp.resolve("snap");
        Snapshot snapshot = exporter().chunkRows(1500).build().export(List.of(source), dir.toUri());

        assertThat(snapshot.format()).isEqualTo(ChunkManifest.FORMAT);
        assertThat(snapshot.databases()).singleElement().satisfies(d -> {
            assertThat(d.collation()).isEqualTo(Refdata.text("database", "collation"));
            assertThat(d.characterSet()).isEqualTo(Refdata.text("database", "characterSet"));
        });
        ChunkManifest manifest = ChunkManifest.read(dir);
        Refdata.tables().forEach((table, rows) -> assertThat(manifest.rows(table)).as(table).isEqualTo(rows));
        assertThat(manifest.entries().stream().filter(e -> largestTable().equals(e.table())).count()).isGreaterThan(1);

        String target = "rt_" + Long.toHexString(System.nanoTime());
        importer(address).importInto(snapshot, target);
        assertThat(hashes(target)).isEqualTo(sourceHashes);
        VerificationReport verified = DatabaseVerifier.builder().build()
                .compare(server.dataSource(null), source, server.dataSource(null), target);
        assertThat(verified.matches()).as(verified.toText()).isTrue();
        assertThat(verified.tables()).hasSize(Refdata.tables().size());
    }

    @Test
    void writesASingleGzipFileThatCutkitAndTheMariadbClientLoadIdentically() throws Exception {
        Path file = tmp.resolve("crm.sql.gz");
        Snapshot snapshot = exporter().build().export(List.of(source), file.toUri());
        assertThat(snapshot.format()).isEqualTo("sql.gz");
        assertThat(snapshot.sizeBytes()).isEqualTo(Files.size(file));

        String viaCutkit = server.createDatabase("viacutkit");
        importer(address).importInto(snapshot, viaCutkit);
        assertThat(hashes(viaCutkit)).isEqualTo(sourceHashes);

        String viaClient = server.createDatabase("viaclient");
        MariaDbClient.Result result = MariaDbClient.load(server, file, viaClient);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(hashes(viaClient)).isEqualTo(sourceHashes);
        try (Connection c = server.connect(viaClient); var s = c.createStatement();
                var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()),"
                        + " (SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE())")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(Refdata.at("triggers").size());
            assertThat(rs.getInt(2)).isEqualTo(Refdata.at("views").size());
        }
    }

    /** The table with the most rows in refdata's manifest. */
    private static String largestTable() {
        return Refdata.tables().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void roundTripsColumnsOfOtherCharacterSetsThroughAChunkDirectoryByteExact() throws Exception {
        String db = server.createDatabase("charsets");
        try (Connection c = server.connect(db); var s = c.createStatement()) {
            s.execute("CREATE TABLE mixed (id INT PRIMARY KEY, l1 VARCHAR(40) CHARACTER SET latin1,"
                    + " u3 VARCHAR(40) CHARACTER SET utf8mb3, u16 VARCHAR(40) CHARACTER SET utf16,"
                    + " u4 TEXT CHARACTER SET utf8mb4, b VARBINARY(40), doc JSON) DEFAULT CHARSET=utf8mb4");
            s.execute("INSERT INTO mixed VALUES (1, 'Gr\u00fc\u00dfe \u00e9\u00e8', 'na\u00efve', '\u65e5\u672c', 'emoji \ud83d\ude80',"
                    + " 0x00FF27225C0A0D091A, '{\"k\": \"\u00e9\ud83d\ude80\"}'),"
                    + " (2, 'tab\there\\back''quote', 'line\nbreak', 'x\\y', 'nul\0byte', '', NULL),"
                    + " (3, NULL, NULL, NULL, NULL, NULL, '[]')");
        }
        Map<String, String> expected = hashes(db);
        Path dir = tmp.resolve("charsets");
        Snapshot snapshot = exporter().build().export(List.of(db), dir.toUri());
        String target = "charsets_rt_" + Long.toHexString(System.nanoTime());
        importer(address).importInto(snapshot, target);

        assertThat(hashes(target)).isEqualTo(expected);
        try (Connection c = server.connect(target); var s = c.createStatement();
                var rs = s.executeQuery("SELECT l1, HEX(l1), u16 FROM mixed WHERE id = 1")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("Gr\u00fc\u00dfe \u00e9\u00e8");
            assertThat(rs.getString(2)).as("latin1 bytes, not UTF-8 stored as latin1").isEqualTo("4772FCDF6520E9E8");
            assertThat(rs.getString(3)).isEqualTo("\u65e5\u672c");
        }
    }

    @Test
    void failsATableWhoseInsertChunksHoldOtherRowCountsThanTheManifest() throws Exception {
        Path dir = tmp.resolve("miscounted");
        exporter().chunkFormat(ChunkManifest.Format.SQL).build().export(List.of(source), dir.toUri());
        String miscountedTable = addRowToFirstChunk(dir);

        String target = "miscounted_" + Long.toHexString(System.nanoTime());
        assertThatThrownBy(() -> importer(address).importPath(dir, target))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("`" + miscountedTable + "` loaded")
                .hasMessageContaining("but the manifest records");
    }

    @Test
    void failsALoadDataChunkThatHoldsOtherRowCountsThanTheManifestNamingTheChunk() throws Exception {
        Path dir = tmp.resolve("miscounted-tsv");
        exporter().build().export(List.of(source), dir.toUri());
        String miscountedTable = addRowToFirstChunk(dir);
        ChunkManifest.Entry chunk = ChunkManifest.read(dir).entries().stream()
                .filter(e -> miscountedTable.equals(e.table())).findFirst().orElseThrow();
        assertThat(chunk.format()).isEqualTo(ChunkManifest.Format.LOAD_DATA);

        String target = "miscounted_tsv_" + Long.toHexString(System.nanoTime());
        assertThatThrownBy(() -> importer(address).importPath(dir, target))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageContaining(chunk.path())
                .hasMessageContaining("loaded " + (chunk.rows() - 1) + " rows but the manifest records " + chunk.rows())
                .hasMessageEndingWith("the target `" + target + "` does not exist, as before");
        try (Connection c = server.connect(""); var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '" + target + "%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("neither the target nor its staging database").isZero();
        }
    }

    /** Records one row more than the first non-empty data chunk holds; returns its table. */
    private static String addRowToFirstChunk(Path dir) throws Exception {
        ChunkManifest manifest = ChunkManifest.read(dir);
        List<ChunkManifest.Entry> entries = new ArrayList<>();
        String miscountedTable = null;
        for (ChunkManifest.Entry e : manifest.entries()) {
            if (miscountedTable == null && e.part() == ChunkManifest.Part.DATA && e.rows() > 0) {
                miscountedTable = e.table();
                e = e.withRows(e.rows() + 1);
            }
            entries.add(e);
        }
        new ChunkManifest(manifest.database(), manifest.characterSet(), manifest.collation(), entries).write(dir);
        return miscountedTable;
    }

    @Test
    void carriesRoutinesEventsTriggersAndViewsThroughTheClientAndCutkit() throws Exception {
        // stored routines need grant tables, which the shared server skips
        try (DatabaseServer grants = EmbeddedMariaDb.builder().grantTables(true).start()) {
            carryPrograms(grants, ServerAddress.of(grants.jdbcUrl(""), grants.user(), grants.password()));
        }
    }

    private void carryPrograms(DatabaseServer server, ServerAddress address) throws Exception {
        String db = server.createDatabase("programs");
        try (Connection c = server.connect(db); var s = c.createStatement()) {
            s.execute("CREATE TABLE `order` (`id` INT PRIMARY KEY, `select` VARCHAR(20), total DECIMAL(10,2))");
            s.execute("CREATE TABLE audit (id INT AUTO_INCREMENT PRIMARY KEY, note VARCHAR(50))");
            s.execute("INSERT INTO `order` VALUES (1, 'a;b', 9.50), (2, 'it''s', 20.00)");
            s.execute("CREATE PROCEDURE add_order(IN i INT) BEGIN INSERT INTO `order` VALUES (i, 'p;q', 1); SELECT i; END");
            s.execute("CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2");
            s.execute("CREATE TRIGGER order_ins AFTER INSERT ON `order` FOR EACH ROW INSERT INTO audit (note) VALUES (CONCAT('new;', NEW.id))");
            s.execute("CREATE VIEW big_orders AS SELECT `id`, total FROM `order` WHERE total > 10");
            s.execute("CREATE VIEW big_order_ids AS SELECT id FROM big_orders");
            s.execute("CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM audit WHERE id < 0");
        }
        Map<String, String> expected = hashes(server, db);
        Path file = tmp.resolve("programs.sql");
        JdbcSnapshotExporter.builder(address).workers(2).build().export(List.of(db), file.toUri());

        String viaClient = server.createDatabase("programs_client");
        MariaDbClient.Result result = MariaDbClient.load(server, file, viaClient);
        assertThat(result.exitCode()).as(result.output()).isZero();
        String viaCutkit = server.createDatabase("programs_cutkit");
        importer(address).importPath(file, viaCutkit);

        // a third-party dump of the same database, which creates and selects its own database
        Path thirdParty = tmp.resolve("programs-mariadb-dump.sql");
        MariaDbClient.Result dumped = MariaDbClient.dump(server, db, thirdParty);
        assertThat(dumped.exitCode()).as(dumped.output()).isZero();
        String fromThirdParty = "programs_tp_" + Long.toHexString(System.nanoTime());
        importer(address).importPath(thirdParty, fromThirdParty);

        for (String target : List.of(viaClient, viaCutkit, fromThirdParty)) {
            assertThat(hashes(server, target)).as(target).isEqualTo(expected);
            try (Connection c = server.connect(target); var s = c.createStatement()) {
                try (var rs = s.executeQuery("SELECT twice(21)")) {
                    rs.next();
                    assertThat(rs.getInt(1)).isEqualTo(42);
                }
                s.execute("CALL add_order(3)");
                try (var rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM audit), (SELECT COUNT(*) FROM big_order_ids),"
                        + " (SELECT COUNT(*) FROM information_schema.EVENTS WHERE EVENT_SCHEMA = DATABASE())")) {
                    rs.next();
                    assertThat(rs.getInt(1)).as("trigger fired once, after the load").isEqualTo(1);
                    assertThat(rs.getInt(2)).isEqualTo(1);
                    assertThat(rs.getInt(3)).isEqualTo(1);
                }
            }
        }
    }

    @Test
    void refusesASnapshotFileThatChangedAfterTheExportAndChangesNothing() throws Exception {
        Path file = tmp.resolve("damaged.sql");
        Snapshot snapshot = exporter().build().export(List.of(source), file.toUri());
        byte[] bytes = Files.readAllBytes(file);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("INSERT INTO " + Refdata.quote(largestTable())) + 40;
        bytes[at] = (byte) (bytes[at] ^ 1);
        Files.write(file, bytes);
        String target = server.createDatabase("damaged");
        assertThatThrownBy(() -> importer(address).importInto(snapshot, target))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("SHA-256");
        try (Connection c = server.connect(target); var s = c.createStatement();
                var rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void reportsProgressUpToEveryRow() {
        List<ExportProgress> seen = new ArrayList<>();
        exporter().progress(seen::add).build().export(List.of(source), tmp.resolve("p.sql").toUri());
        long total = Refdata.tables().values().stream().mapToLong(Long::longValue).sum();
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
        assertThat(objects).contains("DEFINER=`app`@`localhost`");
        Refdata.definers().forEach(definer -> assertThat(objects).doesNotContain("DEFINER=" + definer));
    }

    @Test
    void exportsViewsOfAMissingDefinerWithoutTheSourceDatabasesName() throws Exception {
        String db = server.createDatabase("orphan_views");
        try (Connection c = server.connect(db); var s = c.createStatement()) {
            s.execute("CREATE TABLE `order` (`key` VARCHAR(10) PRIMARY KEY, `select` TEXT)");
            s.execute("INSERT INTO `order` VALUES ('a', 'x')");
            s.execute("CREATE DEFINER=`gone`@`%` SQL SECURITY DEFINER VIEW `v` AS SELECT `order`.`key`, `order`.`select`"
                    + " FROM `order` WHERE `order`.`select` <> '" + db + ".'");
        }
        Path dir = tmp.resolve("orphans");
        exporter().build().export(List.of(db), dir.toUri());
        String objects = Files.readString(dir.resolve("objects.sql"));
        assertThat(objects).contains("VIEW `v` AS select `order`.`key`").doesNotContain("`" + db + "`.")
                .contains("'" + db + ".'");

        String copy = "orphans_copy_" + Long.toHexString(System.nanoTime());
        importer(address).importPath(dir, copy);
        server.dropDatabase(db);
        try (Connection c = server.connect(copy); var s = c.createStatement();
                var rs = s.executeQuery("SELECT VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")) {
            rs.next();
            assertThat(rs.getString(1)).contains("`" + copy + "`.`order`").doesNotContain("`" + db + "`");
        }
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
