package io.cutkit.core.secret;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a secret from a {@link SecretSource} to a {@link SecretSink} without exposing it: the value
 * stays in a {@link Secret} (bytes, zeroed after the move), placeholders are refused before
 * anything is written, and when the sink can read back the written version its fingerprint must
 * match. Only fingerprints are logged.
 *
 * <pre>{@code
 * SecretReceipt receipt = SecretPipe.withPolicy(PlaceholderPolicy.defaults())
 *         .move("ENCRYPTION_KEY", EnvSecretSource.of("ENCRYPTION_KEY"), secretManagerSink);
 * }</pre>
 */
public final class SecretPipe {

    private static final Logger LOG = LoggerFactory.getLogger(SecretPipe.class);

    private final PlaceholderPolicy policy;

    private SecretPipe(PlaceholderPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A pipe that refuses what {@code policy} calls a placeholder. */
    public static SecretPipe withPolicy(PlaceholderPolicy policy) {
        return new SecretPipe(policy);
    }

    /** A pipe with {@link PlaceholderPolicy#defaults()}. */
    public static SecretPipe standard() {
        return new SecretPipe(PlaceholderPolicy.defaults());
    }

    /**
     * Reads {@code name} from {@code source}, refuses a placeholder, writes it to {@code sink},
     * reads back its fingerprint where the sink can, and zeroes the value.
     *
     * @throws PlaceholderSecretException when the value is a placeholder (nothing written)
     * @throws SecretException when reading, writing or the read-back check fails
     */
    public SecretReceipt move(String name, SecretSource source, SecretSink sink) {
        try (Secret secret = source.read()) {
            policy.requireReal(name, secret);
            String fingerprint = secret.fingerprint();
            int size = secret.length();
            String version = sink.write(secret);
            Optional<String> readBack = sink.fingerprintOf(version);
            if (readBack.isPresent() && !readBack.get().equals(fingerprint)) {
                throw new SecretException("Secret '" + name + "' was written to " + sink.description() + " version "
                        + version + " but reads back as " + readBack.get() + " instead of " + fingerprint
                        + "; disable that version and pipe again.");
            }
            SecretReceipt receipt = new SecretReceipt(name, source.description(), sink.description(), fingerprint,
                    size, version, readBack.isPresent());
            LOG.info("piped secret {}", receipt);
            return receipt;
        }
    }
}
