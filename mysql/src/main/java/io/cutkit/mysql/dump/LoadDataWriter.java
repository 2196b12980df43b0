package io.cutkit.mysql.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Writes rows of a streaming result set as {@link ChunkManifest.Format#LOAD_DATA} lines: fields
 * separated by tab, {@code \N} for NULL, the escape character, tab, newline, carriage return and NUL
 * escaped, every other byte as the server sent it (so binary values and any text round-trip), BIT
 * values as hexadecimal digits (LOAD DATA cannot fill a BIT column from its raw bytes). Costs one
 * pass over each value; buffers at most one row beyond the output stream's buffer.
 */
final class LoadDataWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final ChunkManifest.ColumnKind[] kinds;
    private byte[] buf = new byte[1 << 16];
    private int len;

    LoadDataWriter(ChunkManifest.ColumnKind[] kinds) {
        this.kinds = kinds.clone();
    }

    /** Writes the current row as one line; returns the bytes written. */
    long row(ResultSet rs, OutputStream out) throws SQLException, IOException {
        len = 0;
        for (int i = 0; i < kinds.length; i++) {
            if (i > 0) {
                put((byte) '\t');
            }
            byte[] v = rs.getBytes(i + 1);
            if (v == null) {
                put((byte) '\\');
                put((byte) 'N');
            } else if (kinds[i] == ChunkManifest.ColumnKind.BIT) {
                hex(v);
            } else {
                escaped(v);
            }
        }
        put((byte) '\n');
        out.write(buf, 0, len);
        return len;
    }

    private void hex(byte[] v) {
        ensure(v.length * 2 + 1);
        if (v.length == 0) {
            buf[len++] = '0';
        }
        for (byte b : v) {
            buf[len++] = HEX[(b >> 4) & 0xf];
            buf[len++] = HEX[b & 0xf];
        }
    }

    private void escaped(byte[] v) {
        ensure(v.length * 2);
        for (byte b : v) {
            switch (b) {
                case '\\' -> {
                    buf[len++] = '\\';
                    buf[len++] = '\\';
                }
                case '\t' -> {
                    buf[len++] = '\\';
                    buf[len++] = 't';
                }
                case '\n' -> {
                    buf[len++] = '\\';
                    buf[len++] = 'n';
                }
                case '\r' -> {
                    buf[len++] = '\\';
                    buf[len++] = 'r';
                }
                case 0 -> {
                    buf[len++] = '\\';
                    buf[len++] = '0';
                }
                default -> buf[len++] = b;
            }
        }
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
