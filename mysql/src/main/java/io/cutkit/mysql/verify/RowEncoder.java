package io.cutkit.mysql.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;

/**
 * Hashes rows in a canonical encoding that MySQL and MariaDB produce alike over the text protocol:
 * each value as a null marker or its length and bytes (text in the connection's utf8mb4, numbers and
 * dates as the server prints them, binary as is), floating-point values as their IEEE bits because
 * servers print them differently. Not thread-safe; one per result set.
 */
final class RowEncoder {

    private final MessageDigest sha256;
    private final boolean[] floating;
    private final int skip;
    private byte[] buffer = new byte[4096];
    private long bytes;

    RowEncoder(ResultSetMetaData meta) throws SQLException {
        this(meta, 0);
    }

    /** An encoder of every column after the first {@code skip} (which hold, e.g., a key read separately). */
    RowEncoder(ResultSetMetaData meta, int skip) throws SQLException {
        this.skip = skip;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        floating = new boolean[meta.getColumnCount() - skip];
        for (int i = 0; i < floating.length; i++) {
            int type = meta.getColumnType(skip + i + 1);
            floating[i] = type == Types.FLOAT || type == Types.REAL || type == Types.DOUBLE;
        }
    }

    /** SHA-256 of the current row's canonical encoding. */
    byte[] hashRow(ResultSet row) throws SQLException {
        int length = 0;
        for (int i = 0; i < floating.length; i++) {
            byte[] value = row.getBytes(skip + i + 1);
            if (value == null) {
                length = ensure(length, 1);
                buffer[length++] = 0;
                continue;
            }
            if (floating[i]) {
                long bits = Double.doubleToLongBits(Double.parseDouble(new String(value, StandardCharsets.US_ASCII)));
                value = new byte[8];
                for (int b = 0; b < 8; b++) {
                    value[b] = (byte) (bits >>> (56 - 8 * b));
                }
            }
            length = ensure(length, 5 + value.length);
            buffer[length++] = 1;
            buffer[length++] = (byte) (value.length >>> 24);
            buffer[length++] = (byte) (value.length >>> 16);
            buffer[length++] = (byte) (value.length >>> 8);
            buffer[length++] = (byte) value.length;
            System.arraycopy(value, 0, buffer, length, value.length);
            length += value.length;
        }
        bytes += length;
        sha256.update(buffer, 0, length);
        return sha256.digest();
    }

    /** Bytes encoded so far. */
    long bytes() {
        return bytes;
    }

    private int ensure(int length, int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
        return length;
    }
}
