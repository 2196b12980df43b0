package io.cutkit.core.secret;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A secret value held as bytes, never as a {@link String}.
 *
 * <p>{@link #toString()} is redacted, {@link #equals(Object)} runs in constant time, and
 * {@link #close()} overwrites the bytes with zeros; any use after close throws. The class is
 * deliberately not {@link java.io.Serializable}. Two parties compare secrets without revealing
 * them through {@link #fingerprint()}.
 */
public final class Secret implements AutoCloseable {

    private static final byte[] FINGERPRINT_LABEL =
            "cutkit/secret-fingerprint/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] value;
    private volatile boolean closed;

    private Secret(byte[] value) {
        this.value = value;
    }

    /** A secret holding a copy of {@code bytes}; the caller keeps (and should zero) its array. */
    public static Secret copyOf(byte[] bytes) {
        return new Secret(bytes.clone());
    }

    /** A secret that takes ownership of {@code bytes}: the caller must not use the array again. */
    public static Secret adopt(byte[] bytes) {
        return new Secret(bytes);
    }

    /** A secret holding the UTF-8 encoding of {@code chars}; the caller keeps (and should zero) its array. */
    public static Secret fromChars(char[] chars) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return new Secret(bytes);
    }

    /** Number of bytes in the value. */
    public int length() {
        ensureOpen();
        return value.length;
    }

    /** A copy of the value; the caller owns it and should zero it when done. */
    public byte[] copyBytes() {
        ensureOpen();
        return value.clone();
    }

    /**
     * Lends the value to {@code use} without copying it. The array must not be kept or modified
     * past the call.
     */
    public <T> T withBytes(Function<byte[], T> use) {
        ensureOpen();
        return use.apply(value);
    }

    /**
     * A short keyed hash of the value ({@code HMAC-SHA256} under a fixed label, first 8 bytes as
     * hex), safe to log and to compare across systems. It identifies a value; it does not hide a
     * guessable one, so low-entropy secrets should not be fingerprinted in public.
     */
    public String fingerprint() {
        ensureOpen();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(FINGERPRINT_LABEL, "HmacSHA256"));
            byte[] digest = mac.doFinal(value);
            return "fp:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Whether {@link #close()} has zeroed this secret. */
    public boolean isClosed() {
        return closed;
    }

    /** Overwrites the value with zeros. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(value, (byte) 0);
    }

    /** Constant-time comparison of the two values (their lengths are not hidden). */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Secret that)) {
            return false;
        }
        ensureOpen();
        that.ensureOpen();
        return MessageDigest.isEqual(value, that.value);
    }

    /** Constant, so that a hash never reveals anything about the value. */
    @Override
    public int hashCode() {
        return 0x5EC12E7;
    }

    @Override
    public String toString() {
        return closed ? "Secret[closed]" : "Secret[redacted]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this secret was closed and its bytes zeroed; read it again from its source");
        }
    }
}
