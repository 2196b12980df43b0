package io.cutkit.core.guard;

import java.util.List;
import java.util.Map;

/**
 * A passed sample-decrypt: how many values were decrypted (the first non-NULL values by primary
 * key), their primary keys, and which key (fingerprint) decrypted how many of them.
 */
public record SampleDecryptReport(ColumnRef column, int decrypted, List<String> ids, Map<String, Long> decryptedByKey) {

    public SampleDecryptReport {
        ids = List.copyOf(ids);
        decryptedByKey = Map.copyOf(decryptedByKey);
    }

    @Override
    public String toString() {
        return column + ": " + decrypted + " value(s) decrypted " + decryptedByKey;
    }
}
