package io.cutkit.mysql.dump;

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

class StatementSplitterTest {

    private static List<DumpStatement> split(byte[] input) throws IOException {
        List<DumpStatement> out = new ArrayList<>();
        try (StatementSplitter s = StatementSplitter.over(new ByteArrayInputStream(input))) {
            for (DumpStatement d; (d = s.next()) != null; ) {
                out.add(d);
            }
        }
        return out;
    }

    private static List<String> texts(String input) throws IOException {
        return split(input.getBytes(StandardCharsets.UTF_8)).stream().map(DumpStatement::text).toList();
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
                .containsExactly("SELECT   5--1", "SELECT 2");
    }

    @Test
    void keepsExecutableCommentsAndOptimizerHintsAsStatementText() throws IOException {
        assertThat(texts("/*!40101 SET NAMES utf8mb4 */;\n/*M!100616 SET @a=1 */;\nSELECT /*+ MAX_EXECUTION_TIME(5) */ 1;"))
                .containsExactly("/*!40101 SET NAMES utf8mb4 */", "/*M!100616 SET @a=1 */",
                        "SELECT /*+ MAX_EXECUTION_TIME(5) */ 1");
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
        DumpStatement s = split(input).get(0);
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
        List<DumpStatement> got = split(dump.getBytes(StandardCharsets.UTF_8));
        assertThat(got).extracting(DumpStatement::line).containsExactly(3L, 5L, 6L);
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
        List<DumpStatement> got = split(dump.getBytes(StandardCharsets.UTF_8));
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
                .isInstanceOfSatisfying(DumpFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.offset()).isEqualTo("SELECT 1;\nINSERT INTO t VALUES (1,".length());
                })
                .hasMessageContaining("truncated");
    }

    @Test
    void marksALastStatementWithoutDelimiterAsUnterminated() throws IOException {
        List<DumpStatement> got = split("SELECT 1;\nSELECT 2".getBytes(StandardCharsets.UTF_8));
        assertThat(got).extracting(DumpStatement::terminated).containsExactly(true, false);
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
            DumpStatement insert = s.next();
            assertThat(insert.complete()).isFalse();
            assertThat(insert.length()).isEqualTo(dump.indexOf(";\nCREATE"));
            assertThat(insert.topLevelGroups()).isEqualTo(5000);
            assertThat(insert.head()).isEqualTo(new StatementHead(StatementKind.INSERT, null, "t"));
            DumpStatement create = s.next();
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
            for (DumpStatement d; (d = s.next()) != null; ) {
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
}
