package io.cutkit.mysql.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.mysql.refdata.Refdata;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementSplitterTest {

    private static List<ScriptStatement> split(byte[] input) throws IOException {
        return split(StatementSplitter.over(new ByteArrayInputStream(input)));
    }

    private static List<ScriptStatement> split(StatementSplitter splitter) throws IOException {
        List<ScriptStatement> out = new ArrayList<>();
        try (StatementSplitter s = splitter) {
            for (ScriptStatement d; (d = s.next()) != null; ) {
                out.add(d);
            }
        }
        return out;
    }

    private static List<String> texts(String input) throws IOException {
        return split(input.getBytes(StandardCharsets.UTF_8)).stream().map(ScriptStatement::text).toList();
    }

    @Test
    void keepsDelimitersInsideQuotesWithBackslashAndDoubledQuoteEscapes() throws IOException {
        assertThat(texts("INSERT INTO t VALUES ('a\\';b','c'';d', \"e\\\";f\", \"g\"\";h\");SELECT 1;"))
                .containsExactly("INSERT INTO t VALUES ('a\\';b','c'';d', \"e\\\";f\", \"g\"\";h\")", "SELECT 1");
    }

    @Test
    void keepsDelimitersInsideBacktickIdentifiersWithDoubledBackticks() throws IOException {
        assertThat(texts("CREATE TABLE `a;``b` (`x;` int);DROP TABLE `c`;"))
                .containsExactly("CREATE TABLE `a;``b` (`x;` int)", "DROP TABLE `c`");
    }

    @Test
    void dropsPlainCommentsButNotDoubleDashWithoutBlank() throws IOException {
        assertThat(texts("-- a; comment\n# another; one\nSELECT /* x; */ 5--1; -- tail;\nSELECT 2 #c;\n;"))
                .containsExactly("SELECT  5--1", "SELECT 2");
    }

    @Test
    void keepsExecutableCommentsAndDropsOptimizerHintsAsTheMariadbClientDoes() throws IOException {
        assertThat(texts("/*!40101 SET NAMES utf8mb4 */;\n/*M!100616 SET @a=1 */;\nSELECT /*+ MAX_EXECUTION_TIME(5) */ 1;"))
                .containsExactly("/*!40101 SET NAMES utf8mb4 */", "/*M!100616 SET @a=1 */", "SELECT  1");
    }

    @Test
    void readsSourceCommandsAsTheClientDoesWithOrWithoutTheDelimiter() throws IOException {
        List<ScriptStatement> got = split(("SELECT 1;\n  source load one.dump ;\n\\. two.sql\nSOURCE three.sql; SELECT 2;\n"
                + "SELECT 3,\nsource FROM t;\nDELIMITER //\nsource four.sql //\nDELIMITER ;\n").getBytes(StandardCharsets.UTF_8));

        assertThat(got).extracting(s -> s.head().kind() + " " + (s.head().kind() == StatementKind.SOURCE ? s.head().name() : s.text()))
                .containsExactly("OTHER SELECT 1", "SOURCE load one.dump", "SOURCE two.sql", "SOURCE three.sql", "OTHER SELECT 2",
                        "OTHER SELECT 3,\nsource FROM t", "SOURCE four.sql");
        assertThat(got.get(1).line()).isEqualTo(2);
        assertThat(got.get(2).line()).isEqualTo(3);
    }

    @Test
    void aUseLineCutOffAtTheEndOfTheFileIsAnUnterminatedStatementNotACommand() throws IOException {
        List<ScriptStatement> got = split("SELECT 1;\nUSE optil".getBytes(StandardCharsets.UTF_8));

        assertThat(got).hasSize(2);
        assertThat(got.get(1).terminated()).isFalse();
        assertThat(got.get(1).text()).isEqualTo("USE optil");
    }

    @Test
    void readsAUseLineWithoutTheDelimiterAsTheClientsUseCommand() throws IOException {
        List<ScriptStatement> got = split(("use shop\nCREATE TABLE t (id INT);\n  USE `other db`  \nuse third;\n"
                + "SELECT 1,\nuse FROM t;\nusers_count\n;\n").getBytes(StandardCharsets.UTF_8));

        assertThat(got).extracting(s -> s.head().kind() + " " + s.text()).containsExactly("USE USE `shop`",
                "CREATE_TABLE CREATE TABLE t (id INT)", "USE USE `other db`", "USE use third", "OTHER SELECT 1,\nuse FROM t",
                "NOT_SQL users_count");
        assertThat(got.get(2).line()).isEqualTo(3);
    }

    @Test
    void endsAStatementAtTheClientsGoCommand() throws IOException {
        assertThat(texts("SELECT 1\\g\nSELECT 'a\\g', 2\\G SELECT 3;\n")).containsExactly("SELECT 1", "SELECT 'a\\g', 2", "SELECT 3");
    }

    @Test
    void readsTheClientsCharsetCommandAndSkipsItsOutputCommands() throws IOException {
        assertThat(texts("warnings\ncharset utf8mb4\nTEE session-log.txt\nSELECT 1;\nnotee\nstatus\nSELECT 'status';\ncharset latin1;\n"))
                .containsExactly("SET NAMES 'utf8mb4'", "SELECT 1", "SELECT 'status'", "SET NAMES 'latin1'");
    }

    @Test
    void stopsAtTheClientsQuitCommand() throws IOException {
        assertThat(texts("SELECT 1;\nSELECT 'exit';\nexit\nSELECT 2;\n")).containsExactly("SELECT 1", "SELECT 'exit'");
        assertThat(texts("SELECT 1;\n\\q\nSELECT 2;\n")).containsExactly("SELECT 1");
        assertThat(texts("SELECT 1;\nQUIT;\nSELECT 2;\n")).containsExactly("SELECT 1");
    }

    @Test
    void followsDelimiterBlocks() throws IOException {
        String dump = "DELIMITER ;;\n"
                + "/*!50003 CREATE*/ /*!50003 TRIGGER t AFTER UPDATE ON x FOR EACH ROW BEGIN\n  SET @a = ';;x'; SET @b = 2;\nEND */;;\n"
                + "delimiter $$\nCREATE PROCEDURE p() BEGIN SELECT 1; END$$\n"
                + "DELIMITER ;\nSELECT 2;";
        List<String> got = texts(dump);
        assertThat(got).hasSize(3);
        assertThat(got.get(0)).startsWith("/*!50003 CREATE*/").endsWith("END */").contains("SET @a = ';;x'; SET @b = 2;");
        assertThat(got.get(1)).isEqualTo("CREATE PROCEDURE p() BEGIN SELECT 1; END");
        assertThat(got.get(2)).isEqualTo("SELECT 2");
    }

    @Test
    void passesBinaryLiteralsNulBytesAndInvalidUtf8ThroughByteExact() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("INSERT INTO b VALUES (0xDEADBEEF,_binary '".getBytes(StandardCharsets.US_ASCII));
        byte[] binary = {0, (byte) 0xff, (byte) 0xfe, '\\', '\'', (byte) 0x80, ';', 0x1a, '\n'};
        b.writeBytes(binary);
        b.writeBytes("',X'00FF');".getBytes(StandardCharsets.US_ASCII));
        byte[] input = b.toByteArray();
        ScriptStatement s = split(input).get(0);
        assertThat(s.bytes()).isEqualTo(Arrays.copyOf(input, input.length - 1));
        assertThat(s.rawText().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(s.bytes());
    }

    @Test
    void keepsFourByteUtf8() throws IOException {
        assertThat(texts("INSERT INTO n VALUES ('call me 📞 — ok 🎉');")).containsExactly("INSERT INTO n VALUES ('call me 📞 — ok 🎉')");
    }

    @Test
    void reportsByteOffsetAndLineOfEachStatement() throws IOException {
        String dump = "-- header\n\nSELECT 'a\nb';\n  /* c */ INSERT INTO t VALUES ('é');\nSELECT 3;";
        List<ScriptStatement> got = split(dump.getBytes(StandardCharsets.UTF_8));
        assertThat(got).extracting(ScriptStatement::line).containsExactly(3L, 5L, 6L);
        assertThat(got.get(0).offset()).isEqualTo(dump.indexOf("SELECT 'a"));
        assertThat(got.get(1).offset()).isEqualTo("-- header\n\nSELECT 'a\nb';\n  /* c */ ".length());
        assertThat(got.get(2).offset()).isEqualTo(dump.getBytes(StandardCharsets.UTF_8).length - "SELECT 3;".length());
    }

    @Test
    void handlesValuesMuchLongerThanTheReadBuffer() throws IOException {
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 300_000; i++) {
            big.append(i % 7 == 0 ? "\\'" : "x;");
        }
        String dump = "INSERT INTO t VALUES ('" + big + "');\nSELECT 1;";
        List<ScriptStatement> got = split(dump.getBytes(StandardCharsets.UTF_8));
        assertThat(got).hasSize(2);
        assertThat(got.get(0).length()).isEqualTo(dump.indexOf(";\nSELECT 1"));
        assertThat(got.get(1).line()).isEqualTo(2);
    }

    @Test
    void findsMultiByteDelimitersAndEscapesAcrossBufferBoundaries() throws IOException {
        for (int pad = 65_520; pad < 65_545; pad++) {
            String dump = "DELIMITER ;;\nSELECT '" + "y".repeat(pad) + "\\'' ;;\nSELECT 2;;";
            List<String> got = texts(dump);
            assertThat(got).as("pad %d", pad).hasSize(2);
            assertThat(got.get(1)).isEqualTo("SELECT 2");
        }
    }

    @Test
    void refusesInputThatEndsInsideAString() {
        byte[] input = "SELECT 1;\nINSERT INTO t VALUES (1,'abc".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> split(input))
                .isInstanceOfSatisfying(ScriptFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.offset()).isEqualTo("SELECT 1;\nINSERT INTO t VALUES (1,".length());
                })
                .hasMessageContaining("truncated");
    }

    @Test
    void namesTheStatementWhoseStrayQuoteLeftTheInputInsideAString() {
        // mysqldump's stderr redirected into the dump: its "don't" pairs every later quote wrongly
        byte[] input = ("SET NAMES utf8mb4;\nWarning: If you don't want to restore GTIDs, pass --set-gtid-purged=OFF.\n"
                + "SET @x = 'a';\nINSERT INTO t VALUES (1,'b');\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> split(input)).isInstanceOfSatisfying(ScriptFormatException.class,
                e -> assertThat(e.line()).isGreaterThan(2))
                .hasMessageContaining("in the statement that starts at line 2 (\"Warning: If you don't want");
    }

    @Test
    void marksALastStatementWithoutDelimiterAsUnterminated() throws IOException {
        List<ScriptStatement> got = split("SELECT 1;\nSELECT 2".getBytes(StandardCharsets.UTF_8));
        assertThat(got).extracting(ScriptStatement::terminated).containsExactly(true, false);
    }

    @Test
    void dropsTheMariaDbSandboxMarkerAndReportsItsLine() throws IOException {
        byte[] input = "/*M!999999\\- enable the sandbox mode */ \n-- x\n/*!40101 SET NAMES utf8mb4 */;".getBytes(StandardCharsets.UTF_8);
        try (StatementSplitter s = StatementSplitter.over(new ByteArrayInputStream(input))) {
            assertThat(s.next().text()).isEqualTo("/*!40101 SET NAMES utf8mb4 */");
            assertThat(s.sandboxMarkerLine()).isEqualTo(1);
        }
    }

    @Test
    void headOnlyModeKeepsInsertHeadsButExactLengthsAndRowGroups() throws IOException {
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            rows.append(i == 0 ? "" : ",").append("(").append(i).append(",'a(b)c',(1+2))");
        }
        String dump = "INSERT INTO `t` VALUES " + rows + ";\nCREATE TABLE x (" + "a int,".repeat(400) + " b int);";
        try (StatementSplitter s = StatementSplitter.headsOnly(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)))) {
            ScriptStatement insert = s.next();
            assertThat(insert.complete()).isFalse();
            assertThat(insert.length()).isEqualTo(dump.indexOf(";\nCREATE"));
            assertThat(insert.topLevelGroups()).isEqualTo(5000);
            assertThat(insert.head()).extracting(StatementHead::kind, StatementHead::name).containsExactly(StatementKind.INSERT, "t");
            ScriptStatement create = s.next();
            assertThat(create.complete()).isTrue();
            assertThat(create.text()).endsWith("b int)");
        }
    }

    @Test
    void splitsTheWholeReferenceDumpIntoTheStatementsItsManifestDescribes() throws IOException {
        Map<String, Long> rows = new HashMap<>();
        int inserts = 0;
        int uses = 0;
        int triggers = 0;
        java.util.List<String> triggerNames = new java.util.ArrayList<>();
        long longest = 0;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Refdata.dump()), 1 << 16);
                StatementSplitter s = StatementSplitter.over(in)) {
            for (ScriptStatement d; (d = s.next()) != null; ) {
                assertThat(d.terminated()).isTrue();
                longest = Math.max(longest, d.length());
                switch (d.head().kind()) {
                    case INSERT -> {
                        inserts++;
                        rows.merge(d.head().name(), d.topLevelGroups(), Long::sum);
                    }
                    case USE -> uses++;
                    case CREATE_TRIGGER -> {
                        triggers++;
                        triggerNames.add(d.head().name());
                        assertThat(d.text()).as("the whole DELIMITER block is one statement").contains(" TRIGGER ").endsWith("*/");
                        if (d.text().contains("BEGIN")) {
                            assertThat(d.text()).as("a compound body keeps its inner semicolons").contains(";").endsWith("END */");
                        }
                    }
                    default -> { }
                }
            }
            if (Refdata.text("dump", "firstLine").contains("sandbox")) {
                assertThat(s.sandboxMarkerLine()).isEqualTo(1);
            }
            assertThat(s.bytesRead()).isEqualTo(Refdata.number("dump", "uncompressedBytes"));
        }
        assertThat(inserts).isEqualTo(Refdata.number("dump", "insertStatements"));
        assertThat(uses).isEqualTo(Refdata.at("dump", "useStatements").size());
        assertThat(triggers).isEqualTo(Refdata.at("triggers").size());
        assertThat(triggerNames).containsExactlyInAnyOrderElementsOf(Refdata.names("triggers", "name"));
        assertThat(rows).isEqualTo(Refdata.tables());
        assertThat(longest).isGreaterThanOrEqualTo(Refdata.number("dump", "longestLineBytes") - 200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//", "$$", ";;", "|", "~~", "GO", "END_PROC", "--", "#", "/*"})
    void looksForTheDelimiterBeforeCommentsAndQuotes(String delimiter) throws IOException {
        String script = "DELIMITER " + delimiter + "\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END " + delimiter
                + "\nSELECT 3" + delimiter + "\nDELIMITER ;\nSELECT 4;";
        assertThat(texts(script)).containsExactly("CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END", "SELECT 3",
                "SELECT 4");
    }

    @Test
    void comparesTheDelimiterCaseSensitivelyAndTheDelimiterWordInAnyCase() throws IOException {
        assertThat(texts("dElImItEr GO\nSELECT 'GO' go\nGO\nSELECT 2 GOx\n")).containsExactly("SELECT 'GO' go", "SELECT 2", "x");
    }

    @Test
    void readsAQuotedDelimiterUpToTheClosingQuoteAndAnUnquotedOneUpToASpace() throws IOException {
        assertThat(texts("DELIMITER 'a b'\nSELECT 1a b\nDELIMITER ~~\tx and more\nSELECT 2~~\tx\n"))
                .containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void readsCrLfLineEndsAsLineFeedsEvenInsideStrings() throws IOException {
        assertThat(texts("DELIMITER //\r\nSELECT 'a\r\nb'//\r\nDELIMITER ;\r\nSELECT 2;\r\n"))
                .containsExactly("SELECT 'a\nb'", "SELECT 2");
    }

    @Test
    void dropsCommentsInRoutineBodiesLikeTheClient() throws IOException {
        String script = "DELIMITER //\nCREATE PROCEDURE p()\nBEGIN -- first\n  # second\n  SELECT 1; /* two\nlines */ SELECT 2;"
                + "/*x*/SELECT 3/*y*/ ;\nEND//";
        assertThat(texts(script)).containsExactly(
                "CREATE PROCEDURE p()\nBEGIN \n  \n  SELECT 1;  SELECT 2; SELECT 3 ;\nEND");
    }

    @Test
    void keepsCommentsInsideStatementsOnRequest() throws IOException {
        String script = "-- before\nSELECT 1 /* c */, 2 -- d\n;";
        assertThat(split(StatementSplitter.keepingComments(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)))))
                .extracting(ScriptStatement::text).containsExactly("SELECT 1 /* c */, 2 -- d");
    }

    @Test
    void splitsInsideExecutableCommentsAndDropsABackslashEndingALine() throws IOException {
        assertThat(texts("SELECT 1 /*!, 2; */;\nSELECT 'a\\\nb', \\N;")).containsExactly("SELECT 1 /*!, 2", "*/",
                "SELECT 'a\nb', \\N");
    }

    @Test
    void doesNotTakeADelimiterLineInsideAStatementAsACommand() throws IOException {
        assertThat(texts("SELECT 1\nDELIMITER //\n;")).containsExactly("SELECT 1\nDELIMITER //");
    }

    @Test
    void refusesADelimiterWithABackslash() {
        assertThatThrownBy(() -> texts("SELECT 1;\nDELIMITER a\\\\b\n")).isInstanceOf(ScriptFormatException.class)
                .hasMessageContaining("backslash");
    }

    @Test
    void splitsMigrationScriptsWithTheirDelimiterBlocksAndQuotedSemicolons() throws IOException {
        String script = "-- header; not a statement\n"
                + "CREATE TABLE `a;b` (x VARCHAR(10) DEFAULT 'semi;colon');\n"
                + "INSERT INTO `a;b` VALUES ('it''s; fine'), (\"dq;\\\"x\");\n"
                + "DROP TRIGGER IF EXISTS t;\n"
                + "DELIMITER $$\n"
                + "CREATE TRIGGER t AFTER UPDATE ON x FOR EACH ROW BEGIN\n  SET @a = 1;\n  SET @b = 2;\nEND$$\n"
                + "DELIMITER ;\n"
                + "SELECT 1;";
        assertThat(texts(script)).containsExactly(
                "CREATE TABLE `a;b` (x VARCHAR(10) DEFAULT 'semi;colon')",
                "INSERT INTO `a;b` VALUES ('it''s; fine'), (\"dq;\\\"x\")",
                "DROP TRIGGER IF EXISTS t",
                "CREATE TRIGGER t AFTER UPDATE ON x FOR EACH ROW BEGIN\n  SET @a = 1;\n  SET @b = 2;\nEND",
                "SELECT 1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a blank at the kept bytes' end", "blanks after the kept bytes, before the delimiter"})
    void headsOnlyMeasuresLongInsertsLikeTheFullSplitter(String where) throws IOException {
        String head = "INSERT INTO t VALUES ('" + "x".repeat(StatementSplitter.HEAD_BYTES - 24) + " ";
        String dump = where.startsWith("a blank") ? head + "y');" : head + "y')   ;";
        byte[] bytes = dump.getBytes(StandardCharsets.UTF_8);
        ScriptStatement full = split(bytes).get(0);
        ScriptStatement heads = split(StatementSplitter.headsOnly(new ByteArrayInputStream(bytes))).get(0);
        assertThat(heads.length()).isEqualTo(full.length()).isEqualTo(dump.strip().length() - (dump.length() - dump.indexOf("')") - 2));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/*M!999999\\- enab'le the sandbox mode */", "/*M!999999\\- enable the sandbox mode *("})
    void refusesADamagedSandboxLineThatTheClientWouldReadIntoTheNextLines(String damaged) {
        byte[] dump = (damaged + "\nDELIMITER ;;\nSELECT 1;;\nDELIMITER ;\n/*!40101 SET NAMES utf8mb4 */;\n").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> split(dump)).isInstanceOf(ScriptFormatException.class).hasMessageContaining("sandbox-mode line")
                .satisfies(e -> assertThat(((ScriptFormatException) e).line()).isEqualTo(1));
    }
}
