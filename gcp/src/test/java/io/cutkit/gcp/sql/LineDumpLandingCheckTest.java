package io.cutkit.gcp.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineDumpLandingCheckTest {

    private static DumpLanding scan(String dump) {
        return LineDumpLandingCheck.create()
                .inspect(new ByteArrayInputStream(dump.getBytes(StandardCharsets.UTF_8)), "test.sql");
    }

    @Test
    void findsConditionalCreateDatabaseAndQuotedUseWithTheirLines() {
        DumpLanding landing = scan("/*M!999999\\- enable the sandbox mode */\n"
                + "CREATE DATABASE /*!32312 IF NOT EXISTS*/ `Opti``leads` /*!40100 DEFAULT CHARACTER SET utf8mb4 */;\n"
                + "\n"
                + "USE `Opti``leads`;\n"
                + "INSERT INTO `t` VALUES ('USE `x`;');\n"
                + "use plain_name;\n");

        assertThat(landing.mentions()).containsExactly(
                new DumpLanding.DatabaseMention(2, "CREATE DATABASE", "Opti`leads"),
                new DumpLanding.DatabaseMention(4, "USE", "Opti`leads"),
                new DumpLanding.DatabaseMention(6, "USE", "plain_name"));
        assertThat(landing.databases()).containsExactly("Opti`leads", "plain_name");
        assertThat(landing.statements()).isEqualTo(4);
    }

    @Test
    void keepsMemoryFlatOnVeryLongLinesAndStillSeesTheNextStatement() {
        String longInsert = "INSERT INTO t VALUES ('" + "x".repeat(5_000_000) + "');\n";

        DumpLanding landing = scan(longInsert + "CREATE SCHEMA IF NOT EXISTS reports;\n");

        assertThat(landing.mentions()).containsExactly(new DumpLanding.DatabaseMention(2, "CREATE DATABASE", "reports"));
    }

    @Test
    void reportsNothingForADumpOfTablesOnly() {
        assertThat(scan("CREATE TABLE `use` (id INT);\nINSERT INTO `use` VALUES (1);\n").mentions()).isEmpty();
    }
}
