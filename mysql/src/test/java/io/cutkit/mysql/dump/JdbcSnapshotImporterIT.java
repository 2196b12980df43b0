package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.ImportOutcome;
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
 * Imports into an independent "new stack" server whose default collation (utf8mb4_unicode_ci) differs
 * from refdata's, with grant tables on so DEFINER accounts matter as in production.
 */
class JdbcSnapshotImporterIT {

    private static DatabaseServer server;
    private static ServerAddress address;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_unicode_ci").grantTables(true).start();
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
        return strings("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY SCHEMA_NAME");
    }

    private static List<String> strings(String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + Long.toHexString(System.nanoTime());
    }

    @Test
    void importsRefdataIntoAnotherDatabaseWithItsCollationsAndTheClientsRowCounts() throws Exception {
        assertThat(server.defaultCollation()).isNotEqualTo("utf8mb4_0900_ai_ci");
        String target = uniqueName("crm");

        ImportOutcome outcome = importer().allowMissingDefiners(true).build().importPath(RefData.dump(), target);

        assertThat(outcome.targetDatabase()).isEqualTo(target);
        assertThat(databases()).doesNotContain("Optileads");
        Map<String, String> hashes;
        try (Connection c = server.connect(target)) {
            hashes = ContentHashes.of(c, target);
        }
        assertThat(ContentHashes.rowCounts(hashes)).isEqualTo(new TreeMap<>(RefData.tableRows()));
        assertThat(outcome.rows()).isEqualTo(RefData.tableRows().values().stream().mapToLong(Long::longValue).sum());
        assertThat(strings("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + target + "'"))
                .containsExactly("utf8mb4_0900_ai_ci");
        assertThat(strings("SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + target
                + "' AND TABLE_NAME = 'SequelizeMeta'")).containsExactly("utf8mb3_unicode_ci");
        assertThat(strings("SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + target
                + "' AND TABLE_NAME = 'webhook_events' AND COLUMN_NAME = 'payload'")).containsExactly("utf8mb4_bin");
        assertThat(strings("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = '" + target + "'"))
                .containsExactly("trg_leads_status_history");

        // the mariadb client follows the dump's USE and lands in Optileads; its content must equal ours
        MariaDbClient.Result client = MariaDbClient.load(server, RefData.dump(), target);
        assertThat(client.exitCode()).as(client.output()).isZero();
        try (Connection c = server.connect("Optileads")) {
            assertThat(ContentHashes.of(c, "Optileads")).isEqualTo(hashes);
        } finally {
            server.dropDatabase("Optileads");
        }
    }

    @Test
    void refusesToKeepAMissingDefinerBeforeChangingAnything() throws SQLException {
        String target = uniqueName("definer");
        List<String> missing = RefData.manifestDefiners();
        assertThatThrownBy(() -> importer().build().importPath(RefData.dump(), target))
                .isInstanceOfSatisfying(ImportRefusedException.class, e -> assertThat(e.reasons())
                        .anySatisfy(r -> assertThat(r).contains(missing.get(0)).contains("1449")))
                .hasMessageContaining("nothing was changed");
        assertThat(databases()).doesNotContain(target);
    }

    @Test
    void reportsTheMissingDefinerBeforeImportAndStripsItOnRequest() throws Exception {
        String kept = uniqueName("kept");
        DumpReport report = importer().build().inspect(RefData.dump(), kept);
        assertThat(report.verdicts(DumpVerdict.MissingDefiner.class))
                .extracting(DumpVerdict.MissingDefiner::account, DumpVerdict.MissingDefiner::checked)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("`optileads_app`@`%`", true));

        importer().allowMissingDefiners(true).build().importPath(RefData.dump(), kept);
        try (Connection c = server.connect(kept); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE leads SET status = 'won' WHERE id = 1"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1449));
        }

        String stripped = uniqueName("stripped");
        importer().definers(DefinerPolicy.strip()).build().importPath(RefData.dump(), stripped);
        try (Connection c = server.connect(stripped); Statement s = c.createStatement()) {
            long before = count(s, "SELECT COUNT(*) FROM lead_status_history");
            s.executeUpdate("UPDATE leads SET status = CONCAT(status, 'x') WHERE id = 1");
            assertThat(count(s, "SELECT COUNT(*) FROM lead_status_history")).isEqualTo(before + 1);
        }
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
                .importPath(RefData.dump(), target))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("USE `Optileads`").hasMessageContaining("not in `" + target + "`")
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
        try (InputStream in = new GZIPInputStream(Files.newInputStream(RefData.dump()))) {
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
