package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real dry-run reports conform to the published JSON Schema, docs/dry-run.schema.json. */
class DryRunReportSchemaIT {

    private static final Path SCHEMA_FILE = Path.of("..", "docs", "dry-run.schema.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static DatabaseServer server;
    private static Schema schema;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSchema() throws IOException {
        server = DatabaseServers.shared();
        try (InputStream in = Files.newInputStream(SCHEMA_FILE)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    private static List<ColumnRef> encryptedColumns() {
        List<ColumnRef> columns = new ArrayList<>();
        Refdata.at("encryption", "columns").forEach(c -> {
            String[] parts = c.asString().split("\\.");
            columns.add(ColumnRef.of(parts[0], parts[1]));
        });
        return columns;
    }

    private static List<Error> errors(DryRunReport report) {
        return schema.validate(JSON.readTree(report.toJson()));
    }

    @Test
    void aReportWithFindingsStagesAndAnEstimateConforms() {
        try (EnvFile secrets = EnvFile.read(PrivateEnvFiles.copy("secrets.env", dir))) {
            DryRunPlan.Builder plan = DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                    .targetFlavor(TargetFlavor.MYSQL_8_4).key(secrets.source("ENCRYPTION_KEY"), encryptedColumns(), List.of());
            secrets.names().forEach(n -> plan.secret(n, secrets.source(n)));
            DryRunReport report = DryRun.of(plan.build()).onServer(server).run();
            assertThat(report.findings()).isNotEmpty();
            assertThat(report.estimate()).isPresent();
            assertThat(errors(report)).as(report.toJson()).isEmpty();
        }
    }

    @Test
    void aReportWithBlockersAndAWaivedFindingConforms() {
        try (EnvFile wrong = EnvFile.read(PrivateEnvFiles.copy("wrong-key.env", dir))) {
            DryRunReport report = DryRun.of(DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                    .key(wrong.source("ENCRYPTION_KEY"), encryptedColumns(), List.of()).build()).onServer(server).run();
            String object = report.findings("wrong-key").get(0).object();
            DryRunReport waived = report.waivedBy(List.of(new Waiver("wrong-key", object, "a test waiver",
                    LocalDate.now().plusDays(1))), LocalDate.now());
            JsonNode json = JSON.readTree(waived.toJson());
            assertThat(json.path("summary").path("P0").asLong()).isPositive();
            assertThat(json.toString()).contains("a test waiver");
            assertThat(errors(waived)).as(waived.toJson()).isEmpty();
        }
    }

    @Test
    void theSchemaRejectsAReportThatBreaksTheContract() {
        JsonNode broken = JSON.readTree("{\"schema\":\"cutkit.dry-run/v1\",\"subject\":\"x\",\"nothing_written\":false,"
                + "\"summary\":{\"P0\":0,\"P1\":0,\"P2\":0},\"findings\":[{\"severity\":\"P9\"}],\"stages\":[],"
                + "\"estimate\":null,\"elapsed_seconds\":1}");
        assertThat(schema.validate(broken)).isNotEmpty();
    }

    @Test
    void theSchemaListsEveryFindingClassAndNoOther() {
        JsonNode classes = JSON.readTree(SCHEMA_FILE.toFile()).path("$defs").path("finding").path("properties")
                .path("class").path("enum");
        List<String> listed = new ArrayList<>();
        classes.forEach(c -> listed.add(c.asString()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(Arrays.stream(FindingClass.values()).map(FindingClass::id).toList());
    }
}
