package io.cutkit.core.secret;

/**
 * What a {@link SecretPipe} moved: from where, to where, the value's fingerprint and size, the
 * destination's version, and whether the destination was read back and matched. No value.
 */
public record SecretReceipt(
        String name, String source, String destination, String fingerprint, int sizeBytes,
        String destinationVersion, boolean verifiedByReadBack) {

    @Override
    public String toString() {
        return name + ": " + source + " -> " + destination + " version " + destinationVersion
                + " (" + fingerprint + ", " + sizeBytes + " bytes" + (verifiedByReadBack ? ", read back" : "") + ")";
    }
}
