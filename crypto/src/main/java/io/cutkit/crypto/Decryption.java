package io.cutkit.crypto;

/**
 * A value that decrypted: its plaintext, the envelope version, and the fingerprint of the key
 * that decrypted it ({@code current} tells whether that was the ring's current key).
 * {@link #toString()} omits the plaintext.
 */
public record Decryption(String plaintext, int version, String keyFingerprint, boolean current) {

    @Override
    public String toString() {
        return "Decryption[v" + version + ", key " + keyFingerprint + (current ? " (current)" : " (previous)")
                + ", " + plaintext.length() + " chars]";
    }
}
