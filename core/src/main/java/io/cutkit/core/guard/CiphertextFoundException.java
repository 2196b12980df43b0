package io.cutkit.core.guard;

import java.util.List;

/**
 * Ciphertext where plaintext is expected: envelope-shaped values in a plaintext column, or values
 * of an encrypted column that decrypt to another envelope (double encryption). Thrown before a
 * migration hashes, deduplicates or copies them. Carries the scan; the message gives counts and
 * the first primary keys.
 */
public final class CiphertextFoundException extends CiphertextGuardException {

    private final ColumnScan scan;

    public CiphertextFoundException(String message, ColumnScan scan, ValueLocation first, List<String> keyFingerprints) {
        super(message, first, keyFingerprints, null);
        this.scan = scan;
    }

    /** The full scan of the column. */
    public ColumnScan scan() {
        return scan;
    }
}
