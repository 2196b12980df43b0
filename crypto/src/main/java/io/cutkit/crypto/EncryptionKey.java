package io.cutkit.crypto;

import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import io.cutkit.core.secret.SecretSource;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.security.auth.Destroyable;

/**
 * A 256-bit AES key for {@link EnvelopeCodec}, held as bytes and never as a String. Build it from
 * a {@link Secret} in one of two explicit forms: {@link #fromBase64(Secret)} for the standard
 * base64 text an application keeps in its environment (for example {@code ENCRYPTION_KEY}), or
 * {@link #fromRawBytes(Secret)} for the 32 raw bytes. Either form of the same key has the same
 * {@link #fingerprint()}, which equals the fingerprint {@code SecretPipe} reports for the base64
 * text, so a failing key can be matched to the secret that was piped. {@link #close()} zeroes it.
 */
public final class EncryptionKey implements AutoCloseable {

    /** AES-256 key length in bytes. */
    public static final int LENGTH = 32;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CIPHER_SLOTS = 16;

    private final AesKey key;
    private final String fingerprint;
    /*
     * Ciphers used with this key only: the JDK caches the expanded AES key of the last key a
     * Cipher saw, so a Cipher shared between two keys (decrypt old, encrypt new) re-expands on
     * every call. A few slots picked by thread id keep borrowing allocation-free; cleared on close.
     */
    private final AtomicReferenceArray<Cipher> ciphers = new AtomicReferenceArray<>(CIPHER_SLOTS);

    private EncryptionKey(byte[] raw) {
        this.key = new AesKey(raw);
        byte[] base64 = Base64.getEncoder().encode(raw);
        try (Secret text = Secret.adopt(base64)) {
            this.fingerprint = text.fingerprint();
        }
    }

    /**
     * A key from the standard base64 text of 32 bytes (surrounding white space, such as a trailing
     * newline, is ignored). The secret stays open and owned by the caller.
     *
     * @throws SecretException when the text is not base64 or does not decode to 32 bytes (the message never shows the text)
     */
    public static EncryptionKey fromBase64(Secret base64Text) {
        return base64Text.withBytes(text -> {
            int from = 0;
            int to = text.length;
            while (from < to && isSpace(text[from])) {
                from++;
            }
            while (to > from && isSpace(text[to - 1])) {
                to--;
            }
            byte[] trimmed = Arrays.copyOfRange(text, from, to);
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(trimmed);
            } catch (IllegalArgumentException e) {
                throw new SecretException("The encryption key is not standard base64 (" + (to - from)
                        + " characters); give the base64 text of the 32-byte key, or use fromRawBytes for raw bytes");
            } finally {
                Arrays.fill(trimmed, (byte) 0);
            }
            return fromOwnedRaw(raw, "its base64 text decodes to ");
        });
    }

    /**
     * Reads {@code source} once and makes a key of its base64 text, closing what was read. One line
     * for an application's migration: {@code EncryptionKey.fromBase64(EnvSecretSource.of("ENCRYPTION_KEY"))}.
     *
     * @throws SecretException when the source cannot be read or its value is not the base64 of 32 bytes
     *     (the message names the source, never the value)
     */
    public static EncryptionKey fromBase64(SecretSource source) {
        try (Secret text = source.read()) {
            return fromBase64(text);
        } catch (SecretException e) {
            throw new SecretException(source.description() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A key from exactly 32 raw bytes. The secret stays open and owned by the caller.
     *
     * @throws SecretException when the secret is not 32 bytes long
     */
    public static EncryptionKey fromRawBytes(Secret rawBytes) {
        return fromOwnedRaw(rawBytes.copyBytes(), "it holds ");
    }

    /** A fresh random key (for example the target of a rotation); pipe {@link #toBase64()} to its store. */
    public static EncryptionKey generate() {
        byte[] raw = new byte[LENGTH];
        RANDOM.nextBytes(raw);
        return new EncryptionKey(raw);
    }

    private static EncryptionKey fromOwnedRaw(byte[] raw, String lengthPrefix) {
        if (raw.length != LENGTH) {
            int length = raw.length;
            Arrays.fill(raw, (byte) 0);
            throw new SecretException("The encryption key has the wrong length: " + lengthPrefix + length
                    + " bytes, AES-256 needs " + LENGTH + ". Check that the whole key was piped.");
        }
        return new EncryptionKey(raw);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** {@code fp:} and 16 hex digits; safe to log. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The key id written into v2 envelopes: the fingerprint's 16 hex digits. */
    public String keyId() {
        return fingerprint.substring(fingerprint.indexOf(':') + 1);
    }

    /** The key's standard base64 text as a new {@link Secret} the caller must close. */
    public Secret toBase64() {
        return Secret.adopt(Base64.getEncoder().encode(key.raw()));
    }

    /** The JCA key for ciphers in this package. */
    SecretKey jcaKey() {
        key.raw();
        return key;
    }

    /** An AES/GCM cipher for this key; give it back with {@link #release(Cipher)}. */
    Cipher borrowCipher() {
        Cipher cipher = ciphers.getAndSet(slot(), null);
        if (cipher != null) {
            return cipher;
        }
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is not available in this JVM", e);
        }
    }

    void release(Cipher cipher) {
        if (!key.isDestroyed()) {
            ciphers.set(slot(), cipher);
        }
    }

    private static int slot() {
        return (int) Thread.currentThread().getId() & (CIPHER_SLOTS - 1);
    }

    /**
     * Whether every byte of the key is the same (all zeros, as templates and examples ship): a placeholder,
     * not a generated key. Constant time.
     */
    public boolean isUniform() {
        byte[] raw = key.raw();
        int differing = 0;
        for (byte b : raw) {
            differing |= b ^ raw[0];
        }
        return differing == 0;
    }

    /** Whether {@link #close()} zeroed this key. */
    public boolean isClosed() {
        return key.isDestroyed();
    }

    /** Zeroes the key bytes. Idempotent. */
    @Override
    public void close() {
        key.destroy();
        for (int i = 0; i < CIPHER_SLOTS; i++) {
            ciphers.set(i, null);
        }
    }

    /** Same key bytes, compared in constant time. */
    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptionKey that && MessageDigest.isEqual(key.raw(), that.key.raw());
    }

    @Override
    public int hashCode() {
        return fingerprint.hashCode();
    }

    @Override
    public String toString() {
        return "EncryptionKey[" + fingerprint + (isClosed() ? ", closed" : "") + "]";
    }

    /** A JCA key whose bytes this class owns, so that closing really zeroes them. */
    private static final class AesKey implements SecretKey, Destroyable {

        private static final long serialVersionUID = 1L;

        private final byte[] raw;
        private volatile boolean destroyed;

        AesKey(byte[] raw) {
            this.raw = raw;
        }

        byte[] raw() {
            if (destroyed) {
                throw new IllegalStateException("this encryption key was closed and zeroed; read it again from its source");
            }
            return raw;
        }

        @Override
        public String getAlgorithm() {
            return "AES";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return raw().clone();
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(raw, (byte) 0);
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public String toString() {
            return "AesKey[redacted]";
        }

        private void writeObject(ObjectOutputStream out) throws NotSerializableException {
            throw new NotSerializableException("encryption keys are never serialized");
        }
    }
}
