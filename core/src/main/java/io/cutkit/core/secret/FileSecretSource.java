package io.cutkit.core.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a secret from a file that only its owner may read; a world-readable file is refused. By
 * default one trailing newline is removed (files written by editors and {@code echo} end in one);
 * {@link #verbatim(Path)} keeps every byte.
 */
public final class FileSecretSource implements SecretSource {

    private final Path path;
    private final boolean trimTrailingNewline;

    private FileSecretSource(Path path, boolean trimTrailingNewline) {
        this.path = Objects.requireNonNull(path, "path");
        this.trimTrailingNewline = trimTrailingNewline;
    }

    /** Reads {@code path}, without one trailing newline. */
    public static FileSecretSource of(Path path) {
        return new FileSecretSource(path, true);
    }

    /** Reads {@code path} byte for byte. */
    public static FileSecretSource verbatim(Path path) {
        return new FileSecretSource(path, false);
    }

    @Override
    public String description() {
        return "file:" + path;
    }

    @Override
    public Secret read() {
        SecretFiles.requireNotWorldReadable(path);
        try {
            byte[] bytes = Files.readAllBytes(path);
            return Secret.adopt(trimTrailingNewline ? SecretFiles.withoutTrailingNewline(bytes) : bytes);
        } catch (IOException e) {
            throw new SecretException("Cannot read secret file " + path + ": " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public String toString() {
        return "FileSecretSource[" + path + "]";
    }
}
