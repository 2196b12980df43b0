package io.cutkit.mysql.dump;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a dump's extended {@code INSERT INTO t VALUES (...),(...)} statement into
 * {@link ChunkManifest.Format#LOAD_DATA} lines, so a third-party dump's rows can stream into
 * {@code LOAD DATA LOCAL}. Only literals whose LOAD DATA meaning is the INSERT's are converted:
 * quoted strings (backslash escapes as the server reads them, doubled quotes), NULL, numbers into
 * number columns (and plain integers anywhere), hex and {@code _binary} literals into binary
 * columns. Anything else (a column list, expressions, functions, other introducers, a row of the
 * wrong width) makes {@link #transcode} return -1 and append nothing: the statement then runs as it is.
 * Costs one pass over the statement.
 */
final class InsertRowsTranscoder {

    private static final String NAME = "(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)";
    private static final Pattern HEAD = Pattern.compile("(?is)\\A\\s*INSERT\\s+INTO\\s+" + NAME + "(?:\\s*\\.\\s*" + NAME
            + ")?\\s*VALUES\\s*");
    private static final Pattern NUMBER = Pattern.compile("-?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?");

    private final ChunkManifest.ColumnKind[] kinds;
    private byte[] out = new byte[1 << 16];
    private int len;

    InsertRowsTranscoder(List<ChunkManifest.ColumnKind> kinds) {
        this.kinds = kinds.toArray(ChunkManifest.ColumnKind[]::new);
    }

    /** The lines of the last successful {@link #transcode}. */
    byte[] lines() {
        return Arrays.copyOf(out, len);
    }

    /**
     * Converts {@code sql} (one char per byte); returns its row count, or -1 when a value has no
     * exact LOAD DATA form.
     */
    long transcode(String sql) {
        len = 0;
        Matcher m = HEAD.matcher(sql);
        if (!m.lookingAt()) {
            return -1;
        }
        int i = m.end();
        int n = sql.length();
        long rows = 0;
        while (true) {
            i = skipSpace(sql, i);
            if (i >= n || sql.charAt(i) != '(') {
                return -1;
            }
            i++;
            for (int col = 0; col < kinds.length; col++) {
                if (col > 0) {
                    put('\t');
                }
                i = value(sql, skipSpace(sql, i), kinds[col]);
                if (i < 0) {
                    return -1;
                }
                i = skipSpace(sql, i);
                char expected = col == kinds.length - 1 ? ')' : ',';
                if (i >= n || sql.charAt(i) != expected) {
                    return -1;
                }
                i++;
            }
            put('\n');
            rows++;
            i = skipSpace(sql, i);
            if (i >= n || sql.charAt(i) == ';') {
                return skipSpace(sql, i + 1) >= n || i >= n ? rows : -1;
            }
            if (sql.charAt(i) != ',') {
                return -1;
            }
            i++;
        }
    }

    /** Appends one field; returns the index after the literal, or -1. */
    private int value(String sql, int i, ChunkManifest.ColumnKind kind) {
        int n = sql.length();
        if (i >= n) {
            return -1;
        }
        char c = sql.charAt(i);
        if (c == '\'') {
            return kind == ChunkManifest.ColumnKind.BIT ? -1 : quoted(sql, i + 1);
        }
        if (regionIs(sql, i, "NULL") && !identifierChar(sql, i + 4)) {
            put('\\');
            put('N');
            return i + 4;
        }
        if (regionIs(sql, i, "_binary")) {
            int q = skipSpace(sql, i + 7);
            return kind == ChunkManifest.ColumnKind.BINARY && q < n && sql.charAt(q) == '\'' ? quoted(sql, q + 1) : -1;
        }
        if ((c == 'x' || c == 'X') && i + 1 < n && sql.charAt(i + 1) == '\'') {
            int end = sql.indexOf('\'', i + 2);
            return kind == ChunkManifest.ColumnKind.BINARY && end > 0 && hex(sql, i + 2, end) ? end + 1 : -1;
        }
        if (c == '0' && i + 1 < n && (sql.charAt(i + 1) == 'x' || sql.charAt(i + 1) == 'X')) {
            int end = i + 2;
            while (end < n && Character.digit(sql.charAt(end), 16) >= 0) {
                end++;
            }
            return kind == ChunkManifest.ColumnKind.BINARY && !identifierChar(sql, end) && hex(sql, i + 2, end) ? end : -1;
        }
        // a number into a text, date, ENUM or SET column means something else as text: such rows run as INSERTs
        if (kind != ChunkManifest.ColumnKind.NUMBER) {
            return -1;
        }
        int end = i;
        while (end < n && "+-0123456789.eE".indexOf(sql.charAt(end)) >= 0) {
            end++;
        }
        if (identifierChar(sql, end) || !NUMBER.matcher(sql.substring(i, end)).matches()) {
            return -1;
        }
        for (int k = i; k < end; k++) {
            put(sql.charAt(k));
        }
        return end;
    }

    private int quoted(String sql, int i) {
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i++);
            if (c == '\'') {
                if (i < n && sql.charAt(i) == '\'') {
                    escaped('\'');
                    i++;
                    continue;
                }
                return i;
            }
            if (c == '\\') {
                if (i >= n) {
                    return -1;
                }
                char e = sql.charAt(i++);
                switch (e) {
                    case '0' -> escaped((char) 0);
                    case 'b' -> escaped('\b');
                    case 'n' -> escaped('\n');
                    case 'r' -> escaped('\r');
                    case 't' -> escaped('\t');
                    case 'Z' -> escaped((char) 0x1a);
                    case '%', '_' -> {
                        // the server keeps the backslash before these two
                        escaped('\\');
                        escaped(e);
                    }
                    default -> escaped(e);
                }
                continue;
            }
            escaped(c);
        }
        return -1;
    }

    private boolean hex(String sql, int from, int to) {
        if ((to - from) % 2 != 0) {
            return false;
        }
        for (int k = from; k < to; k += 2) {
            int hi = Character.digit(sql.charAt(k), 16);
            int lo = Character.digit(sql.charAt(k + 1), 16);
            if (hi < 0 || lo < 0) {
                return false;
            }
            escaped((char) (hi << 4 | lo));
        }
        return true;
    }

    private void escaped(char c) {
        switch (c) {
            case '\\' -> {
                put('\\');
                put('\\');
            }
            case '\t' -> {
                put('\\');
                put('t');
            }
            case '\n' -> {
                put('\\');
                put('n');
            }
            case '\r' -> {
                put('\\');
                put('r');
            }
            case 0 -> {
                put('\\');
                put('0');
            }
            default -> put(c);
        }
    }

    private static boolean regionIs(String sql, int i, String word) {
        return sql.regionMatches(true, i, word, 0, word.length());
    }

    private static boolean identifierChar(String sql, int i) {
        if (i >= sql.length()) {
            return false;
        }
        char c = sql.charAt(i);
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int skipSpace(String sql, int i) {
        while (i < sql.length() && " \t\r\n".indexOf(sql.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private void put(char c) {
        if (len == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        out[len++] = (byte) c;
    }
}
