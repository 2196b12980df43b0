package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.migration.MigrationSource;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.schema.ExpectedSchema;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftStageIT {

    @Test
    void codeThatNarrowsAColumnBelowTheLiveDataIsANarrowingBlockerNamingTheFirstRow() {
        String column = Refdata.text("referenceId", "column");
        String[] parts = column.split("\\.");
        String narrower = Refdata.text("referenceId", "typeBeforeMigration045");
        ExpectedSchema expected = ExpectedSchema.builder().column(parts[0], parts[1], narrower).build();

        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                .expectedSchema(expected).build()).onServer(DatabaseServers.shared()).run();

        assertThat(report.findings("narrowing")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo("crm." + column);
            assertThat(f.evidence()).containsEntry("column", column)
                    .containsEntry("expected_type", narrower)
                    .containsEntry("rows_that_do_not_fit", Refdata.number("referenceId", "longerThan32", "count"))
                    .containsEntry("first_offending_key", Refdata.at("referenceId", "longerThan32", "leadIds").get(0).asString());
            assertThat(f.evidence().get("live_type")).asString().startsWith(Refdata.text("referenceId", "currentType"));
            assertThat(f.fix()).isNotBlank();
        });
    }

    @Test
    void theSchemaBuiltFromTheNewCodesMigrationsIsComparedWithTheCopy(@TempDir Path dir) throws Exception {
        String[] column = Refdata.text("referenceId", "column").split("\\.");
        Files.writeString(dir.resolve("001-create-" + column[0] + ".sql"), "CREATE TABLE `" + column[0]
                + "` (`id` INT NOT NULL PRIMARY KEY, `" + column[1] + "` "
                + Refdata.text("referenceId", "typeBeforeMigration045") + " NULL);\n");

        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                .expectedSchemaMigrations(MigrationSource.directory(dir)).build()).onServer(DatabaseServers.shared()).run();

        assertThat(report.findings("narrowing")).singleElement()
                .satisfies(f -> assertThat(f.object()).isEqualTo("crm." + Refdata.text("referenceId", "column")));
        assertThat(report.findings("other")).filteredOn(f -> f.message().contains("the new code's schema")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Severity.P2);
                    assertThat(((Number) f.evidence().get("count")).intValue()).isPositive();
                    assertThat(f.fix()).isNotBlank();
                });
    }
}
