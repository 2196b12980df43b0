package io.cutkit.mysql.dump;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * Builds extended {@code INSERT} statements from a streaming result set as bytes: values come from
 * {@link ResultSet#getBytes(int)} (the server's own text form, no decoding), strings are quoted with
 * mysqldump's escapes, binary values are hex literals, numbers are written as they are.
 */
final class SqlLiteralWriter {

    /** How a column's values are written. */
    enum ValueStyle { NUMBER, STRING, BINARY }

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "NULL".getBytes(StandardCharsets.US_ASCII);

    private final byte[] insertHead;
    private final ValueStyle[] styles;
    private final int statementBytes;
    private byte[] buf = new byte[1 << 16];
    private int len;
    private int rowsInStatement;

    SqlLiteralWriter(String insertHead, ValueStyle[] styles, int statementBytes) {
        this.insertHead = insertHead.getBytes(StandardCharsets.UTF_8);
        this.styles = styles.clone();
        this.statementBytes = statementBytes;
    }

    /** Appends the current row; writes a finished statement to {@code out} when it reaches the size limit. Returns bytes written to out. */
    long row(ResultSet rs, OutputStream out) throws SQLException, IOException {
        if (rowsInStatement == 0) {
            put(insertHead);
        } else {
            put((byte) ',');
        }
        put((byte) '(');
        for (int i = 0; i < styles.length; i++) {
            if (i > 0) {
                put((byte) ',');
            }
            byte[] v = rs.getBytes(i + 1);
            if (v == null) {
                put(NULL);
                continue;
            }
            switch (styles[i]) {
                case NUMBER -> put(v);
                case BINARY -> hex(v);
                case STRING -> quoted(v);
                default -> throw new IllegalStateException();
            }
        }
        put((byte) ')');
        rowsInStatement++;
        return len >= statementBytes ? flush(out) : 0;
    }

    /** Ends the pending statement, if any. Returns bytes written. */
    long flush(OutputStream out) throws IOException {
        if (rowsInStatement == 0) {
            return 0;
        }
        put((byte) ';');
        put((byte) '\n');
        out.write(buf, 0, len);
        long n = len;
        len = 0;
        rowsInStatement = 0;
        return n;
    }

    private void hex(byte[] v) {
        if (v.length == 0) {
            put((byte) '\'');
            put((byte) '\'');
            return;
        }
        ensure(2 + v.length * 2);
        buf[len++] = '0';
        buf[len++] = 'x';
        for (byte b : v) {
            buf[len++] = HEX[(b >> 4) & 0xf];
            buf[len++] = HEX[b & 0xf];
        }
    }

    private void quoted(byte[] v) {
        ensure(2 + v.length * 2);
        buf[len++] = '\'';
        for (byte b : v) {
            switch (b) {
                case 0 -> {
                    buf[len++] = '\\';
                    buf[len++] = '0';
                }
                case '\'' -> {
                    buf[len++] = '\\';
                    buf[len++] = '\'';
                }
                case '\\' -> {
                    buf[len++] = '\\';
                    buf[len++] = '\\';
                }
                case '\n' -> {
                    buf[len++] = '\\';
                    buf[len++] = 'n';
                }
                case '\r' -> {
                    buf[len++] = '\\';
                    buf[len++] = 'r';
                }
                case 0x1a -> {
                    buf[len++] = '\\';
                    buf[len++] = 'Z';
                }
                default -> buf[len++] = b;
            }
        }
        buf[len++] = '\'';
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
