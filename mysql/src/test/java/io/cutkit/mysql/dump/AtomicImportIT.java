package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.ImportOutcome;
import io.cutkit.core.data.Snapshot;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed or interrupted import leaves the target as it was: absent, or with the same tables, rows and objects. */
class AtomicImportIT {

    private static final String SECOND_TO_LAST_TABLE = "tags";
    private static DatabaseServer server;
    private static ServerAddress address;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        server = DatabaseServers.shared();
        address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
    }

    private static JdbcSnapshotImporter.Builder importer() {
        return JdbcSnapshotImporter.builder(address).workers(3).definers(DefinerPolicy.strip());
    }

    @Test
    void aDumpFailingAtTheSecondToLastTableLeavesAnAbsentTargetAbsent() throws Exception {
        Path dump = refdataFailingAtSecondToLastTable();
        String target = "absent_" + Long.toHexString(System.nanoTime());
        List<String> before = databases();

        assertThatThrownBy(() -> importer().build().importPath(dump, target))
                .isInstanceOfSatisfying(StatementFailedException.class,
                        e -> assertThat(e.statementPreview()).contains("cutkit_no_such_function"))
                .hasMessageEndingWith("the target `" + target + "` does not exist, as before");

        assertThat(databases()).isEqualTo(before);
    }

    @Test
    void aDumpFailingAtTheSecondToLastTableLeavesAnExistingTargetIdentical() throws Exception {
        String target = server.createDatabase("existing");
        importer().build().importPath(Refdata.dump(), target);
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE own_table (id INT PRIMARY KEY, note VARCHAR(20))");
            s.execute("INSERT INTO own_table VALUES (1, 'mine'), (2, 'also mine')");
            s.execute("DELETE FROM " + Refdata.quote(SECOND_TO_LAST_TABLE) + " LIMIT 1");
        }
        Map<String, String> before = state(target);
        List<String> databasesBefore = databases();

        assertThatThrownBy(() -> importer().build().importPath(refdataFailingAtSecondToLastTable(), target))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageEndingWith("the target `" + target + "` is unchanged");

        assertThat(state(target)).isEqualTo(before);
        assertThat(databases()).isEqualTo(databasesBefore);
    }

    @Test
    void aDataScriptFailingInItsLastTableLeavesTheTablesItAddedToAndTheirTriggersIdentical() throws Exception {
        String target = server.createDatabase("added_to");
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("CREATE TABLE child (id INT PRIMARY KEY, parent_id INT,"
                    + " CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (id))");
            s.execute("CREATE TABLE parent_log (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(40))");
            s.execute("CREATE TRIGGER parent_ai AFTER INSERT ON parent FOR EACH ROW INSERT INTO parent_log (msg) VALUES (NEW.name)");
            s.execute("INSERT INTO parent VALUES (1, 'existing')");
            s.execute("INSERT INTO child VALUES (1, 1)");
        }
        Path data = Files.writeString(Files.createTempFile("data", ".sql"), """
                INSERT INTO parent VALUES (2, 'added'), (3, 'added too');
                INSERT INTO child VALUES (2, 2);
                INSERT INTO child VALUES (1, 3);
                """);
        Map<String, String> before = state(target);
        List<String> databasesBefore = databases();

        assertThatThrownBy(() -> importer().build().importPath(data, target))
                .isInstanceOfSatisfying(StatementFailedException.class, e -> assertThat(e.getMessage()).contains("1062", "line 3"))
                .hasMessageEndingWith("the target `" + target + "` is unchanged");

        assertThat(state(target)).isEqualTo(before);
        assertThat(databases()).isEqualTo(databasesBefore);
        Files.writeString(data, "INSERT INTO no_such_table VALUES (1);\n");
        assertThatThrownBy(() -> importer().build().importPath(data, target))
                .hasMessageContaining("Table '" + target + ".no_such_table' doesn't exist").hasMessageNotContaining(StagingArea.STAGING_MARKER);
        Files.writeString(data, "INSERT INTO parent VALUES (2, 'added');\nINSERT INTO child VALUES (2, 2);\n");
        importer().build().importPath(data, target);
        assertThat(strings("SELECT msg FROM `" + target + "`.parent_log ORDER BY id")).containsExactly("existing", "added");
        assertThat(strings("SELECT CONSTRAINT_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = '"
                + target + "'")).containsExactly("fk_child_parent");
        assertThat(strings("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + target + "'"))
                .containsExactly("parent_ai");
    }

    @Test
    void refusesPlainCreatesOfAViewRoutineTriggerAndEventTheTargetHoldsAsTheClientFailsOnEachAndChangesNothing()
            throws Exception {
        String target = targetWithItsOwnObjects();
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE EVENT nightly ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM keep_me WHERE id < 0");
        }
        Map<String, String> before = state(target);
        Path dump = tmp.resolve("programs.sql");
        Files.writeString(dump, "CREATE VIEW `item_names` AS SELECT 1 AS `name`;\n"
                + "CREATE FUNCTION `TWICE`(x int) RETURNS int DETERMINISTIC RETURN x * 2;\n"
                + "CREATE TRIGGER `items_bi` BEFORE UPDATE ON `items` FOR EACH ROW SET NEW.name = 'x';\n"
                + "CREATE EVENT `nightly` ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1;\n"
                + "CREATE OR REPLACE VIEW `fine_1` AS SELECT 1;\nCREATE TRIGGER IF NOT EXISTS `items_bi` BEFORE INSERT ON `items`"
                + " FOR EACH ROW SET NEW.name = 'y';\n");

        assertThatThrownBy(() -> importer().build().importPath(dump, target))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> {
                    assertThat(e.reasons()).singleElement().asString().startsWith("lines 1-4: the dump creates 4 objects")
                            .contains("table or view `item_names` (line 1, error 1050), function `TWICE` (line 2, error 1304),"
                                    + " trigger `items_bi` (line 3, error 1359), event `nightly` (line 4, error 1537)");
                    assertThat(e.report().verdicts(DumpVerdict.ObjectExists.class)).extracting(DumpVerdict::line)
                            .containsExactly(1L, 2L, 3L, 4L);
                });

        assertThat(state(target)).isEqualTo(before);
        Files.writeString(dump, "DROP TABLE IF EXISTS `items`;\nCREATE TABLE `items` (`id` int PRIMARY KEY, `name` varchar(20));\n"
                + "CREATE TRIGGER `items_bi` BEFORE UPDATE ON `items` FOR EACH ROW SET NEW.name = 'x';\n");
        importer().build().importPath(dump, target);
        assertThat(strings("SELECT EVENT_MANIPULATION FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + target + "'"))
                .containsExactly("UPDATE");
    }

    @Test
    void aDataScriptLoadedWithDefinersStrippedKeepsTheDefinersOfTheTargetsOwnTriggersAndRoutines() throws Exception {
        String target = server.createDatabase("own_definers");
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE USER IF NOT EXISTS 'trigger_owner'@'%'");
            s.execute("GRANT SELECT, INSERT, UPDATE, TRIGGER, EXECUTE ON `" + target + "`.* TO 'trigger_owner'@'%'");
            s.execute("CREATE TABLE audited (id INT PRIMARY KEY, n INT)");
            s.execute("CREATE DEFINER = 'trigger_owner'@'%' FUNCTION plus_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1");
            s.execute("CREATE DEFINER = 'trigger_owner'@'%' TRIGGER audited_bi BEFORE INSERT ON audited FOR EACH ROW"
                    + " SET NEW.n = NEW.id");
        }
        Path data = Files.writeString(tmp.resolve("data.sql"),
                "CREATE DEFINER=`someone_else`@`%` FUNCTION dump_own() RETURNS INT DETERMINISTIC RETURN 1;\n"
                        + "INSERT INTO audited (id) VALUES (1), (2);\n");

        importer().build().importPath(data, target);

        assertThat(strings("SELECT n FROM `" + target + "`.audited ORDER BY id")).containsExactly("1", "2");
        assertThat(strings("SELECT DEFINER FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + target + "'"))
                .containsExactly("trigger_owner@%");
        assertThat(strings("SELECT CONCAT(ROUTINE_NAME, ' ', DEFINER) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = '"
                + target + "' ORDER BY ROUTINE_NAME")).hasSize(2)
                .satisfies(r -> assertThat(r.get(0)).startsWith("dump_own ").doesNotContain("someone_else"))
                .satisfies(r -> assertThat(r.get(1)).isEqualTo("plus_one trigger_owner@%"));
    }

    @Test
    void replacesTablesViewsTriggersAndRoutinesOfTheSameNamesAndKeepsTheTargetsOthers() throws Exception {
        String target = targetWithItsOwnObjects();
        Path dump = objectsDump("");

        importer().build().importPath(dump, target);

        assertThat(strings("SELECT name FROM `" + target + "`.items ORDER BY id")).containsExactly("new", "newer");
        assertThat(strings("SELECT id FROM `" + target + "`.keep_me")).containsExactly("42");
        assertThat(strings("SELECT `" + target + "`.twice(5)")).containsExactly("10");
        assertThat(strings("SELECT * FROM `" + target + "`.item_names ORDER BY 1")).containsExactly("new", "newer");
        assertThat(strings("SELECT ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + target + "'"))
                .singleElement().asString().contains("UPPER");
        assertThat(strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + target + "' ORDER BY 1"))
                .containsExactlyInAnyOrder("item_names", "items", "keep_me");
        assertThat(databases()).noneMatch(d -> d.contains(StagingArea.STAGING_MARKER));
    }

    @Test
    void refusesAPlainCreateTableOfATableTheTargetHoldsAsTheClientFailsWith1050AndChangesNothing() throws Exception {
        String target = targetWithItsOwnObjects();
        Map<String, String> before = state(target);
        Path dump = tmp.resolve("no-drop.sql");
        Files.writeString(dump, "CREATE TABLE `fresh` (`id` int PRIMARY KEY);\nINSERT INTO `fresh` VALUES (1);\n"
                + "CREATE TABLE `ITEMS` (`id` int PRIMARY KEY, `name` varchar(20));\n"
                + "CREATE TABLE `items` (`id` int PRIMARY KEY, `name` varchar(20));\nINSERT INTO `items` VALUES (9,'replaced');\n"
                + "CREATE TABLE IF NOT EXISTS `keep_me` (`id` int PRIMARY KEY);\nINSERT INTO `keep_me` VALUES (43);\n");

        assertThatThrownBy(() -> importer().build().importPath(dump, target))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.reasons()).singleElement().asString()
                        .startsWith("line 4: ").contains("table or view `items`", "1050"))
                .hasMessageContaining("nothing was changed");

        assertThat(state(target)).isEqualTo(before);
        Files.writeString(dump, "DROP TABLE IF EXISTS `fresh`, `items`;\n" + Files.readString(dump).replace("CREATE TABLE `ITEMS` (`id` int PRIMARY KEY, `name` varchar(20));\n", ""));
        importer().build().importPath(dump, target);
        assertThat(strings("SELECT name FROM `" + target + "`.items")).containsExactly("replaced");
        assertThat(strings("SELECT id FROM `" + target + "`.keep_me ORDER BY id")).containsExactly("42", "43");
    }

    @Test
    void undoesTheMoveWhenAnObjectFailsInTheTargetAfterTheTablesMovedIn() throws Exception {
        String target = targetWithItsOwnObjects();
        Map<String, String> before = state(target);
        List<String> databasesBefore = databases();
        Path dump = objectsDump("CREATE EVENT `never` ON SCHEDULE EVERY 0 DAY DO SELECT 1;\n");

        assertThatThrownBy(() -> importer().build().importPath(dump, target))
                .isInstanceOfSatisfying(StatementFailedException.class, e -> assertThat(e.statementPreview()).contains("never"))
                .hasMessageEndingWith("the target `" + target + "` is unchanged");

        assertThat(state(target)).isEqualTo(before);
        assertThat(databases()).isEqualTo(databasesBefore);
    }

    @Test
    void aChunkDirectoryWithAChunkShortOfRowsLeavesTheTargetIdenticalAndAnAbsentOneAbsent() throws Exception {
        String source = server.createDatabase("chunk_src");
        importer().build().importPath(Refdata.dump(), source);
        Path dir = tmp.resolve("snap");
        Snapshot snapshot = JdbcSnapshotExporter.builder(address).workers(2).build().export(List.of(source), dir.toUri());
        String existing = server.createDatabase("chunk_target");
        importer().build().importInto(snapshot, existing);
        try (Connection c = server.connect(existing); Statement s = c.createStatement()) {
            s.execute("DELETE FROM " + Refdata.quote(SECOND_TO_LAST_TABLE) + " LIMIT 2");
        }
        dropLastLineKeepingTheManifestConsistent(dir, SECOND_TO_LAST_TABLE);
        Map<String, String> before = state(existing);
        String absent = "absent_" + Long.toHexString(System.nanoTime());
        List<String> databasesBefore = databases();

        assertThatThrownBy(() -> importer().build().importInto(snapshot, existing))
                .isInstanceOf(StatementFailedException.class).hasMessageContaining("manifest records")
                .hasMessageEndingWith("the target `" + existing + "` is unchanged");
        assertThatThrownBy(() -> importer().build().importInto(snapshot, absent))
                .isInstanceOf(StatementFailedException.class)
                .hasMessageEndingWith("the target `" + absent + "` does not exist, as before");

        assertThat(state(existing)).isEqualTo(before);
        assertThat(databases()).isEqualTo(databasesBefore);
    }

    @Test
    void removesAndNamesTheStagingDatabaseOfAKilledImportBeforeItStarts() throws Exception {
        String target = "killed_" + Long.toHexString(System.nanoTime());
        String leftover = target + StagingArea.STAGING_MARKER;
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + leftover + "`");
            s.execute("CREATE TABLE `" + leftover + "`.half_loaded (id INT)");
        }
        Path dump = tmp.resolve("small.sql");
        Files.writeString(dump, "CREATE DATABASE `src`;\nUSE `src`;\nCREATE TABLE `t` (`id` int PRIMARY KEY);\n"
                + "INSERT INTO `t` VALUES (1),(2);\n");

        ImportOutcome outcome;
        try (CapturedLog log = new CapturedLog()) {
            outcome = importer().build().importPath(dump, target);
            assertThat(log.text()).contains("WARN").contains("removing `" + leftover + "`");
        }

        assertThat(outcome.rows()).isEqualTo(2);
        assertThat(databases()).contains(target).doesNotContain(leftover);
        assertThat(strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + target + "'"))
                .containsExactly("t");
    }

    @Test
    void refusesAnImportIntoATargetAnotherImportIsLoading() throws Exception {
        String target = server.createDatabase("busy");
        try (Connection holder = server.connect("");
                java.sql.PreparedStatement lock = holder.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            lock.setString(1, "cutkit-import:" + sha256Prefix(target));
            lock.executeQuery().close();
            Path dump = tmp.resolve("t.sql");
            Files.writeString(dump, "CREATE TABLE `t` (`id` int);\n");
            assertThatThrownBy(() -> importer().build().importPath(dump, target))
                    .isInstanceOf(ImportRefusedException.class).hasMessageContaining("another import into `" + target + "`");
        }
    }

    private static String sha256Prefix(String text) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(d).substring(0, 40);
    }

    /** refdata with an INSERT calling a function that does not exist just before the last table. */
    private Path refdataFailingAtSecondToLastTable() throws IOException {
        String text;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Refdata.dump()))) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        String lastTable = "DROP TABLE IF EXISTS `users`;";
        assertThat(text).contains(lastTable).contains("CREATE TABLE `" + SECOND_TO_LAST_TABLE + "`");
        int at = text.indexOf(lastTable);
        Path dump = tmp.resolve("fails-late.sql");
        Files.write(dump, (text.substring(0, at) + "INSERT INTO `" + SECOND_TO_LAST_TABLE
                + "` VALUES (cutkit_no_such_function());\n" + text.substring(at)).getBytes(StandardCharsets.ISO_8859_1));
        return dump;
    }

    /** A target with a table, view, trigger and function named like {@link #objectsDump}'s, and a table of its own. */
    private static String targetWithItsOwnObjects() throws SQLException {
        String target = server.createDatabase("own");
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO items VALUES (7, 'old')");
            s.execute("CREATE TABLE keep_me (id INT PRIMARY KEY)");
            s.execute("INSERT INTO keep_me VALUES (42)");
            s.execute("CREATE TRIGGER items_bi BEFORE INSERT ON items FOR EACH ROW SET NEW.name = LOWER(NEW.name)");
            s.execute("CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 3");
            s.execute("CREATE VIEW item_names AS SELECT id FROM items");
        }
        return target;
    }

    private Path objectsDump(String last) throws IOException {
        Path dump = tmp.resolve("objects.sql");
        Files.writeString(dump, "DROP TABLE IF EXISTS `items`;\nCREATE TABLE `items` (`id` int PRIMARY KEY, `name` varchar(20));\n"
                + "INSERT INTO `items` VALUES (1,'new'),(2,'newer');\n"
                + "CREATE TRIGGER `items_bi` BEFORE INSERT ON `items` FOR EACH ROW SET NEW.name = UPPER(NEW.name);\n"
                + "DROP FUNCTION IF EXISTS `twice`;\nCREATE FUNCTION `twice`(x int) RETURNS int DETERMINISTIC RETURN x * 2;\n"
                + "DROP VIEW IF EXISTS `item_names`;\nCREATE VIEW `item_names` AS SELECT `name` FROM `items`;\n" + last);
        return dump;
    }

    /** Removes the last row of {@code table}'s first data chunk and records the chunk's new hash, not its row count. */
    private static void dropLastLineKeepingTheManifestConsistent(Path dir, String table) throws IOException {
        ChunkManifest.Entry chunk = ChunkManifest.read(dir).entries().stream()
                .filter(e -> e.part() == ChunkManifest.Part.DATA && table.equals(e.table())).findFirst().orElseThrow();
        Path file = dir.resolve(chunk.path());
        String oldHash = ChunkManifest.sha256(file);
        byte[] bytes = Files.readAllBytes(file);
        int end = bytes.length - 1;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        Files.write(file, java.util.Arrays.copyOf(bytes, end));
        Path manifest = dir.resolve(ChunkManifest.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replace(oldHash, ChunkManifest.sha256(file)));
    }

    /** Content hashes of every table plus the definitions of its tables, views, triggers, routines and events. */
    private static Map<String, String> state(String database) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = server.connect(database)) {
            ContentHashes.of(c, database).forEach((t, h) -> out.put("rows " + t, h));
        }
        String schema = "'" + database + "'";
        out.put("tables", String.join(",", strings("SELECT CONCAT(TABLE_NAME, ':', TABLE_TYPE) FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = " + schema + " ORDER BY 1")));
        out.put("views", String.join(",", strings("SELECT CONCAT(TABLE_NAME, ':', VIEW_DEFINITION) FROM information_schema.VIEWS"
                + " WHERE TABLE_SCHEMA = " + schema + " ORDER BY 1")));
        out.put("triggers", String.join(",", strings("SELECT CONCAT(TRIGGER_NAME, ':', EVENT_OBJECT_TABLE, ':', ACTION_STATEMENT)"
                + " FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = " + schema + " ORDER BY 1")));
        out.put("routines", String.join(",", strings("SELECT CONCAT(ROUTINE_NAME, ':', ROUTINE_TYPE, ':', ROUTINE_DEFINITION)"
                + " FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = " + schema + " ORDER BY 1")));
        out.put("events", String.join(",", strings("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = "
                + schema + " ORDER BY 1")));
        out.put("collation", String.join(",", strings("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = " + schema)));
        return out;
    }

    private static List<String> databases() throws SQLException {
        return QueryResults.databases(server);
    }

    private static List<String> strings(String sql) throws SQLException {
        return QueryResults.strings(server, sql);
    }
}
