package io.cutkit.core.guard;

import java.util.List;

/**
 * Legacy plaintext in a column that should hold only encryption envelopes (rows written before
 * encryption was introduced, or by a path that skipped it). Carries the scan; the message gives
 * the count and the first primary keys, never the values.
 */
public final class PlaintextFoundException extends CiphertextGuardException {

    private final ColumnScan scan;

    public PlaintextFoundException(String message, ColumnScan scan, ValueLocation first, List<String> keyFingerprints) {
        super(message, first, keyFingerprints, null);
        this.scan = scan;
    }

    /** The full scan of the column. */
    public ColumnScan scan() {
        return scan;
    }
}
