package io.cutkit.core.secret;

import java.util.Optional;

/**
 * Where a secret goes: a secret store, a file, memory. Writing adds a new version where the
 * destination keeps versions.
 */
public interface SecretSink {

    /** Where the secret is written, for receipts and messages (for example {@code secretmanager:projects/p/secrets/s}). */
    String description();

    /** Writes {@code secret} and returns the destination's version label ({@code "1"}, {@code "latest"}, a file's mtime, ...). */
    String write(Secret secret);

    /**
     * The fingerprint of what the destination holds at {@code version}, read back from it, so a
     * pipe can prove the write; empty when this sink cannot read back.
     */
    default Optional<String> fingerprintOf(String version) {
        return Optional.empty();
    }
}
