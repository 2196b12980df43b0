package io.cutkit.crypto.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.Secret;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.RefData;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EncryptionFindingsTest {

    private static Optional<Finding> unusable(Secret text) {
        try (text) {
            return EncryptionFindings.unusableKey("ENCRYPTION_KEY", text, PlaceholderPolicy.defaults());
        }
    }

    @Test
    void theReferenceKeyIsUsable() {
        assertThat(unusable(RefData.encryptionKeyText("secrets.env"))).isEmpty();
    }

    @Test
    void aStandInWordIsAPlaceholderKey() {
        assertThat(unusable(Secret.copyOf("changeme".getBytes(StandardCharsets.US_ASCII)))).hasValueSatisfying(f -> {
            assertThat(f.findingClass().id()).isEqualTo("placeholder-secret");
            assertThat(f.severity()).isEqualTo(Severity.P0);
            assertThat(f.object()).isEqualTo("ENCRYPTION_KEY");
            assertThat(f.fix()).isNotBlank();
        });
    }

    @Test
    void anAllZeroKeyIsAPlaceholderNamedByItsFingerprintOnly() {
        byte[] zeros = Base64.getEncoder().encode(new byte[EncryptionKey.LENGTH]);
        String text = new String(zeros, StandardCharsets.US_ASCII);

        assertThat(unusable(Secret.copyOf(zeros))).hasValueSatisfying(f -> {
            assertThat(f.findingClass().id()).isEqualTo("placeholder-secret");
            assertThat(f.message()).contains("fp:").doesNotContain(text);
            assertThat(f.evidence().values()).extracting(String::valueOf).noneMatch(v -> v.contains(text));
        });
    }

    @Test
    void textThatIsNoAes256KeyIsAWrongKey() {
        byte[] short16 = Base64.getEncoder().encode(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});

        assertThat(unusable(Secret.copyOf(short16))).hasValueSatisfying(f -> {
            assertThat(f.findingClass().id()).isEqualTo("wrong-key");
            assertThat(f.message()).contains("16 bytes");
        });
    }
}
