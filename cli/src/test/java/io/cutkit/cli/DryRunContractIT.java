package io.cutkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.FindingClass;
import io.cutkit.mysql.refdata.Refdata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code cutkit dry-run}'s report contract through the built jar: --list-checks, --fail-on and waivers. */
class DryRunContractIT {

    @TempDir
    static Path dir;

    @Test
    void listChecksNamesEveryFindingClassWithItsNeedsAndSeverity() {
        CutkitJar.Run run = CutkitJar.run("dry-run", "--list-checks", "--json");
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode checks = new ObjectMapper().readTree(run.stdout()).path("checks");
        List<String> classes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        checks.forEach(c -> {
            classes.add(c.path("class").asString());
            names.add(c.path("check").asString());
        });
        assertThat(classes.stream().distinct().toList())
                .containsExactlyElementsOf(Arrays.stream(FindingClass.values()).map(FindingClass::id).toList());
        assertThat(checks.get(names.indexOf("engine")).path("needs").toString()).isEqualTo("[\"dump\"]");
        assertThat(checks.get(names.indexOf("engine")).path("severity").asString()).isEqualTo("P1");
        assertThat(names).contains("saved-sql-mode", "named-time-zones", "case-only-table-names", "binlog-retention");
        JsonNode caseNames = checks.get(names.indexOf("case-only-table-names"));
        assertThat(caseNames.path("class").asString()).isEqualTo("server-variable");
        assertThat(caseNames.path("severity").asString()).isEqualTo("P0");
        assertThat(caseNames.path("needs").toString()).isEqualTo("[\"dump\",\"target\"]");
        JsonNode retention = checks.get(names.indexOf("binlog-retention"));
        assertThat(retention.path("class").asString()).isEqualTo("replication-readiness");
        assertThat(retention.path("needs").toString()).isEqualTo("[\"source\"]");
        assertThat(checks.get(names.indexOf("named-time-zones")).path("description").asString()).contains("time zone tables");

        CutkitJar.Run text = CutkitJar.run("dry-run", "--list-checks");
        assertThat(text.exitCode()).as(text.output()).isZero();
        assertThat(text.stdout()).contains("server-variable/saved-sql-mode", "server-variable/named-time-zones",
                "server-variable/case-only-table-names", "replication-readiness/binlog-retention");
    }

    @Test
    void failOnP1FailsOnTheCleanDumpsP1FindingsUnlessTheyAreWaived() throws IOException {
        CutkitJar.Run strict = CutkitJar.run("dry-run", "--dump", Refdata.dump().toString(), "--database", "crm",
                "--fail-on", "P1");
        assertThat(strict.exitCode()).as(strict.output()).isEqualTo(ExitCodes.FINDING);
        Path plan = plan("waived.yaml", "reason: the window imports with cutkit\n    until: 2999-01-31");
        CutkitJar.Run waived = CutkitJar.run("dry-run", "--plan", plan.toString(), "--fail-on", "P1", "--json");
        assertThat(waived.exitCode()).as(waived.output()).isZero();
        assertThat(waived.stdout()).contains("\"reason\" : \"the window imports with cutkit\"");
    }

    @Test
    void anExpiredWaiverCountsAgain() throws IOException {
        Path plan = plan("expired.yaml", "reason: accepted last year\n    until: 2020-01-31");
        CutkitJar.Run run = CutkitJar.run("dry-run", "--plan", plan.toString(), "--fail-on", "P1");
        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FINDING);
    }

    @Test
    void aWaiverWithoutReasonIsAUsageError() throws IOException {
        Path plan = plan("unreasoned.yaml", "until: 2999-01-31");
        CutkitJar.Run run = CutkitJar.run("dry-run", "--plan", plan.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("no reason");
    }

    /** A plan of refdata's dump that waives every finding class the clean dump has at P1 and P2. */
    private static Path plan(String name, String waiverFields) throws IOException {
        StringBuilder yaml = new StringBuilder("dump: " + Refdata.dump() + "\ndatabase: crm\nwaive:\n");
        for (String c : List.of("use-mismatch", "missing-definer", "collation", "other", "managed-instance-statement")) {
            yaml.append("  - class: ").append(c).append("\n    ").append(waiverFields).append('\n');
        }
        Path plan = dir.resolve(name);
        Files.writeString(plan, yaml);
        return plan;
    }
}
