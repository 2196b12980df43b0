package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.refdata.Refdata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class DumpInspectorTest {

    private static byte[] refdataPlain() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Refdata.dump()))) {
            return in.readAllBytes();
        }
    }

    private static DumpReport inspect(byte[] dump, String target) {
        return DumpInspector.builder().targetDatabase(target).build().inspect(new ByteArrayInputStream(dump), "test.sql");
    }

    @Test
    void reportsThatTheReferenceDumpLandsInItsOwnDatabaseWithLineNumbers() throws IOException {
        DumpReport report = DumpInspector.builder().targetDatabase("crm").build().inspect(Refdata.dump());
        assertThat(report.gzip()).isTrue();
        String source = Refdata.databaseName();
        String quoted = Refdata.quote(source);
        int uses = Refdata.at("dump", "useStatements").size();
        assertThat(report.bytes()).isEqualTo(Refdata.number("dump", "uncompressedBytes"));
        assertThat(report.databases()).extracting(DatabaseReference::statement).containsExactlyElementsOf(
                java.util.stream.Stream.concat(java.util.stream.Stream.of(StatementKind.CREATE_DATABASE),
                        java.util.Collections.nCopies(uses, StatementKind.USE).stream()).toList());
        assertThat(report.databases()).extracting(DatabaseReference::database).containsOnly(source);
        assertThat(report.verdicts(DumpVerdict.LandsElsewhere.class)).hasSize(uses + 1)
                .allSatisfy(v -> assertThat(v.message()).contains(quoted, "not in `crm`"));
        assertThat(report.databases()).extracting(DatabaseReference::line).isEqualTo(linesStartingWith("CREATE DATABASE ", "USE "));
        assertThat(report.blocking()).isTrue();
        assertThat(report.toText()).contains("line " + report.databases().get(0).line() + ": CREATE_DATABASE " + quoted, "BLOCKER");
    }

    private static java.util.List<Long> linesStartingWith(String... prefixes) throws IOException {
        String[] lines = new String(refdataPlain(), StandardCharsets.ISO_8859_1).split("\n", -1);
        java.util.List<Long> found = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            for (String p : prefixes) {
                if (lines[i].startsWith(p)) {
                    found.add(i + 1L);
                }
            }
        }
        return found;
    }

    @Test
    void findsCollationsDefinersSandboxLineAndNoAutoCreateUser() throws IOException {
        DumpReport report = DumpInspector.builder().build().inspect(Refdata.dump());
        java.util.Set<String> collations = new java.util.HashSet<>();
        collations.add(Refdata.text("database", "collation"));
        Refdata.at("database", "tableCollations").forEach(c -> collations.add(c.asString()));
        Refdata.at("database", "columnsWithOwnCollation").forEach(c -> collations.add(c.path("collation").asString()));
        assertThat(report.collations()).containsKeys(collations.toArray(String[]::new));
        assertThat(report.definers()).extracting(DefinerUse::account).containsOnlyElementsOf(Refdata.definers())
                .containsAll(Refdata.definers());
        assertThat(report.definers()).filteredOn(d -> d.object() == StatementKind.CREATE_TRIGGER)
                .hasSize(Refdata.at("triggers").size());
        assertThat(report.definers()).filteredOn(d -> d.object() == StatementKind.CREATE_VIEW)
                .hasSize(Refdata.at("views").size());
        String firstLine = Refdata.text("dump", "firstLine");
        assertThat(report.verdicts(DumpVerdict.SandboxMarker.class)).extracting(DumpVerdict::line)
                .isEqualTo(firstLine.contains("sandbox") ? java.util.List.of(1L) : java.util.List.of());
        boolean noAutoCreateUser = new String(refdataPlain(), StandardCharsets.ISO_8859_1).contains("NO_AUTO_CREATE_USER");
        assertThat(report.verdicts(DumpVerdict.NoAutoCreateUser.class).isEmpty()).isEqualTo(!noAutoCreateUser);
        assertThat(report.verdicts(DumpVerdict.MissingDefiner.class))
                .allSatisfy(v -> assertThat(v.message()).contains("1449"));
        assertThat(report.blocking()).isFalse();
    }

    @Test
    void countsRowsPerTableLikeTheManifest() {
        DumpReport report = DumpInspector.builder().build().inspect(Refdata.dump());
        Map<String, Long> rows = report.tables().stream()
                .collect(Collectors.toMap(TableSummary::name, TableSummary::approximateRows));
        assertThat(rows).isEqualTo(Refdata.tables());
        assertThat(report.tables()).allSatisfy(t -> assertThat(t.createLine()).isPositive());
    }

    @Test
    void subtractsTheColumnListFromRowGroups() {
        DumpReport report = inspect("INSERT INTO `t` (`a`,`b`) VALUES (1,2),(3,4);\nINSERT INTO `u` VALUES (1);\n"
                .getBytes(StandardCharsets.UTF_8), null);
        assertThat(report.tables()).extracting(TableSummary::name, TableSummary::approximateRows).containsExactly(
                org.assertj.core.groups.Tuple.tuple("t", 2L), org.assertj.core.groups.Tuple.tuple("u", 1L));
    }

    @Test
    void flagsStatementsAManagedInstanceRejects() {
        String dump = "SET @MYSQLDUMP_TEMP_LOG_BIN = @@SESSION.SQL_LOG_BIN;\nSET @@SESSION.SQL_LOG_BIN= 0;\n"
                + "SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ 'abc:1-5';\nSET GLOBAL max_connections=10;\nCHANGE MASTER TO MASTER_LOG_POS=4;\n";
        DumpReport report = inspect(dump.getBytes(StandardCharsets.UTF_8), "crm");
        assertThat(report.verdicts(DumpVerdict.ManagedInstanceRejects.class)).extracting(DumpVerdict::line)
                .containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void reportsATruncatedDump() throws IOException {
        byte[] plain = refdataPlain();
        byte[] half = java.util.Arrays.copyOf(plain, plain.length / 2);
        DumpReport report = inspect(half, "crm");
        assertThat(report.verdicts(DumpVerdict.Truncated.class)).hasSize(1);
        assertThat(report.blocking()).isTrue();
    }

    @Test
    void reportsADumpCutAtAStatementBoundaryByItsMissingTrailer() throws IOException {
        byte[] plain = refdataPlain();
        String text = new String(plain, StandardCharsets.ISO_8859_1);
        int cut = text.indexOf("UNLOCK TABLES;", plain.length / 2) + "UNLOCK TABLES;\n".length();
        DumpReport report = inspect(java.util.Arrays.copyOf(plain, cut), "crm");
        assertThat(report.verdicts(DumpVerdict.Truncated.class)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("Dump completed"));
    }

    @Test
    void acceptsStatementsAppendedAfterTheClosingLineOfADump() throws IOException {
        String appended = new String(refdataPlain(), StandardCharsets.ISO_8859_1)
                + "\n\nCREATE TABLE added_later (id INT);\n" + "-- a note, not the closing line\n".repeat(40)
                + "INSERT INTO added_later VALUES (1);\n";
        DumpReport report = inspect(appended.getBytes(StandardCharsets.ISO_8859_1), "crm");
        assertThat(report.verdicts(DumpVerdict.Truncated.class)).isEmpty();
    }

    @Test
    void namesTheFirstStatementThatSetsAUserVariableFromEarlierStatements() {
        String script = "/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='' */;\nSET @started = NOW();\n"
                + "/*!50717 SELECT COUNT(*) INTO @probe FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'x' */;\n"
                + "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY);\nINSERT INTO t VALUES (NULL);\n"
                + "SET @last = LAST_INSERT_ID();\nSELECT @n := COUNT(*) FROM t;\n";
        assertThat(inspect(script.getBytes(StandardCharsets.UTF_8), "crm").fileOrderLine()).isEqualTo(6);
        assertThat(inspect(script.substring(0, script.indexOf("SET @last")).getBytes(StandardCharsets.UTF_8), "crm")
                .fileOrderLine()).isZero();
    }

    @Test
    void reportsATruncatedGzip() throws IOException {
        byte[] gz = Files.readAllBytes(Refdata.dump());
        DumpReport report = inspect(java.util.Arrays.copyOf(gz, gz.length / 3), "crm");
        assertThat(report.gzip()).isTrue();
        assertThat(report.verdicts(DumpVerdict.Truncated.class)).hasSize(1);
    }

    @Test
    void reportsGarbageAsNotSql() {
        byte[] garbage = new byte[200_000];
        new Random(7).nextBytes(garbage);
        DumpReport report = inspect(garbage, "crm");
        assertThat(report.blocking()).isTrue();
        assertThat(report.verdicts()).isNotEmpty();
        assertThat(report.verdicts().get(report.verdicts().size() - 1))
                .isInstanceOfAny(DumpVerdict.NotSql.class, DumpVerdict.Truncated.class);
        DumpReport text = inspect("Dear team,\nplease find attached; thanks\n".getBytes(StandardCharsets.UTF_8), "crm");
        assertThat(text.verdicts(DumpVerdict.NotSql.class)).singleElement()
                .satisfies(v -> assertThat(v.line()).isEqualTo(1));
    }

    @Test
    void scansALargeGeneratedDumpTableByTable() {
        byte[] dump = generatedDump(24 << 20);
        DumpReport report = inspect(dump, "crm");
        assertThat(report.tables()).hasSize(4);
        assertThat(report.bytes()).isEqualTo(dump.length);
        assertThat(report.verdicts()).isEmpty();
    }

    @Test
    void inspectsAGzipDumpLikeThePlainOne() throws IOException {
        byte[] dump = generatedDump(48 << 20);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz, 1 << 16)) {
            out.write(dump);
        }
        DumpReport plain = inspect(dump, "crm");
        DumpReport zipped = inspect(gz.toByteArray(), "crm");
        System.out.printf("DumpInspector: %.0f MB/s wall on a %d MB dump gzip-compressed%n", zipped.megabytesPerSecond(),
                dump.length >> 20);
        assertThat(zipped.gzip()).isTrue();
        assertThat(zipped.bytes()).isEqualTo(plain.bytes());
        assertThat(zipped.tables()).isEqualTo(plain.tables());
        assertThat(zipped.verdicts()).isEqualTo(plain.verdicts());
    }

    /** A mysqldump-shaped file: four tables, extended INSERTs of about 1 MB with text, emoji, escapes and hex blobs. */
    static byte[] generatedDump(int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + (2 << 20));
        Random random = new Random(1);
        byte[] w = ("-- MySQL dump 10.13\n/*!40101 SET NAMES utf8mb4 */;\n").getBytes(StandardCharsets.UTF_8);
        out.writeBytes(w);
        for (int t = 0; t < 4; t++) {
            out.writeBytes(("CREATE TABLE `t" + t + "` (`id` int NOT NULL, `v` text COLLATE utf8mb4_bin, `b` blob,"
                    + " PRIMARY KEY (`id`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;\n").getBytes(StandardCharsets.UTF_8));
        }
        int id = 0;
        StringBuilder hex = new StringBuilder();
        while (out.size() < size) {
            StringBuilder b = new StringBuilder(1 << 20);
            b.append("INSERT INTO `t").append(id % 4).append("` VALUES ");
            for (int r = 0; r < 2000; r++) {
                hex.setLength(0);
                for (int i = 0; i < 64; i++) {
                    hex.append(Integer.toHexString(random.nextInt(16)));
                }
                b.append(r == 0 ? "" : ",").append('(').append(id++).append(",'{\\\"v\\\":1,\\\"iv\\\":\\\"")
                        .append(Long.toHexString(random.nextLong())).append("\\\"} it''s 📞 ok; (yes)',0x").append(hex)
                        .append(')');
            }
            b.append(";\n");
            out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("-- Dump completed on 2026-11-24\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void refusesARawNulByteWhereverItStandsAsTheMariadbClientDoes() {
        String dump = "CREATE TABLE t (b BLOB);\nINSERT INTO t VALUES ('\\0 is fine');\n/* a comment \u0000 */ INSERT INTO t VALUES ('x');\n";
        DumpReport report = DumpInspector.builder().build()
                .inspect(new ByteArrayInputStream(dump.getBytes(StandardCharsets.ISO_8859_1)), "nul.sql");
        assertThat(report.blockers()).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(3);
            assertThat(v.message()).contains("NUL byte");
        });
    }

    @Test
    void refusesALockTablesWhoseUnlockIsMissingBeforeTheNextDdl() {
        String dump = "CREATE TABLE a (id INT);\nLOCK TABLES `a` WRITE;\nINSERT INTO `a` VALUES (1);\nUNLOCK TABLES;\n"
                + "CREATE TABLE b (id INT);\nLOCK TABLES `b` WRITE;\nINSERT INTO `b` VALUES (1);\nCREATE VIEW v AS SELECT 1;\n";
        DumpReport report = DumpInspector.builder().build()
                .inspect(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)), "lock.sql");
        assertThat(report.blockers()).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(8);
            assertThat(v.message()).contains("LOCK TABLES of line 6");
        });
    }

    @Test
    void refusesRowsForATableTheLockTablesInForceLeavesOut() {
        String dump = "CREATE TABLE api_keys (id INT);\nLOCK TABLES `api_keys` WRITE;\n/*!40000 ALTER TABLE `ap_keys` DISABLE KEYS */;\n"
                + "INSERT INTO `api_keys` VALUES (1);\nUNLOCK TABLES;\nLOCK TABLES api_keys WRITE;\nINSERT INTO api_keys VALUES (2);\n"
                + "UNLOCK TABLES;\n";
        DumpReport report = DumpInspector.builder().build()
                .inspect(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)), "lock.sql");
        assertThat(report.blockers()).singleElement().satisfies(v -> {
            assertThat(v.line()).isEqualTo(3);
            assertThat(v.message()).contains("names a table it does not lock");
        });
    }
}
