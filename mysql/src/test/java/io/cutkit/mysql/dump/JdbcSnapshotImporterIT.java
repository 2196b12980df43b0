package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.ImportOutcome;
import io.cutkit.core.data.Snapshot;
import tools.jackson.databind.JsonNode;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports into an independent "new stack" server whose default collation differs from refdata's, with
 * grant tables on so DEFINER accounts matter as in production. Names and figures come from refdata's
 * manifest.
 */
class JdbcSnapshotImporterIT {

    private static DatabaseServer server;
    private static ServerAddress address;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        String other = "utf8mb4_unicode_ci".equals(Refdata.text("database", "collation")) ? "utf8mb4_general_ci" : "utf8mb4_unicode_ci";
        server = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation(other).grantTables(true).start();
        address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JdbcSnapshotImporter.Builder importer() {
        return JdbcSnapshotImporter.builder(address).workers(3);
    }

    private static List<String> databases() throws SQLException {
        return QueryResults.databases(server);
    }

    private static List<String> strings(String sql) throws SQLException {
        return QueryResults.strings(server, sql);
    }

    private static Map<String, String> pairs(String sql) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = server.connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + Long.toHexString(System.nanoTime());
    }

    @Test
    void importsRefdataIntoAnotherDatabaseWithItsCollationsAndTheClientsRowCounts() throws Exception {
        String source = Refdata.databaseName();
        assertThat(server.defaultCollation()).isNotEqualTo(Refdata.text("database", "collation"));
        String target = uniqueName("crm");

        ImportOutcome outcome = importer().allowMissingDefiners(true).build().importPath(Refdata.dump(), target);

        assertThat(outcome.targetDatabase()).isEqualTo(target);
        assertThat(databases()).doesNotContain(source);
        Map<String, String> hashes;
        try (Connection c = server.connect(target)) {
            hashes = ContentHashes.of(c, target);
        }
        assertThat(ContentHashes.rowCounts(hashes)).isEqualTo(new TreeMap<>(Refdata.tables()));
        assertThat(outcome.rows()).isEqualTo(Refdata.tables().values().stream().mapToLong(Long::longValue).sum());
        assertThat(strings("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + target + "'"))
                .containsExactly(Refdata.text("database", "collation"));
        Map<String, String> tableCollations = new TreeMap<>();
        Refdata.at("database", "tableCollations").properties().forEach(e -> tableCollations.put(e.getKey(), e.getValue().asString()));
        assertThat(pairs("SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_TYPE = 'BASE TABLE'"
                + " AND TABLE_SCHEMA = '" + target + "'")).isEqualTo(tableCollations);
        for (JsonNode column : Refdata.at("database", "columnsWithOwnCollation")) {
            assertThat(strings("SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + target
                    + "' AND TABLE_NAME = '" + column.path("table").asString() + "' AND COLUMN_NAME = '" + column.path("column").asString() + "'"))
                    .as(column.toString()).containsExactly(column.path("collation").asString());
        }
        assertThat(strings("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + target + "'"))
                .containsExactlyInAnyOrderElementsOf(Refdata.names("triggers", "name"));
        assertThat(strings("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '" + target + "'"))
                .containsExactlyInAnyOrderElementsOf(Refdata.names("views", "name"));

        // the mariadb client follows the dump's USE and lands in the source database; its content must equal ours
        MariaDbClient.Result client = MariaDbClient.load(server, Refdata.dump(), target);
        assertThat(client.exitCode()).as(client.output()).isZero();
        try (Connection c = server.connect(source)) {
            assertThat(ContentHashes.of(c, source)).isEqualTo(hashes);
        } finally {
            server.dropDatabase(source);
        }
    }

    @Test
    void refusesToKeepAMissingDefinerBeforeChangingAnything() throws SQLException {
        String target = uniqueName("definer");
        List<String> missing = missingDefiners();
        assertThat(missing).isNotEmpty();
        assertThatThrownBy(() -> importer().build().importPath(Refdata.dump(), target))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.reasons())
                        .anySatisfy(r -> assertThat(r).contains(missing.get(0)).contains("1449")))
                .hasMessageContaining("nothing was changed");
        assertThat(databases()).doesNotContain(target);
    }

    @Test
    void reportsTheMissingDefinerBeforeImportAndStripsItOnRequest() throws Exception {
        String kept = uniqueName("kept");
        DumpReport report = importer().build().inspect(Refdata.dump(), kept);
        assertThat(report.verdicts(DumpVerdict.MissingDefiner.class))
                .allSatisfy(v -> assertThat(v.checked()).isTrue())
                .extracting(DumpVerdict.MissingDefiner::account).containsOnly(missingDefiners().toArray(String[]::new));

        String view = Refdata.quote(definerView());
        importer().allowMissingDefiners(true).build().importPath(Refdata.dump(), kept);
        try (Connection c = server.connect(kept); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> count(s, "SELECT COUNT(*) FROM " + view))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1449));
        }

        String stripped = uniqueName("stripped");
        importer().definers(DefinerPolicy.strip()).build().importPath(Refdata.dump(), stripped);
        try (Connection c = server.connect(stripped); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM " + view)).isNotNegative();
        }
    }

    /** The manifest's definers that have no account on the target server, as the dump writes them. */
    private static List<String> missingDefiners() throws SQLException {
        List<String> existing = strings("SELECT CONCAT('`', User, '`@`', Host, '`') FROM mysql.user");
        return Refdata.definers().stream().filter(d -> !existing.contains(d)).toList();
    }

    /** A SQL SECURITY DEFINER view whose definer has no account on the target. */
    private static String definerView() throws SQLException {
        List<String> missing = missingDefiners();
        for (JsonNode view : Refdata.at("views")) {
            String definer = "`" + view.path("definer").asString().replace("@", "`@`") + "`";
            if ("DEFINER".equalsIgnoreCase(view.path("security").asString()) && missing.contains(definer)) {
                return view.path("name").asString();
            }
        }
        throw new IllegalStateException("refdata has no SQL SECURITY DEFINER view of a missing account");
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void refusesAUseOfAnotherDatabaseUnderTheRefusePolicyAndChangesNothing() throws Exception {
        String target = guardedTarget();
        List<String> before = databases();
        assertThatThrownBy(() -> importer().foreignDatabases(ForeignDatabasePolicy.REFUSE).build()
                .importPath(Refdata.dump(), target))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("USE " + Refdata.quote(Refdata.databaseName())).hasMessageContaining("not in `" + target + "`")
                .hasMessageContaining("nothing was changed");
        assertUntouched(target, before);
    }

    @Test
    void refusesATruncatedDumpAndChangesNothing() throws Exception {
        byte[] plain = plainRefdata();
        Path cut = tmp.resolve("cut.sql");
        Files.write(cut, Arrays.copyOf(plain, plain.length * 2 / 3));
        String target = guardedTarget();
        List<String> before = databases();
        assertThatThrownBy(() -> importer().build().importPath(cut, target))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("truncated");
        assertUntouched(target, before);
    }

    @Test
    void refusesGarbageAndChangesNothing() throws Exception {
        Path garbage = tmp.resolve("garbage.sql.gz");
        Files.write(garbage, "Hello; this is a spreadsheet export, not SQL;\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        String target = guardedTarget();
        List<String> before = databases();
        assertThatThrownBy(() -> importer().build().importPath(garbage, target))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("not a SQL dump");
        assertUntouched(target, before);
    }

    @Test
    void refusesAnUnknownCollationAndChangesNothing() throws Exception {
        Path dump = tmp.resolve("collation.sql");
        Files.writeString(dump, "DROP TABLE IF EXISTS `keep_me`;\nCREATE TABLE `t` (`a` varchar(10)) DEFAULT CHARSET=utf8mb4"
                + " COLLATE=utf8mb4_klingon_0900_ai_ci;\nINSERT INTO `t` VALUES ('x');\n");
        String target = guardedTarget();
        List<String> before = databases();
        assertThatThrownBy(() -> importer().build().importPath(dump, target))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("utf8mb4_klingon_0900_ai_ci")
                .hasMessageContaining("line 2");
        assertUntouched(target, before);
    }

    @Test
    void refusesAStatementLongerThanTheTargetsMaxAllowedPacketAndChangesNothing() throws Exception {
        Path dump = tmp.resolve("large.sql");
        String big = "x".repeat(2 << 20);
        Files.writeString(dump, "DROP TABLE IF EXISTS `keep_me`;\nCREATE TABLE `t` (`id` int PRIMARY KEY, `v` longtext);\n"
                + "INSERT INTO `t` VALUES (1,'small');\nINSERT INTO `t` VALUES (2,'" + big + "');\n");
        String target = guardedTarget();
        List<String> before = databases();
        setMaxAllowedPacket(1 << 20);
        try {
            assertThatThrownBy(() -> importer().build().importPath(dump, target))
                    .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.reasons()).singleElement()
                            .satisfies(r -> assertThat(r).startsWith("line 4:").containsPattern("is 2097\\d{3} bytes")
                                    .contains("max_allowed_packet (1048576 bytes)").contains("error 1153")))
                    .hasMessageContaining("nothing was changed");
        } finally {
            setMaxAllowedPacket(1L << 30);
        }
        assertUntouched(target, before);
        importer().build().importPath(dump, target);
        assertThat(strings("SELECT LENGTH(v) FROM `" + target + "`.t ORDER BY id")).containsExactly("5", String.valueOf(2 << 20));
    }

    private static void setMaxAllowedPacket(long bytes) throws SQLException {
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL max_allowed_packet = " + bytes);
        }
    }

    @Test
    void pointsAViewBodyQualifiedWithTheDumpsDatabaseAtTheTarget() throws Exception {
        String source = uniqueName("gone_src");
        Path dump = tmp.resolve("qualified-view.sql");
        Files.writeString(dump, "CREATE DATABASE `" + source + "`;\nUSE `" + source + "`;\n"
                + "CREATE TABLE `order` (`key` varchar(10) PRIMARY KEY, `select` text);\n"
                + "INSERT INTO `order` VALUES ('a','x'),('b',NULL);\n"
                + "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 SQL SECURITY INVOKER */\n/*!50001 VIEW `v` AS select `"
                + source + "`.`order`.`key` AS `key` from `" + source + "`.`order` where `" + source
                + "`.`order`.`select` is not null */;\n");
        String target = uniqueName("views");

        importer().build().importPath(dump, target);

        assertThat(databases()).doesNotContain(source);
        assertThat(strings("SELECT `key` FROM `" + target + "`.`v`")).containsExactly("a");
        assertThat(strings("SELECT VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '" + target + "'"))
                .singleElement().satisfies(body -> assertThat(body).contains("`" + target + "`.`order`").doesNotContain(source));
    }

    @Test
    void reportsAnExistingTargetWhoseDefaultCollationDiffersFromTheDumpsWithoutRefusing() throws Exception {
        String dumpCollation = Refdata.text("database", "collation");
        String plain = server.createDatabase("plain_target");
        assertThat(strings("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + plain + "'"))
                .singleElement().isNotEqualTo(dumpCollation);
        DumpReport report = importer().build().inspect(Refdata.dump(), plain);
        assertThat(report.verdicts(DumpVerdict.TargetCollationDiffers.class)).singleElement().satisfies(v -> {
            assertThat(v.blocking()).isFalse();
            assertThat(v.dumpCollation()).isEqualTo(dumpCollation);
            assertThat(v.targetCollation()).isEqualTo(server.defaultCollation());
            assertThat(v.message()).contains("Illegal mix of collations").contains("DatabaseRecreator");
        });

        String alike = uniqueName("alike");
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE `" + alike + "` CHARACTER SET " + Refdata.text("database", "characterSet")
                    + " COLLATE " + dumpCollation);
        }
        assertThat(importer().build().inspect(Refdata.dump(), alike).verdicts(DumpVerdict.TargetCollationDiffers.class)).isEmpty();
    }

    @Test
    void refusesADumpOfSeveralDatabasesAndChangesNothing() throws Exception {
        Path dump = tmp.resolve("two.sql");
        Files.writeString(dump, "CREATE DATABASE `a1`;\nUSE `a1`;\nCREATE TABLE `t` (`x` int);\nCREATE DATABASE `b2`;\n"
                + "USE `b2`;\nDROP TABLE IF EXISTS `keep_me`;\n");
        String target = guardedTarget();
        List<String> before = databases();
        assertThatThrownBy(() -> importer().build().importPath(dump, target))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("several databases");
        assertUntouched(target, before);
    }

    @Test
    void refusesAMissingTargetWhenTheDumpDoesNotCreateOne() throws Exception {
        Path dump = tmp.resolve("plain.sql");
        Files.writeString(dump, "CREATE TABLE `t` (`x` int);\n");
        List<String> before = databases();
        assertThatThrownBy(() -> importer().build().importPath(dump, uniqueName("absent")))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("does not exist");
        assertThat(databases()).isEqualTo(before);
    }

    @Test
    void importIntoCreatesAMissingTargetWithTheSnapshotsCharacterSetAndCollation() throws Exception {
        String collation = Refdata.text("database", "collation");
        assertThat(collation).isNotEqualTo(server.defaultCollation());
        String target = uniqueName("created");

        ImportOutcome outcome = importer().build().importInto(plainSnapshot("CREATE TABLE `t` (`x` int);\n"
                + "INSERT INTO `t` VALUES (1),(2);\n", collation), target);

        assertThat(outcome.rows()).isEqualTo(2);
        assertThat(pairs("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = '" + target + "'"))
                .containsExactly(Map.entry(Refdata.text("database", "characterSet"), collation));
    }

    @Test
    void importIntoRefusesAMissingTargetWhenCreatingItIsTurnedOff() throws Exception {
        List<String> before = databases();
        Snapshot snapshot = plainSnapshot("CREATE TABLE `t` (`x` int);\n", Refdata.text("database", "collation"));

        assertThatThrownBy(() -> importer().createMissingTarget(false).build().importInto(snapshot, uniqueName("absent")))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("does not exist");
        assertThat(databases()).isEqualTo(before);
    }

    @Test
    void aFailedImportIntoAMissingTargetDropsTheTargetItCreated() throws Exception {
        List<String> before = databases();
        Snapshot snapshot = plainSnapshot("CREATE TABLE `t` (`x` int);\nINSERT INTO `no_such_table` VALUES (1);\n",
                Refdata.text("database", "collation"));

        assertThatThrownBy(() -> importer().build().importInto(snapshot, uniqueName("failed")))
                .isInstanceOf(StatementFailedException.class);
        assertThat(databases()).isEqualTo(before);
    }

    private Snapshot plainSnapshot(String sql, String collation) throws Exception {
        Path dump = tmp.resolve(uniqueName("plain") + ".sql");
        Files.writeString(dump, sql);
        DatabaseSpec source = new DatabaseSpec("crm", Refdata.text("database", "characterSet"), collation);
        return new Snapshot(dump.toUri(), "sql", Files.size(dump), "", List.of(source), Instant.now(), Duration.ZERO);
    }

    @Test
    void namesFileLineOffsetAndStatementOfAFailingStatement() throws Exception {
        Path dump = tmp.resolve("failing.sql");
        String text = "CREATE TABLE `t` (`x` int);\nINSERT INTO `t` VALUES (1);\n-- next one fails\nINSERT INTO `no_such_table` VALUES (2);\n";
        Files.writeString(dump, text);
        String target = server.createDatabase("fail");
        assertThatThrownBy(() -> importer().build().importPath(dump, target))
                .isInstanceOfSatisfying(StatementFailedException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.offset()).isEqualTo(text.indexOf("INSERT INTO `no_such_table`"));
                    assertThat(e.statementPreview()).startsWith("INSERT INTO `no_such_table`");
                    assertThat(e.errorCode()).isEqualTo(1146);
                })
                .hasMessageContaining("failing.sql line 4");
    }

    @Test
    void loadsBinaryStringLiteralsThatAreNotUtf8ByteExact() throws Exception {
        Path dump = tmp.resolve("binary.sql");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.writeBytes("/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE `b` (`id` int PRIMARY KEY, `v` blob, `t` text);\nINSERT INTO `b` VALUES (1,_binary '"
                .getBytes(StandardCharsets.UTF_8));
        b.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, '\\', '0', (byte) 0x80, 'a'});
        b.writeBytes("','emoji 🎉');\n".getBytes(StandardCharsets.UTF_8));
        Files.write(dump, b.toByteArray());
        String target = server.createDatabase("bin");
        importer().build().importPath(dump, target);
        try (Connection c = server.connect(target); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT v, t FROM b")) {
            rs.next();
            assertThat(rs.getBytes(1)).containsExactly((byte) 0xff, (byte) 0xfe, 0, (byte) 0x80, 'a');
            assertThat(rs.getString(2)).isEqualTo("emoji 🎉");
        }
    }

    private static byte[] plainRefdata() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Refdata.dump()))) {
            return in.readAllBytes();
        }
    }

    /** A target holding one sentinel table with one row. */
    private static String guardedTarget() throws SQLException {
        String target = server.createDatabase("guarded");
        try (Connection c = server.connect(target); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE keep_me (id int PRIMARY KEY)");
            s.execute("INSERT INTO keep_me VALUES (42)");
        }
        return target;
    }

    private static void assertUntouched(String target, List<String> databasesBefore) throws SQLException {
        assertThat(databases()).isEqualTo(databasesBefore);
        assertThat(strings("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + target + "'"))
                .containsExactly("keep_me");
        assertThat(strings("SELECT id FROM `" + target + "`.keep_me")).containsExactly("42");
    }
}
