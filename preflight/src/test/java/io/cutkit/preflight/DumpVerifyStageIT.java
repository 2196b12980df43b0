package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServers;
import org.junit.jupiter.api.Test;

class DumpVerifyStageIT {

    @Test
    void cutkitsImportOfRefdataMatchesTheMariadbClientsLoadOfTheSameDump() {
        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(Refdata.dump()).database("crm").build())
                .onServer(DatabaseServers.shared()).run();

        assertThat(report.stages()).filteredOn(s -> s.name().equals("verify-dump")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(StageResult.Status.RAN);
            assertThat(s.note()).startsWith(Refdata.tables().size() + " tables compared").endsWith(", 0 differ");
        });
        assertThat(report.findings("other")).noneMatch(f -> f.message().contains("differs after the import"));
    }
}
