package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dumps unlike mysqldump's (a hand-written script, a phpMyAdmin export) and dumps that repeat a line
 * many times: what the dry-run reports must be true of the dump, not of the local rehearsal server, and
 * said once.
 */
class ScriptDumpFalseAlarmsIT {

    private static DatabaseServer local;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        local = DatabaseServers.shared();
    }

    private DryRunReport dryRun(DryRunPlan.Builder plan) {
        return DryRun.of(plan.build()).onServer(local).run();
    }

    private Path script(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private static List<Finding> modeFindings(DryRunReport report) {
        return report.findings().stream().filter(f -> "NO_AUTO_CREATE_USER".equals(f.evidence().get("sql_mode"))
                || String.valueOf(f.evidence().get("sql_mode")).contains("NO_AUTO_CREATE_USER")).toList();
    }

    @Test
    void routinesOfAScriptRunUnderTraditionalAreNotSavedWithAModeTheScriptNeverSets() throws IOException {
        // MariaDB expands TRADITIONAL with NO_AUTO_CREATE_USER; MySQL 8 does not, so the script runs there as it is
        Path dump = script("traditional.sql",
                "SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='TRADITIONAL';",
                "CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB;",
                "DELIMITER //",
                "CREATE PROCEDURE bump() BEGIN UPDATE counter SET n = n + 1; END//",
                "CREATE TRIGGER counter_check BEFORE INSERT ON counter FOR EACH ROW SET NEW.n = GREATEST(NEW.n, 0)//",
                "DELIMITER ;",
                "SET SQL_MODE=@OLD_SQL_MODE;");
        DryRunReport report = dryRun(DryRunPlan.builder().dump(dump).database("crm").targetFlavor(TargetFlavor.MYSQL_8_0));
        assertThat(modeFindings(report)).as(report.toText()).isEmpty();
        assertThat(report.stages()).filteredOn(s -> s.name().equals("sql-modes")).singleElement()
                .satisfies(s -> assertThat(s.note()).contains("never sets it"));
    }

    @Test
    void aModeRepeatedBeforeEveryRoutineIsOneFindingAndHygieneForAMariaDbTarget() {
        String set = "/*!50003 SET sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;";
        Path dump = DumpVariant.of(Refdata.dump()).append(set).append(set).append(set).writeTo(dir.resolve("modes.sql"));
        int before = modeFindings(dryRun(DryRunPlan.builder().dump(Refdata.dump()).database("crm"))).stream()
                .mapToInt(f -> ((Number) f.evidence().get("statements")).intValue()).sum();
        DryRunReport unknown = dryRun(DryRunPlan.builder().dump(dump).database("crm"));
        assertThat(modeFindings(unknown)).as(unknown.toText()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.evidence()).containsEntry("statements", before + 3);
            assertThat(f.evidence().get("lines")).asList().hasSize(Math.min(before + 3, 10));
            assertThat(f.message()).startsWith((before + 3) + " ");
        });
        DryRunReport mariaDb = dryRun(DryRunPlan.builder().dump(dump).database("crm").targetFlavor(TargetFlavor.MARIADB_11_4));
        assertThat(modeFindings(mariaDb)).as(mariaDb.toText()).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.P2));
    }

    @Test
    void aDumpThatNamesNoDatabaseCollationIsJudgedByItsTables() throws IOException {
        String tables = "utf8mb4_general_ci";
        Path dump = script("shop.sql",
                "CREATE TABLE orders (id INT PRIMARY KEY, ref VARCHAR(20)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + tables + ";",
                "CREATE TABLE items (id INT PRIMARY KEY, name VARCHAR(20)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=" + tables + ";",
                "INSERT INTO orders VALUES (1, 'a');");
        TargetFlavor flavor = TargetFlavor.MYSQL_8_4;
        DryRunReport report = dryRun(DryRunPlan.builder().dump(dump).database("shop").targetFlavor(flavor));
        assertThat(report.findings("collation")).as(report.toText()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.evidence()).containsEntry("tables_collation", tables)
                    .containsEntry("target_default", flavor.defaultCollation()).doesNotContainKey("source_collation");
            assertThat(f.message()).contains("names no database collation");
        });
        DryRunReport planned = dryRun(DryRunPlan.builder().dump(dump).database("shop").targetCollation(tables));
        assertThat(planned.findings("collation")).as(planned.toText()).isEmpty();
        DryRunReport other = dryRun(DryRunPlan.builder().dump(dump).database("shop").targetCollation("utf8mb4_unicode_ci"));
        assertThat(other.findings("collation")).as(other.toText()).singleElement()
                .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.P1));
    }

    @Test
    void rowsWithoutTheirParentAreABlockerAndTheStagesThatNeedACopyAreSkipped() throws IOException {
        // a partial export (one table's loader file missing) with the checks left on: the client stops with error 1452
        Path dump = script("orphans.sql",
                "CREATE TABLE department (id INT PRIMARY KEY) ENGINE=InnoDB;",
                "CREATE TABLE manager (id INT PRIMARY KEY, department_id INT NOT NULL,"
                        + " CONSTRAINT manager_department FOREIGN KEY (department_id) REFERENCES department (id)) ENGINE=InnoDB;",
                "INSERT INTO department VALUES (1);",
                "INSERT INTO manager VALUES (10, 1), (11, 2);");
        DryRunReport report = dryRun(DryRunPlan.builder().dump(dump).database("crm"));
        assertThat(report.findings()).as(report.toText()).filteredOn(f -> f.severity() == Severity.P0).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("foreign key").contains("1452");
                    assertThat(f.object()).isEqualTo("crm.manager");
                    assertThat(f.evidence().get("constraints")).asList().containsExactly("manager_department");
                });
        assertThat(report.stages()).as(report.toText()).noneMatch(s -> s.status() == StageResult.Status.FAILED);
        assertThat(report.stages()).filteredOn(s -> s.name().equals("verify-dump")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StageResult.Status.SKIPPED));
    }

    @Test
    void routinesSavedWithTheModeAreOneFindingNamingEachOfThem() throws IOException {
        String set = "/*!50003 SET sql_mode = 'STRICT_TRANS_TABLES,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION' */ ;";
        Path dump = script("saved.sql",
                "CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB;",
                set, "CREATE PROCEDURE first_one() SELECT 1;",
                set, "CREATE PROCEDURE second_one() SELECT 2;",
                set, "CREATE FUNCTION third_one() RETURNS INT DETERMINISTIC RETURN 3;");
        DryRunReport report = dryRun(DryRunPlan.builder().dump(dump).database("crm").targetFlavor(TargetFlavor.MYSQL_8_4));
        assertThat(report.findings("server-variable")).as(report.toText()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.message()).startsWith("3 ");
            assertThat(f.evidence().get("objects")).asList()
                    .containsExactlyInAnyOrder("procedure first_one", "procedure second_one", "function third_one");
        });
        assertThat(modeFindings(report)).as("the inspection's line findings give way to the objects")
                .allMatch(f -> f.findingClass() == io.cutkit.core.preflight.FindingClass.SERVER_VARIABLE);
    }
}
