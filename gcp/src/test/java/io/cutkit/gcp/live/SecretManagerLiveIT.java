package io.cutkit.gcp.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretName;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import io.cutkit.core.secret.InMemorySecretStore;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretPipe;
import io.cutkit.core.secret.SecretReceipt;
import io.cutkit.gcp.secretmanager.SecretManagerSink;
import io.cutkit.gcp.secretmanager.SecretManagerSource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Secret Manager adapters against the real service: a throw-away secret, deleted at the end. */
@Timeout(120)
class SecretManagerLiveIT {

    @Test
    void pipesReadsPinsDisablesAndDetectsPlaceholdersOnTheRealService() throws Exception {
        String project = LiveGcp.project();
        SecretName name = SecretName.of(project, "cutkit-live-" + UUID.randomUUID().toString().substring(0, 8));
        try (SecretManagerServiceClient client = SecretManagerServiceClient.create()) {
            try {
                byte[] raw = new byte[32];
                new SecureRandom().nextBytes(raw);
                InMemorySecretStore source = InMemorySecretStore.named("live");
                source.write(Secret.copyOf(Base64.getEncoder().encode(raw)));

                SecretReceipt receipt = SecretPipe.standard().move("live", source,
                        SecretManagerSink.to(client, name).createIfMissing(true).build());
                String second = SecretManagerSink.to(client, name).disableOlderVersions(true).build()
                        .write(Secret.copyOf("changeme".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

                assertThat(receipt.verifiedByReadBack()).isTrue();
                try (Secret pinned = SecretManagerSource.pinned(client, SecretVersionName.of(project, name.getSecret(),
                        second)).read()) {
                    assertThat(pinned.length()).isEqualTo(8);
                }
                assertThat(SecretManagerSource.latest(client, name).checkPlaceholder(PlaceholderPolicy.defaults())
                        .isPlaceholder()).isTrue();
            } finally {
                client.deleteSecret(name);
            }
        }
    }
}
