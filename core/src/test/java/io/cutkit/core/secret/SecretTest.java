package io.cutkit.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretTest {

    private static Secret secret(String value) {
        return Secret.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void toStringNeverShowsTheValue() {
        Secret secret = secret("hunter2-very-secret");
        assertThat(secret.toString()).isEqualTo("Secret[redacted]").doesNotContain("hunter2");
        assertThat(String.valueOf(secret)).doesNotContain("hunter2");
    }

    @Test
    void closeZeroesTheBytesAndRefusesFurtherUse() {
        Secret secret = secret("abc123");
        byte[][] lent = new byte[1][];
        secret.withBytes(bytes -> lent[0] = bytes);
        secret.close();
        assertThat(lent[0]).containsOnly(0);
        assertThat(secret.isClosed()).isTrue();
        assertThat(secret.toString()).isEqualTo("Secret[closed]");
        assertThatThrownBy(secret::copyBytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(secret::fingerprint).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void equalsComparesValuesAndHashCodeRevealsNothing() {
        assertThat(secret("same")).isEqualTo(secret("same")).isNotEqualTo(secret("Same"));
        assertThat(secret("short")).isNotEqualTo(secret("shorter"));
        assertThat(secret("a").hashCode()).isEqualTo(secret("completely different").hashCode());
    }

    @Test
    void isNotSerializable() {
        assertThat(Serializable.class.isAssignableFrom(Secret.class)).isFalse();
    }

    @Test
    void fingerprintIsStableShortAndValueSpecific() {
        String fingerprint = secret("value-1").fingerprint();
        assertThat(fingerprint).matches("fp:[0-9a-f]{16}").isEqualTo(secret("value-1").fingerprint());
        assertThat(secret("value-2").fingerprint()).isNotEqualTo(fingerprint);
    }

    @Test
    void copyOfIsIndependentOfTheCallersArray() {
        byte[] bytes = "original".getBytes(StandardCharsets.UTF_8);
        Secret secret = Secret.copyOf(bytes);
        bytes[0] = 'X';
        assertThat(secret).isEqualTo(secret("original"));
    }

    @Test
    void fromCharsEncodesUtf8() {
        assertThat(Secret.fromChars("pässwörd".toCharArray())).isEqualTo(secret("pässwörd"));
    }
}
