package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.migration.MigrationHistory;
import io.cutkit.mysql.migration.MigrationSource;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationStageIT {

    private static DatabaseServer server;

    @BeforeAll
    static void start() {
        server = DatabaseServers.shared();
    }

    private static MigrationSource folder(String key) {
        return MigrationSource.toolFiles(Refdata.file(Refdata.text("migrations", key)));
    }

    private static String withoutExtension(String fileName) {
        return fileName.substring(0, fileName.lastIndexOf('.'));
    }

    /** The table and column the manifest says were widened (e.g. {@code leads}, {@code referenceId}). */
    private static String[] widenedColumn() {
        return Refdata.text("referenceId", "column").split("\\.");
    }

    private static DryRunReport run(DryRunPlan.Builder plan) {
        return DryRun.of(plan.dump(Refdata.dump()).database("crm").build()).onServer(server).run();
    }

    @Test
    void theForksPendingMigrationsCollideWithTheContractorsAppliedOnes() {
        DryRunReport report = run(DryRunPlan.builder()
                .migrations(folder("forkFolder"), MigrationHistory.sequelizeMeta())
                .referenceMigrations(folder("contractorFolder")));

        List<String> forkNames = new ArrayList<>();
        Refdata.at("migrations", "collisions").forEach(c -> forkNames.add(withoutExtension(c.path("fork").asString())));
        assertThat(report.findings("migration-collision")).extracting(Finding::object)
                .containsExactlyElementsOf(forkNames);
        Refdata.at("migrations", "collisions").forEach(c -> assertThat(report.findings("migration-collision"))
                .filteredOn(f -> f.object().equals(withoutExtension(c.path("fork").asString()))).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.P0);
                    assertThat(f.evidence()).containsEntry("number", c.path("number").asString())
                            .containsEntry("taken_by", withoutExtension(c.path("applied").asString()))
                            .containsKeys("next_free_number", "suggested_name");
                    assertThat(f.fix()).contains((String) f.evidence().get("suggested_name"));
                }));
        assertThat(report.stages()).filteredOn(s -> s.name().equals("migrations")).singleElement()
                .satisfies(s -> assertThat(s.note()).contains("not applied"));
    }

    @Test
    void theContractorsOwnFolderOverItsHistoryHasNoBlocker() {
        DryRunReport report = run(DryRunPlan.builder()
                .migrations(folder("contractorFolder"), MigrationHistory.sequelizeMeta()));

        assertThat(report.findings()).extracting(Finding::severity).doesNotContain(Severity.P0);
        assertThat(report.findings()).extracting(f -> f.findingClass().id())
                .doesNotContain("migration-collision", "migration-checksum");
    }

    @Test
    void sqlMigrationsAreAppliedToTheCopyAndTimedForTheWindow(@TempDir Path dir) throws Exception {
        String[] column = widenedColumn();
        Files.writeString(dir.resolve("001-add-timezone.sql"),
                "ALTER TABLE `" + column[0] + "` ADD COLUMN `timezone` VARCHAR(64) NULL;\n");

        DryRunReport report = run(DryRunPlan.builder().migrations(MigrationSource.directory(dir), MigrationHistory.cutkit()));

        assertThat(report.findings()).extracting(Finding::severity).doesNotContain(Severity.P0);
        assertThat(report.estimate()).hasValueSatisfying(e -> assertThat(e.migrations()).isGreaterThan(Duration.ZERO));
        assertThat(report.stages()).filteredOn(s -> s.name().equals("migrations")).singleElement()
                .satisfies(s -> assertThat(s.note()).contains("applied to the copy"));
    }

    @Test
    void aMigrationThatFailsOnTheLiveDataIsABlockerWithItsError(@TempDir Path dir) throws Exception {
        String[] column = widenedColumn();
        Files.writeString(dir.resolve("001-narrow-reference.sql"), "ALTER TABLE `" + column[0] + "` MODIFY `"
                + column[1] + "` " + Refdata.text("referenceId", "typeBeforeMigration045").toUpperCase() + " NULL;\n");

        DryRunReport report = run(DryRunPlan.builder().migrations(MigrationSource.directory(dir), MigrationHistory.cutkit()));

        assertThat(report.findings("other")).filteredOn(f -> "001-narrow-reference".equals(f.object())).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.P0);
                    assertThat(f.message()).contains("Data too long");
                    assertThat(f.evidence()).containsKeys("error", "statement");
                    assertThat(f.fix()).isNotBlank();
                });
    }
}
