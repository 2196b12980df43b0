package io.cutkit.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlaceholderPolicyTest {

    private static Secret secret(String value) {
        return Secret.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n", "changeme", "CHANGEME", "placeholder", "<placeholder>", "TODO", "\"todo\"", "change-me"})
    void refusesPlaceholders(String value) {
        assertThatThrownBy(() -> PlaceholderPolicy.defaults().requireReal("ENCRYPTION_KEY", secret(value)))
                .isInstanceOf(PlaceholderSecretException.class)
                .hasMessageContaining("ENCRYPTION_KEY")
                .hasMessageContaining("placeholder");
    }

    @Test
    void acceptsARealLookingValue() {
        PlaceholderPolicy.defaults().requireReal("ENCRYPTION_KEY", secret("q8W1m0Zr2d9YbVfK3x6TnLp4Hs7Ga5Je0Cu1Bo2Iy3A="));
    }

    @Test
    void refusesAConfiguredKnownDefaultWithoutNamingIt() {
        String templateDefault = "dev-key-from-the-template-0123456789abcdef";
        PlaceholderPolicy policy = PlaceholderPolicy.defaults().withKnownDefault(secret(templateDefault));
        assertThatThrownBy(() -> policy.requireReal("ENCRYPTION_KEY", secret(templateDefault)))
                .isInstanceOf(PlaceholderSecretException.class)
                .hasMessageContaining("known default")
                .hasMessageNotContaining(templateDefault);
        policy.requireReal("ENCRYPTION_KEY", secret(templateDefault + "x"));
    }

    @Test
    void pipeRefusesAPlaceholderBeforeWritingAnything() {
        InMemorySecretStore source = InMemorySecretStore.named("source");
        source.write(secret("changeme"));
        InMemorySecretStore destination = InMemorySecretStore.named("destination");
        assertThatThrownBy(() -> SecretPipe.standard().move("ENCRYPTION_KEY", source, destination))
                .isInstanceOf(PlaceholderSecretException.class)
                .hasMessageContaining("nothing was written");
        assertThat(destination.versionCount()).isZero();
    }
}
