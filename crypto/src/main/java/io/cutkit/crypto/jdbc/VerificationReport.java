package io.cutkit.crypto.jdbc;

import io.cutkit.core.guard.Occurrences;

/**
 * What {@link ColumnReencryptor#verify()} found in its shard: every non-NULL value must decrypt
 * under the new key alone, exactly once (not to another envelope). Offenders are listed as
 * {@code key:column}.
 */
public record VerificationReport(String job, Shard shard, long rows, long values, Occurrences notUnderNewKey,
                                 Occurrences doubleEncrypted) {

    /** Whether every value is under the new key and singly encrypted. */
    public boolean complete() {
        return notUnderNewKey.count() == 0 && doubleEncrypted.count() == 0;
    }

    @Override
    public String toString() {
        return job + " " + shard + ": " + rows + " rows, " + values + " values, not under the new key "
                + notUnderNewKey + ", double-encrypted " + doubleEncrypted + (complete() ? " (complete)" : "");
    }
}
