package io.cutkit.crypto.jdbc;

import io.cutkit.core.guard.Occurrences;

/**
 * What a {@link ColumnReencryptor#dryRun()} counted in its shard, writing nothing: rows, values
 * still under an old key (to re-encrypt), values already under the new key, NULLs, and values the
 * run would stop at (under no known key, malformed, or plaintext), listed as {@code key:column}.
 */
public record ReencryptionPlan(String job, Shard shard, long rows, long toReencrypt, long alreadyUnderNewKey,
                               long nulls, Occurrences blocking) {

    /** Whether a run would get through without stopping. */
    public boolean canRun() {
        return blocking.count() == 0;
    }

    @Override
    public String toString() {
        return job + " " + shard + ": " + rows + " rows, " + toReencrypt + " to re-encrypt, " + alreadyUnderNewKey
                + " already under the new key, " + nulls + " NULL, blocking " + blocking;
    }
}
