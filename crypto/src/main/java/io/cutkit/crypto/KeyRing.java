package io.cutkit.crypto;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The keys an environment can decrypt with: one current key (used to encrypt) and any previous
 * keys (still accepted for decryption during a rotation), each known by its fingerprint.
 * Immutable; {@link #close()} zeroes every key in it.
 */
public final class KeyRing implements AutoCloseable {

    private final EncryptionKey current;
    private final List<EncryptionKey> previous;
    private final List<EncryptionKey> all;

    private KeyRing(EncryptionKey current, List<EncryptionKey> previous) {
        this.current = Objects.requireNonNull(current, "current");
        this.previous = List.copyOf(previous);
        List<EncryptionKey> keys = new ArrayList<>();
        keys.add(current);
        for (EncryptionKey key : this.previous) {
            if (keys.contains(key)) {
                throw new IllegalArgumentException("key " + key.fingerprint() + " is in the ring twice");
            }
            keys.add(key);
        }
        this.all = List.copyOf(keys);
    }

    /** A ring that encrypts with {@code current} and also decrypts with {@code previous}, tried in that order. */
    public static KeyRing of(EncryptionKey current, EncryptionKey... previous) {
        return new KeyRing(current, List.of(previous));
    }

    /** The key new values are encrypted with. */
    public EncryptionKey current() {
        return current;
    }

    /** Keys accepted for decryption only, in the order they are tried. */
    public List<EncryptionKey> previous() {
        return previous;
    }

    /** Current key first, then the previous keys. */
    public List<EncryptionKey> keys() {
        return all;
    }

    /** Fingerprints of {@link #keys()}, in the same order. */
    public List<String> fingerprints() {
        return all.stream().map(EncryptionKey::fingerprint).toList();
    }

    /** The key whose {@link EncryptionKey#keyId()} is {@code keyId}, if the ring has it. */
    public Optional<EncryptionKey> byKeyId(String keyId) {
        for (EncryptionKey key : all) {
            if (key.keyId().equals(keyId)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Zeroes every key of the ring. */
    @Override
    public void close() {
        all.forEach(EncryptionKey::close);
    }

    @Override
    public String toString() {
        return "KeyRing[current=" + current.fingerprint() + ", previous=" + previous.stream().map(EncryptionKey::fingerprint).toList() + "]";
    }
}
