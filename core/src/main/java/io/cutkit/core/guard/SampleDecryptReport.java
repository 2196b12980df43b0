package io.cutkit.core.guard;

import java.util.List;
import java.util.Map;

/**
 * A passed sample-decrypt: how many values were decrypted (the first non-NULL envelope-shaped values
 * by primary key), their primary keys, which key (fingerprint) decrypted how many of them, and the
 * legacy plaintext values (not envelope-shaped at all) met among them: how many and their first keys.
 */
public record SampleDecryptReport(ColumnRef column, int decrypted, List<String> ids, Map<String, Long> decryptedByKey,
        Occurrences plaintext) {

    public SampleDecryptReport {
        ids = List.copyOf(ids);
        decryptedByKey = Map.copyOf(decryptedByKey);
    }

    /** A report that met no plaintext. */
    public SampleDecryptReport(ColumnRef column, int decrypted, List<String> ids, Map<String, Long> decryptedByKey) {
        this(column, decrypted, ids, decryptedByKey, Occurrences.none());
    }

    @Override
    public String toString() {
        return column + ": " + decrypted + " value(s) decrypted " + decryptedByKey
                + (plaintext.count() > 0 ? ", plaintext " + plaintext : "");
    }
}
