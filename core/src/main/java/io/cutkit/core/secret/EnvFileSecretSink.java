package io.cutkit.core.secret;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes one named secret into an env file as {@code NAME="value"}, the form {@link EnvFile} reads
 * back byte for byte: the line that sets the name is replaced, every other line is kept as it is, a
 * missing file is created. The file is replaced atomically with mode 600; a world-readable file is
 * refused, and so is a value with a line break (an env line cannot hold it).
 */
public final class EnvFileSecretSink implements SecretSink {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Path path;
    private final String name;
    private int writes;

    private EnvFileSecretSink(Path path, String name) {
        this.path = Objects.requireNonNull(path, "path");
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("Not an env variable name (letters, digits, underscores): " + name);
        }
        this.name = name;
    }

    /** A sink that sets {@code name} in the env file {@code path}. */
    public static EnvFileSecretSink of(Path path, String name) {
        return new EnvFileSecretSink(path, name);
    }

    @Override
    public String description() {
        return "envfile:" + path.getFileName() + "#" + name;
    }

    @Override
    public synchronized String write(Secret secret) {
        byte[] existing = new byte[0];
        byte[] content = null;
        try {
            if (Files.exists(path)) {
                SecretFiles.requireNotWorldReadable(path);
                existing = Files.readAllBytes(path);
            }
            byte[] existingBytes = existing;
            content = secret.withBytes(value -> withLine(existingBytes, value));
            replaceAtomically(content);
            return Integer.toString(++writes);
        } catch (IOException e) {
            throw new SecretException("Cannot write env file " + path + ": " + e.getClass().getSimpleName(), e);
        } finally {
            Arrays.fill(existing, (byte) 0);
            if (content != null) {
                Arrays.fill(content, (byte) 0);
            }
        }
    }

    /** The fingerprint of the value the file holds now; only the latest version can be read back. */
    @Override
    public synchronized Optional<String> fingerprintOf(String version) {
        if (!Integer.toString(writes).equals(version)) {
            return Optional.empty();
        }
        try (EnvFile env = EnvFile.read(path); Secret written = env.source(name).read()) {
            return Optional.of(written.fingerprint());
        }
    }

    /** The file's lines with the one setting {@link #name} replaced by (or followed by) the new line. */
    private byte[] withLine(byte[] existing, byte[] value) {
        for (byte b : value) {
            if (b == '\n' || b == '\r') {
                throw new SecretException("Secret '" + name + "' holds a line break; an env file line cannot hold it."
                        + " Write it to a file of its own instead.");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(existing.length + value.length + name.length() + 4);
        byte[] line = new byte[name.length() + value.length + 3];
        byte[] prefix = (name + "=\"").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, line, 0, prefix.length);
        System.arraycopy(value, 0, line, prefix.length, value.length);
        line[line.length - 1] = '"';
        boolean replaced = false;
        int start = 0;
        while (start < existing.length) {
            int end = start;
            while (end < existing.length && existing[end] != '\n') {
                end++;
            }
            if (!replaced && setsName(existing, start, end)) {
                out.writeBytes(line);
                replaced = true;
            } else {
                out.write(existing, start, end - start);
            }
            if (end < existing.length) {
                out.write('\n');
            }
            start = end + 1;
        }
        if (!replaced) {
            if (existing.length > 0 && existing[existing.length - 1] != '\n') {
                out.write('\n');
            }
            out.writeBytes(line);
            out.write('\n');
        }
        Arrays.fill(line, (byte) 0);
        return out.toByteArray();
    }

    private boolean setsName(byte[] content, int from, int to) {
        String head = new String(content, from, Math.min(to - from, name.length() + 16), StandardCharsets.ISO_8859_1).stripLeading();
        if (head.startsWith("export ")) {
            head = head.substring("export ".length());
        }
        return head.startsWith(name) && head.substring(name.length()).stripLeading().startsWith("=");
    }

    private void replaceAtomically(byte[] content) throws IOException {
        Path staging = Files.createTempFile(path.toAbsolutePath().getParent(), "." + path.getFileName(), ".new",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(staging, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(staging, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staging);
        }
    }

    @Override
    public String toString() {
        return "EnvFileSecretSink[" + path + ", " + name + "]";
    }
}
