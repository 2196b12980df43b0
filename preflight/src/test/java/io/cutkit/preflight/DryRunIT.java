package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DryRunIT {

    private static DatabaseServer server;

    @BeforeAll
    static void start() {
        server = DatabaseServers.shared();
    }

    @Test
    void cleanRefdataIntoANewNameHasNoBlocker() {
        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                .targetFlavor(TargetFlavor.MYSQL_8_4).build()).onServer(server).run();
        System.out.println(report.toText());
        assertThat(report.findings()).extracting(Finding::severity).doesNotContain(Severity.P0);
        assertThat(report.findings("use-mismatch")).singleElement()
                .satisfies(f -> assertThat(f.evidence()).containsEntry("database", Refdata.databaseName()));
    }
}
