package io.cutkit.core.secret;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Reads a secret from a stream up to its end, typically standard input fed by a pipe
 * ({@code gcloud ... | java -jar cutover.jar}) so the value never appears in argv or a file. One
 * trailing newline is removed. A stream can be read once; a second {@link #read()} throws.
 */
public final class StdinSecretSource implements SecretSource {

    private final InputStream in;
    private final String description;
    private boolean consumed;

    private StdinSecretSource(InputStream in, String description) {
        this.in = Objects.requireNonNull(in, "in");
        this.description = description;
    }

    /** Reads this process's standard input. */
    public static StdinSecretSource standardInput() {
        return new StdinSecretSource(System.in, "stdin");
    }

    /** Reads {@code in} (for a child process's output, or a test). */
    public static StdinSecretSource of(InputStream in, String description) {
        return new StdinSecretSource(in, description);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public synchronized Secret read() {
        if (consumed) {
            throw new SecretException("The secret on " + description + " was already read; a stream can be read once.");
        }
        consumed = true;
        try {
            return Secret.adopt(SecretFiles.withoutTrailingNewline(in.readAllBytes()));
        } catch (IOException e) {
            throw new SecretException("Cannot read the secret from " + description + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "StdinSecretSource[" + description + "]";
    }
}
