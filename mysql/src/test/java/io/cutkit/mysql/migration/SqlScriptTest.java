package io.cutkit.mysql.migration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesAndComments() {
        String script = "-- header; not a statement\n"
                + "CREATE TABLE `a;b` (x VARCHAR(10) DEFAULT 'semi;colon');\n"
                + "# another; comment\n"
                + "INSERT INTO `a;b` VALUES ('it''s; fine'), (\"dq;\\\"x\");\n"
                + "/* block; comment */\n"
                + "UPDATE `a;b` SET x = 'y' /* inline; */ WHERE x = 'z';";
        assertThat(SqlScript.statements(script)).containsExactly(
                "CREATE TABLE `a;b` (x VARCHAR(10) DEFAULT 'semi;colon')",
                "INSERT INTO `a;b` VALUES ('it''s; fine'), (\"dq;\\\"x\")",
                "UPDATE `a;b` SET x = 'y' /* inline; */ WHERE x = 'z'");
    }

    @Test
    void honoursDelimiterBlocksForTriggers() {
        String script = "DROP TRIGGER IF EXISTS t;\n"
                + "DELIMITER $$\n"
                + "CREATE TRIGGER t AFTER UPDATE ON x FOR EACH ROW BEGIN\n  SET @a = 1;\n  SET @b = 2;\nEND$$\n"
                + "DELIMITER ;\n"
                + "SELECT 1;";
        assertThat(SqlScript.statements(script)).containsExactly(
                "DROP TRIGGER IF EXISTS t",
                "CREATE TRIGGER t AFTER UPDATE ON x FOR EACH ROW BEGIN\n  SET @a = 1;\n  SET @b = 2;\nEND",
                "SELECT 1");
    }

    @Test
    void dropsCommentOnlyPiecesAndKeepsConditionalComments() {
        assertThat(SqlScript.statements("-- only a comment\n/* and this */\n;\n")).isEmpty();
        assertThat(SqlScript.statements("/*!40101 SET NAMES utf8mb4 */;\nSELECT 2"))
                .containsExactly("/*!40101 SET NAMES utf8mb4 */", "SELECT 2");
    }

    @Test
    void doubleDashWithoutSpaceIsAnOperatorNotAComment() {
        assertThat(SqlScript.statements("SELECT 5--1;")).containsExactly("SELECT 5--1");
    }
}
