package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a {@link ChunkManifest.Format#LOAD_DATA} chunk into extended {@code INSERT} statements for a
 * server that refuses {@code LOAD DATA LOCAL}: fields are unescaped as LOAD DATA would, then written
 * as SQL literals by column kind (strings quoted and escaped, binary and BIT values as hex, numbers
 * as written when they look like numbers, quoted otherwise). Statements come as one char per byte
 * (ISO-8859-1) for the byte-transparent loading connection and hold whole rows up to about
 * {@code statementBytes}. Streams the chunk; memory is one statement. Throws
 * {@link DumpFormatException} for a line with the wrong number of fields.
 */
final class LoadDataTranscoder {

    private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]*\\.?[0-9]*(?:[eE][-+]?[0-9]+)?");
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private final InputStream in;
    private final String source;
    private final List<ChunkManifest.Column> columns;
    private final byte[] head;
    private final int statementBytes;
    private final byte[] readBuf = new byte[1 << 16];
    private int readPos;
    private int readLen;
    private byte[] field = new byte[256];
    private int fieldLen;
    private byte[] out = new byte[1 << 16];
    private int outLen;
    private long line;
    private long firstLine;
    private long rowsInStatement;
    private boolean nullField;
    private boolean eof;

    LoadDataTranscoder(InputStream in, String source, String table, List<ChunkManifest.Column> columns, int statementBytes) {
        this.in = in;
        this.source = source;
        this.columns = List.copyOf(columns);
        StringBuilder h = new StringBuilder("INSERT INTO ").append(StatementHead.quote(table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            h.append(i == 0 ? "" : ",").append(StatementHead.quote(columns.get(i).name()));
        }
        this.head = h.append(") VALUES ").toString().getBytes(StandardCharsets.UTF_8);
        this.statementBytes = statementBytes;
    }

    /** The chunk line of the first row of the statement {@link #next()} returned last. */
    long firstLine() {
        return firstLine;
    }

    /** Rows in the statement {@link #next()} returned last. */
    long rows() {
        return rowsInStatement;
    }

    /** The next INSERT statement, or null when the chunk is done. */
    String next() throws IOException {
        outLen = 0;
        rowsInStatement = 0;
        firstLine = line + 1;
        while (outLen < statementBytes && row()) {
            rowsInStatement++;
        }
        return rowsInStatement == 0 ? null : new String(out, 0, outLen, StandardCharsets.ISO_8859_1);
    }

    private boolean row() throws IOException {
        if (eof || peek() < 0) {
            return false;
        }
        line++;
        put(rowsInStatement == 0 ? head : new byte[] {','});
        put((byte) '(');
        for (int i = 0; i < columns.size(); i++) {
            boolean lastField = readField();
            if (lastField != (i == columns.size() - 1)) {
                throw new DumpFormatException(source + " line " + line + " has " + (lastField ? "fewer" : "more")
                        + " fields than the " + columns.size() + " columns the manifest lists", -1, line);
            }
            if (i > 0) {
                put((byte) ',');
            }
            literal(columns.get(i).kind());
        }
        put((byte) ')');
        return true;
    }

    /** Reads one field into {@code field}, {@code \N} setting {@code nullField}; returns whether it ended its line. */
    private boolean readField() throws IOException {
        fieldLen = 0;
        nullField = false;
        while (true) {
            int b = read();
            if (b < 0) {
                eof = true;
                return true;
            }
            if (b == '\t') {
                return false;
            }
            if (b == '\n') {
                return true;
            }
            if (b == '\\') {
                int e = read();
                if (e < 0) {
                    throw new DumpFormatException(source + " ends inside an escape on line " + line, -1, line);
                }
                if (e == 'N' && fieldLen == 0 && (peek() == '\t' || peek() == '\n' || peek() < 0)) {
                    nullField = true;
                    continue;
                }
                b = switch (e) {
                    case '0' -> 0;
                    case 'b' -> '\b';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'Z' -> 0x1a;
                    default -> e;
                };
            }
            if (fieldLen == field.length) {
                field = Arrays.copyOf(field, field.length * 2);
            }
            field[fieldLen++] = (byte) b;
        }
    }

    private void literal(ChunkManifest.ColumnKind kind) {
        if (nullField) {
            put("NULL".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        switch (kind) {
            case BINARY -> hex(fieldLen == 0);
            case BIT -> {
                put((byte) '0');
                put((byte) 'x');
                if (fieldLen % 2 == 1) {
                    put((byte) '0');
                }
                put(Arrays.copyOf(field, fieldLen));
            }
            case NUMBER -> {
                String text = new String(field, 0, fieldLen, StandardCharsets.ISO_8859_1);
                if (fieldLen > 0 && NUMBER.matcher(text).matches()) {
                    put(Arrays.copyOf(field, fieldLen));
                } else {
                    quoted();
                }
            }
            default -> quoted();
        }
    }

    private void hex(boolean empty) {
        if (empty) {
            put((byte) '\'');
            put((byte) '\'');
            return;
        }
        ensure(2 + fieldLen * 2);
        out[outLen++] = '0';
        out[outLen++] = 'x';
        for (int i = 0; i < fieldLen; i++) {
            out[outLen++] = HEX[(field[i] >> 4) & 0xf];
            out[outLen++] = HEX[field[i] & 0xf];
        }
    }

    private void quoted() {
        ensure(2 + fieldLen * 2);
        out[outLen++] = '\'';
        for (int i = 0; i < fieldLen; i++) {
            byte b = field[i];
            switch (b) {
                case 0 -> {
                    out[outLen++] = '\\';
                    out[outLen++] = '0';
                }
                case '\'', '\\' -> {
                    out[outLen++] = '\\';
                    out[outLen++] = b;
                }
                case '\n' -> {
                    out[outLen++] = '\\';
                    out[outLen++] = 'n';
                }
                case '\r' -> {
                    out[outLen++] = '\\';
                    out[outLen++] = 'r';
                }
                case 0x1a -> {
                    out[outLen++] = '\\';
                    out[outLen++] = 'Z';
                }
                default -> out[outLen++] = b;
            }
        }
        out[outLen++] = '\'';
    }

    private int peek() throws IOException {
        if (readPos == readLen) {
            readLen = in.read(readBuf);
            readPos = 0;
            if (readLen <= 0) {
                readLen = 0;
                return -1;
            }
        }
        return readBuf[readPos] & 0xff;
    }

    private int read() throws IOException {
        int b = peek();
        if (b >= 0) {
            readPos++;
        }
        return b;
    }

    private void put(byte b) {
        ensure(1);
        out[outLen++] = b;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, out, outLen, b.length);
        outLen += b.length;
    }

    private void ensure(int extra) {
        if (outLen + extra > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outLen + extra));
        }
    }
}
