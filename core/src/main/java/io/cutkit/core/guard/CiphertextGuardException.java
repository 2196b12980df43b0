package io.cutkit.core.guard;

import java.util.List;

/**
 * An encrypted column is not what the application expects: a wrong key, a malformed envelope,
 * ciphertext where plaintext belongs, or plaintext where ciphertext belongs. Carries where (table,
 * column, primary key when known) and which keys were involved (fingerprints only); the message
 * never contains a key or a decrypted value.
 */
public abstract class CiphertextGuardException extends RuntimeException {

    private final ValueLocation location;
    private final List<String> keyFingerprints;

    protected CiphertextGuardException(String message, ValueLocation location, List<String> keyFingerprints,
                                       Throwable cause) {
        super(message, cause);
        this.location = location == null ? ValueLocation.unknown() : location;
        this.keyFingerprints = List.copyOf(keyFingerprints);
    }

    /** Where the offending value is (or the first of them); parts may be unknown. */
    public ValueLocation location() {
        return location;
    }

    /** Fingerprints of the keys that were tried, current key first. */
    public List<String> keyFingerprints() {
        return keyFingerprints;
    }
}
