package io.cutkit.core.guard;

import java.util.Map;

/**
 * What a full scan of one column found, value by value: SQL NULLs, stored empty strings,
 * envelope-shaped values (and of those: decrypted, decrypted to an empty string, decrypted to
 * another envelope, failed under every key, malformed), and plaintext (non-empty values that are
 * not envelopes). Counts and primary keys only, never values.
 *
 * @param decryptedByKey how many values each key (by fingerprint) decrypted
 */
public record ColumnScan(
        ColumnRef column,
        long rows,
        long nulls,
        long emptyStored,
        Occurrences envelopes,
        long decrypted,
        long decryptedEmpty,
        Occurrences doubleEncrypted,
        Occurrences wrongKey,
        Occurrences malformed,
        Occurrences plaintext,
        Map<String, Long> decryptedByKey) {

    public ColumnScan {
        decryptedByKey = Map.copyOf(decryptedByKey);
    }

    @Override
    public String toString() {
        return column + ": " + rows + " rows, " + nulls + " NULL, " + emptyStored + " empty, envelopes " + envelopes
                + " (decrypted " + decrypted + ", of which empty " + decryptedEmpty + "; double-encrypted "
                + doubleEncrypted + "; wrong key " + wrongKey + "; malformed " + malformed + "), plaintext " + plaintext
                + ", by key " + decryptedByKey;
    }
}
