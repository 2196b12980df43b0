package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void aRunWithTheRealKeyAndSecretsReportsNoSecretValueAndRunsTheChecksInOrder(@TempDir Path dir) {
        String[] encrypted = Refdata.at("encryption", "columns").get(0).asString().split("\\.");
        DryRunReport report;
        try (EnvFile env = EnvFile.read(PrivateEnvFiles.copy("secrets.env", dir))) {
            DryRunPlan.Builder plan = DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                    .key(env.source(Refdata.text("encryption", "keyVariable")),
                            List.of(ColumnRef.of(encrypted[0], encrypted[1])), List.of());
            env.names().forEach(name -> plan.secret(name, env.source(name)));
            report = DryRun.of(plan.build()).onServer(server).run();
        }

        String text = report.toText();
        String json = report.toJson();
        PrivateEnvFiles.values("secrets.env").forEach((name, value) -> {
            assertThat(text).as(name).doesNotContain(value);
            assertThat(json).as(name).doesNotContain(value);
        });
        assertThat(text).contains("fp:");
        assertThat(report.stages()).extracting(StageResult::name).containsSubsequence("verify", "migrations", "drift",
                "encryption", "secrets", "numbers", "estimate");
        assertThat(report.stages()).filteredOn(s -> s.name().equals("numbers")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StageResult.Status.SKIPPED));
    }
}
