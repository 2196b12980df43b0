package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptionStageIT {

    private static DatabaseServer server;
    private static final String KEY = Refdata.text("encryption", "keyVariable");

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = DatabaseServers.shared();
    }

    private static ColumnRef column(String tableDotColumn) {
        String[] parts = tableDotColumn.split("\\.");
        return ColumnRef.of(parts[0], parts[1]);
    }

    private static List<ColumnRef> encrypted() {
        List<ColumnRef> columns = new ArrayList<>();
        Refdata.at("encryption", "columns").forEach(c -> columns.add(column(c.asString())));
        return columns;
    }

    private static ColumnRef plaintext() {
        return column(Refdata.text("notes", "column"));
    }

    private static List<Long> sampleIds() {
        List<Long> ids = new ArrayList<>();
        Refdata.at("samples").forEach(s -> ids.add(s.path("leadId").asLong()));
        return ids;
    }

    private DryRunReport run(Path dump, String envFile) {
        try (EnvFile env = EnvFile.read(PrivateEnvFiles.copy(envFile, dir))) {
            return DryRun.of(DryRunPlan.builder().dump(dump).database("crm")
                    .key(env.source(KEY), encrypted(), List.of(plaintext())).build()).onServer(server).run();
        }
    }

    @Test
    void theRightKeyOnCleanDataFindsNothingToFix() {
        DryRunReport report = run(Refdata.dump(), "secrets.env");

        assertThat(report.findings()).extracting(Finding::severity).doesNotContain(Severity.P0);
        assertThat(report.findings()).extracting(f -> f.findingClass().id()).doesNotContain("wrong-key",
                "legacy-plaintext", "double-encryption", "ciphertext-in-plaintext", "placeholder-secret");
        assertThat(report.stages()).filteredOn(s -> s.name().equals("encryption")).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StageResult.Status.RAN));
    }

    @Test
    void anAlmostRightKeyIsAWrongKeyBlockerOnEveryEncryptedColumnNamedByFingerprint() {
        String wrong = PrivateEnvFiles.values(Refdata.text("encryption", "wrongKey", "file")).get(KEY);

        DryRunReport report = run(Refdata.dump(), Refdata.text("encryption", "wrongKey", "file"));

        assertThat(report.findings("wrong-key")).hasSize(encrypted().size()).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo("crm." + f.evidence().get("column"));
            assertThat((List<?>) f.evidence().get("first_ids")).isNotEmpty();
            assertThat(f.evidence().get("key_fingerprints").toString()).contains("fp:");
            assertThat(f.fix()).isNotBlank();
            assertThat(f.toString()).doesNotContain(wrong);
        });
        assertThat(report.toJson()).doesNotContain(wrong);
    }

    @Test
    void plaintextLeftInAnEncryptedColumnIsLegacyPlaintextWithItsIds() {
        ColumnRef email = encrypted().stream().filter(c -> c.column().equals("email")).findFirst().orElseThrow();
        PlantedDump planted = PlantedDump.ofTable(email.table());
        Refdata.at("samples").forEach(s -> planted.set(s.path("leadId").asLong(), email.column(),
                s.path("email").asString()));

        DryRunReport report = run(planted.write(dir), "secrets.env");

        assertThat(report.findings("legacy-plaintext")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P1);
            assertThat(f.object()).isEqualTo("crm." + email);
            assertThat(f.evidence()).containsEntry("count", (long) sampleIds().size())
                    .containsEntry("first_ids", sampleIds().stream().sorted().map(String::valueOf).toList());
            assertThat(f.fix()).isNotBlank();
        });
    }

    @Test
    void anEnvelopeCopiedIntoAPlaintextColumnIsCiphertextInPlaintext() {
        ColumnRef email = encrypted().stream().filter(c -> c.column().equals("email")).findFirst().orElseThrow();
        PlantedDump planted = PlantedDump.ofTable(plaintext().table());
        sampleIds().forEach(id -> planted.copy(id, email.column(), plaintext().column()));

        DryRunReport report = run(planted.write(dir), "secrets.env");

        assertThat(report.findings("ciphertext-in-plaintext")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo("crm." + plaintext());
            assertThat(f.evidence()).containsEntry("count", (long) sampleIds().size())
                    .containsEntry("first_ids", sampleIds().stream().sorted().map(String::valueOf).toList());
            assertThat(f.fix()).isNotBlank();
        });
    }

    @Test
    void anEnvelopeThatDecryptsToAnEnvelopeIsDoubleEncryption() {
        ColumnRef email = encrypted().stream().filter(c -> c.column().equals("email")).findFirst().orElseThrow();
        long id = sampleIds().get(0);
        String twice;
        try (EnvFile env = EnvFile.read(PrivateEnvFiles.copy("secrets.env", dir));
             EncryptionKey key = EncryptionKey.fromBase64(env.source(KEY))) {
            EnvelopeCodec codec = EnvelopeCodec.of(key);
            twice = codec.encrypt(codec.encrypt(Refdata.at("samples").get(0).path("email").asString()));
        }
        Path dump = PlantedDump.ofTable(email.table()).set(id, email.column(), twice).write(dir);

        DryRunReport report = run(dump, "secrets.env");

        assertThat(report.findings("double-encryption")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo("crm." + email);
            assertThat(f.evidence()).containsEntry("count", 1L).containsEntry("first_ids", List.of(String.valueOf(id)));
            assertThat(f.fix()).isNotBlank();
        });
    }
}
