package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.mysql.refdata.Refdata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The secrets stage on its own (it needs no data), over env files written from refdata's secrets.env. */
class SecretsStageTest {

    @TempDir
    Path dir;

    private List<Finding> check(Path source, Path destination) {
        try (EnvFile from = EnvFile.read(source); EnvFile to = destination == null ? null : EnvFile.read(destination)) {
            DryRunPlan.Builder plan = DryRunPlan.builder().dump(Refdata.dump());
            from.names().forEach(name -> plan.secret(name, from.source(name)));
            if (to != null) {
                to.names().forEach(name -> plan.destinationSecret(name, to.source(name)));
            }
            DryRunState state = new DryRunState(plan.build(), null, line -> { });
            String note = new SecretsStage().run(state);
            assertThat(note).contains("source:" + from.names().get(0) + " fp:");
            return state.findings;
        }
    }

    private static String secretName(int index) {
        return Refdata.at("secrets", "variables").get(index).asString();
    }

    @Test
    void theReferenceSecretsHaveNoFinding() {
        Path secrets = PrivateEnvFiles.copy("secrets.env", dir);

        assertThat(check(secrets, secrets)).isEmpty();
    }

    @Test
    void aPlaceholderIsNamedButNeverShown() {
        String name = secretName(2);
        List<Finding> findings = check(PrivateEnvFiles.copyWith("secrets.env", dir, name, "changeme"), null);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.findingClass().id()).isEqualTo("placeholder-secret");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo(name);
            assertThat(f.evidence()).containsEntry("secret", name).doesNotContainKey("fingerprint");
            assertThat(f.fix()).isNotBlank();
        });
    }

    @Test
    void aDestinationSecretThatDiffersIsAMismatchWithBothFingerprints() {
        String name = secretName(2);
        Map<String, String> values = PrivateEnvFiles.values("secrets.env");
        Path destination = PrivateEnvFiles.copyWith("secrets.env", dir, name, values.get(name) + "0");

        List<Finding> findings = check(PrivateEnvFiles.copy("secrets.env", dir), destination);

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.findingClass().id()).isEqualTo("secret-mismatch");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo(name);
            assertThat(f.evidence().get("source_fingerprint")).asString().startsWith("fp:")
                    .isNotEqualTo(f.evidence().get("destination_fingerprint"));
            assertThat(f.fix()).isNotBlank();
            assertThat(f.toString()).doesNotContain(values.get(name));
        });
    }

    @Test
    void aDestinationSecretWithoutSourceCounterpartIsHygiene() {
        String name = secretName(2);

        List<Finding> findings = check(PrivateEnvFiles.copyWithout("secrets.env", dir, name),
                PrivateEnvFiles.copy("secrets.env", dir));

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.findingClass().id()).isEqualTo("other");
            assertThat(f.severity()).isEqualTo(Severity.P2);
            assertThat(f.object()).isEqualTo(name);
            assertThat(f.evidence().get("destination_fingerprint")).asString().startsWith("fp:");
            assertThat(f.fix()).isNotBlank();
        });
    }
}
