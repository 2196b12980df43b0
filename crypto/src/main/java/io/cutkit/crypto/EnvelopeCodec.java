package io.cutkit.crypto;

import io.cutkit.core.guard.MalformedEnvelopeException;
import io.cutkit.core.guard.ValueLocation;
import io.cutkit.core.guard.WrongKeyException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts and strictly decrypts column values in the envelope Node applications write with
 * {@code crypto.createCipheriv('aes-256-gcm', ...)}: AES-256-GCM, a random 12-byte IV per value,
 * a 16-byte tag appended to the ciphertext, UTF-8 plaintext, no associated data, stored as
 * {@code {"v":1,"iv":"<base64>","ct":"<base64 of ciphertext||tag>"}}. Optionally writes
 * {@link EnvelopeVersion#V2}, which adds the key id.
 *
 * <p>Decryption is strict: it returns plaintext or throws {@link WrongKeyException} (no key of the
 * ring authenticates the value) or {@link MalformedEnvelopeException} (not an envelope); it never
 * hands back its input. Thread-safe; costs one AES-GCM operation per key tried plus JSON and base64
 * work on a few dozen bytes.
 */
public final class EnvelopeCodec {

    private static final int TAG_BITS = Envelope.TAG_LENGTH * 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing ring;
    private final EnvelopeVersion writeVersion;

    private EnvelopeCodec(KeyRing ring, EnvelopeVersion writeVersion) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.writeVersion = Objects.requireNonNull(writeVersion, "writeVersion");
    }

    /** A codec that encrypts with the ring's current key in envelope v1 and decrypts with any key of the ring. */
    public static EnvelopeCodec of(KeyRing ring) {
        return new EnvelopeCodec(ring, EnvelopeVersion.V1);
    }

    /** A codec with a single key. */
    public static EnvelopeCodec of(EncryptionKey key) {
        return of(KeyRing.of(key));
    }

    /** The same ring, writing {@code version}. */
    public EnvelopeCodec writing(EnvelopeVersion version) {
        return new EnvelopeCodec(ring, version);
    }

    /** The ring this codec uses. */
    public KeyRing ring() {
        return ring;
    }

    /** Whether {@code value} has the shape of an envelope (and so must be decrypted, not shown). */
    public static boolean looksLikeEnvelope(CharSequence value) {
        return value != null && Envelope.looksLikeEnvelope(value);
    }

    /** Encrypts {@code plaintext} under the ring's current key with a fresh random IV. SQL NULL is not a value: pass none. */
    public String encrypt(String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext (SQL NULL stays NULL and is not encrypted)");
        EncryptionKey key = ring.current();
        byte[] iv = new byte[Envelope.IV_LENGTH];
        RANDOM.nextBytes(iv);
        byte[] sealed;
        Cipher cipher = key.borrowCipher();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key.jcaKey(), new GCMParameterSpec(TAG_BITS, iv));
            sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed under key " + key.fingerprint(), e);
        } finally {
            key.release(cipher);
        }
        return format(writeVersion, key, iv, sealed);
    }

    private static String format(EnvelopeVersion version, EncryptionKey key, byte[] iv, byte[] sealed) {
        Base64.Encoder base64 = Base64.getEncoder();
        byte[] ivText = base64.encode(iv);
        byte[] ctText = base64.encode(sealed);
        byte[] head = version == EnvelopeVersion.V1
                ? HEAD_V1
                : ("{\"v\":2,\"kid\":\"" + key.keyId() + "\",\"iv\":\"").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + ivText.length + MIDDLE.length + ctText.length + TAIL.length];
        int at = 0;
        System.arraycopy(head, 0, out, at, head.length);
        at += head.length;
        System.arraycopy(ivText, 0, out, at, ivText.length);
        at += ivText.length;
        System.arraycopy(MIDDLE, 0, out, at, MIDDLE.length);
        at += MIDDLE.length;
        System.arraycopy(ctText, 0, out, at, ctText.length);
        at += ctText.length;
        System.arraycopy(TAIL, 0, out, at, TAIL.length);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] HEAD_V1 = "{\"v\":1,\"iv\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIDDLE = "\",\"ct\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    /**
     * Strictly decrypts {@code envelope} with the keys of the ring (a v2 envelope's named key
     * first, then the others; a v1 envelope's current key first).
     *
     * @throws WrongKeyException when no key authenticates the value
     * @throws MalformedEnvelopeException when the value is not an envelope
     */
    public Decryption decrypt(String envelope) {
        return decrypt(envelope, ValueLocation.unknown());
    }

    /** As {@link #decrypt(String)}, naming {@code where} in any exception. */
    public Decryption decrypt(String envelope, ValueLocation where) {
        if (envelope == null) {
            throw new MalformedEnvelopeException(where, "it is SQL NULL (NULL is never encrypted; skip it)", ring.fingerprints());
        }
        Envelope parsed;
        try {
            parsed = Envelope.parse(envelope);
        } catch (Envelope.Malformed e) {
            throw new MalformedEnvelopeException(where, e.getMessage(), ring.fingerprints());
        }
        List<EncryptionKey> order = keysToTry(parsed);
        GCMParameterSpec spec = new GCMParameterSpec(TAG_BITS, parsed.iv());
        for (EncryptionKey key : order) {
            Cipher cipher = key.borrowCipher();
            try {
                cipher.init(Cipher.DECRYPT_MODE, key.jcaKey(), spec);
                byte[] plain = cipher.doFinal(parsed.ciphertextAndTag());
                return new Decryption(new String(plain, StandardCharsets.UTF_8), parsed.version(), key.fingerprint(),
                        key == ring.current());
            } catch (AEADBadTagException wrongKey) {
                // try the next key of the ring
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES-GCM is not usable in this JVM", e);
            } finally {
                key.release(cipher);
            }
        }
        throw new WrongKeyException(where, order.stream().map(EncryptionKey::fingerprint).toList());
    }

    private List<EncryptionKey> keysToTry(Envelope parsed) {
        if (parsed.keyId() == null) {
            return ring.keys();
        }
        List<EncryptionKey> order = new ArrayList<>(ring.keys().size());
        ring.byKeyId(parsed.keyId()).ifPresent(order::add);
        for (EncryptionKey key : ring.keys()) {
            if (!order.contains(key)) {
                order.add(key);
            }
        }
        return order;
    }

    @Override
    public String toString() {
        return "EnvelopeCodec[" + ring + ", writes " + writeVersion + "]";
    }
}
