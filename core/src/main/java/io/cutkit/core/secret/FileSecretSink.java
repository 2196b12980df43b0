package io.cutkit.core.secret;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a secret to a file readable by its owner only (mode 600), atomically: the value goes to
 * a new file beside the target, is flushed to disk, then moved over the target. The version label
 * is the write's sequence number in this sink.
 */
public final class FileSecretSink implements SecretSink {

    private final Path path;
    private int writes;

    private FileSecretSink(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** A sink writing {@code path}. */
    public static FileSecretSink of(Path path) {
        return new FileSecretSink(path);
    }

    @Override
    public String description() {
        return "file:" + path;
    }

    @Override
    public synchronized String write(Secret secret) {
        Path dir = path.toAbsolutePath().getParent();
        Path staging = null;
        try {
            staging = Files.createTempFile(dir, "." + path.getFileName(), ".new",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(staging, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                secret.withBytes(bytes -> {
                    try {
                        ByteBuffer buffer = ByteBuffer.wrap(bytes);
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                        channel.force(true);
                        return null;
                    } catch (IOException e) {
                        throw new SecretException("Cannot write secret file " + path + ": " + e.getClass().getSimpleName(), e);
                    }
                });
            }
            Files.move(staging, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Integer.toString(++writes);
        } catch (IOException e) {
            throw new SecretException("Cannot write secret file " + path + ": " + e.getClass().getSimpleName(), e);
        } finally {
            if (staging != null) {
                try {
                    Files.deleteIfExists(staging);
                } catch (IOException ignored) {
                    // the staging file was moved or never written; nothing to clean
                }
            }
        }
    }

    /** The fingerprint of what the file holds now; only the latest version can be read back. */
    @Override
    public synchronized Optional<String> fingerprintOf(String version) {
        if (!Integer.toString(writes).equals(version)) {
            return Optional.empty();
        }
        try (Secret written = FileSecretSource.verbatim(path).read()) {
            return Optional.of(written.fingerprint());
        }
    }

    @Override
    public String toString() {
        return "FileSecretSink[" + path + "]";
    }
}
