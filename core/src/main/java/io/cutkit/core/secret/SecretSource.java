package io.cutkit.core.secret;

/**
 * Where a secret comes from: an environment variable, a file, standard input, a secret store, a
 * cloud service's configuration. Each {@link #read()} returns a fresh {@link Secret} the caller
 * must close.
 */
public interface SecretSource {

    /** Where the secret is read from, for receipts and messages (for example {@code env:ENCRYPTION_KEY}). */
    String description();

    /** Reads the current value; throws {@link SecretException} (never naming the value) when it cannot. */
    Secret read();
}
