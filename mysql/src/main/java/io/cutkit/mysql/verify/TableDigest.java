package io.cutkit.mysql.verify;

import java.util.Objects;

/**
 * A table's row count and content checksum as {@link DatabaseVerifier} computes them: the same on
 * MySQL and MariaDB for the same rows, whatever the collations, row order or storage engine.
 *
 * @param table table name
 * @param rows number of rows read
 * @param checksum 32 hex digits; order-independent sum of per-row SHA-256 digests, truncated to 128 bits
 * @param bytes bytes of canonical row encoding hashed (roughly the table's data size)
 */
public record TableDigest(String table, long rows, String checksum, long bytes) {

    public TableDigest {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(checksum, "checksum");
    }
}
