package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.schema.ExpectedSchema;
import io.cutkit.mysql.testing.DatabaseServers;
import org.junit.jupiter.api.Test;

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
}
