package io.cutkit.mysql.dump;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a SQL dump into statements the way the {@code mysql}/{@code mariadb} client does, reading
 * bytes from a stream with memory bounded by the largest statement (in head-only mode, by
 * {@value #HEAD_BYTES} bytes per data statement).
 *
 * <p>Understands single and double quoted strings with backslash and doubled-quote escapes,
 * backtick identifiers, {@code --} (followed by a blank) and {@code #} line comments, {@code /* *}{@code /}
 * comments (dropped), executable {@code /*!NNNNN ... *}{@code /}, {@code /*M!NNNNNN ... *}{@code /} and
 * optimizer-hint {@code /*+ *}{@code /} comments (kept: the server interprets them), the
 * {@code DELIMITER} client command, and MariaDB's sandbox-mode first line (dropped, its line is
 * reported by {@link #sandboxMarkerLine()}). Bytes are never decoded, so binary literals, NUL bytes
 * and 4-byte UTF-8 pass through unchanged. The {@code NO_BACKSLASH_ESCAPES} SQL mode is not
 * followed: dumps made by mysqldump and mariadb-dump escape with backslashes.
 *
 * <p>Not thread-safe. {@link #next()} throws {@link DumpFormatException} when the input ends inside
 * a string or comment, and {@link IOException} when the stream fails.
 */
public final class StatementSplitter implements Closeable {

    /** Bytes kept of each INSERT/REPLACE statement in head-only mode. */
    public static final int HEAD_BYTES = 1024;

    private static final byte[] SANDBOX_MARKER = "/*M!999999\\-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] DELIMITER_WORD = "delimiter".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int SHRINK_ABOVE = 1 << 20;

    private final InputStream in;
    private final boolean headOnlyData;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long bufBase;
    private boolean eof;
    private long line = 1;
    private byte[] delimiter = {';'};
    private final boolean[] special = new boolean[256];

    private byte[] stmt = new byte[8192];
    private int stmtLen;
    private long stmtTotal;
    private long stmtOffset;
    private long stmtLine;
    private int retainCap = Integer.MAX_VALUE;
    private boolean headChecked;
    private int depth;
    private long groups;
    private boolean inExecutable;
    private long sandboxLine = -1;
    private long statements;

    private StatementSplitter(InputStream in, boolean headOnlyData) {
        this.in = in;
        this.headOnlyData = headOnlyData;
        rebuildSpecial();
    }

    /** A splitter that keeps every statement whole. */
    public static StatementSplitter over(InputStream in) {
        return new StatementSplitter(in, false);
    }

    /**
     * A splitter that keeps only the first {@value #HEAD_BYTES} bytes of INSERT/REPLACE statements
     * (their length, offsets and row groups are still exact): the fast path for inspection.
     */
    public static StatementSplitter headsOnly(InputStream in) {
        return new StatementSplitter(in, true);
    }

    /** Bytes consumed from the input so far. */
    public long bytesRead() {
        return bufBase + pos;
    }

    /** Lines seen so far (1-based number of the current line). */
    public long currentLine() {
        return line;
    }

    /** Statements returned so far. */
    public long statementsRead() {
        return statements;
    }

    /** Line of MariaDB's sandbox-mode marker {@code /*M!999999\- ...*}{@code /}, or -1 when not seen. */
    public long sandboxMarkerLine() {
        return sandboxLine;
    }

    /** The delimiter in force (changed by {@code DELIMITER} commands). */
    public String delimiter() {
        return new String(delimiter, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * The next statement, or {@code null} at the end of the input.
     *
     * @throws DumpFormatException when the input ends inside a string, identifier or comment
     */
    public DumpStatement next() throws IOException {
        while (true) {
            if (pos >= limit && !fill()) {
                return finishAtEnd();
            }
            if (stmtTotal == 0 && !betweenStatements()) {
                continue;
            }
            int start = pos;
            while (pos < limit && !special[buf[pos] & 0xff]) {
                pos++;
            }
            append(start, pos);
            if (pos >= limit) {
                continue;
            }
            byte b = buf[pos];
            switch (b) {
                case '\'', '"' -> scanQuoted(b, true);
                case '`' -> scanQuoted(b, false);
                case '\n' -> {
                    line++;
                    appendByte(b);
                    pos++;
                }
                case '(' -> {
                    if (depth++ == 0) {
                        groups++;
                    }
                    appendByte(b);
                    pos++;
                }
                case ')' -> {
                    if (depth > 0) {
                        depth--;
                    }
                    appendByte(b);
                    pos++;
                }
                case '#' -> {
                    skipLineComment();
                    appendByte((byte) ' ');
                }
                case '-' -> {
                    if (peek(1) == '-' && isCommentBlank(peek(2))) {
                        skipLineComment();
                        appendByte((byte) ' ');
                    } else {
                        appendByte(b);
                        pos++;
                    }
                }
                case '/' -> {
                    if (peek(1) == '*') {
                        int third = peek(2);
                        if (third == '!' || third == '+' || (third == 'M' && peek(3) == '!')) {
                            appendByte((byte) '/');
                            appendByte((byte) '*');
                            pos += 2;
                            inExecutable = true;
                        } else {
                            skipBlockComment();
                            appendByte((byte) ' ');
                        }
                    } else {
                        appendByte(b);
                        pos++;
                    }
                }
                case '*' -> {
                    if (inExecutable && peek(1) == '/') {
                        appendByte((byte) '*');
                        appendByte((byte) '/');
                        pos += 2;
                        inExecutable = false;
                    } else {
                        appendByte(b);
                        pos++;
                    }
                }
                default -> {
                    if (b == delimiter[0] && !inExecutable && delimiterAhead()) {
                        pos += delimiter.length;
                        return emit(true);
                    }
                    appendByte(b);
                    pos++;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Handles blanks, comments, client commands and empty statements before a statement starts; true when one starts here. */
    private boolean betweenStatements() throws IOException {
        byte b = buf[pos];
        switch (b) {
            case '\n' -> {
                line++;
                pos++;
                return false;
            }
            case ' ', '\t', '\r', '\f' -> {
                pos++;
                return false;
            }
            case '#' -> {
                skipLineComment();
                return false;
            }
            case '-' -> {
                if (peek(1) == '-' && isCommentBlank(peek(2))) {
                    skipLineComment();
                    return false;
                }
            }
            case '/' -> {
                if (peek(1) == '*') {
                    if (aheadEquals(SANDBOX_MARKER, false)) {
                        sandboxLine = line;
                        skipBlockComment();
                        return false;
                    }
                    int third = peek(2);
                    boolean executable = third == '!' || third == '+' || (third == 'M' && peek(3) == '!');
                    if (!executable) {
                        skipBlockComment();
                        return false;
                    }
                }
            }
            case 'd', 'D' -> {
                if (aheadEquals(DELIMITER_WORD, true)) {
                    int after = peek(DELIMITER_WORD.length);
                    if (after == ' ' || after == '\t') {
                        readDelimiterCommand();
                        return false;
                    }
                }
            }
            default -> {
                // a statement starts; checked below
            }
        }
        if (b == delimiter[0] && delimiterAhead()) {
            pos += delimiter.length;
            return false;
        }
        stmtOffset = bufBase + pos;
        stmtLine = line;
        return true;
    }

    private void readDelimiterCommand() throws IOException {
        long startLine = line;
        long startOffset = bufBase + pos;
        pos += DELIMITER_WORD.length;
        byte[] rest = new byte[64];
        int n = 0;
        while (true) {
            if (pos >= limit && !fill()) {
                break;
            }
            byte c = buf[pos];
            if (c == '\n') {
                break;
            }
            pos++;
            if (n == rest.length) {
                rest = Arrays.copyOf(rest, n * 2);
            }
            rest[n++] = c;
        }
        int from = 0;
        while (from < n && isBlank(rest[from])) {
            from++;
        }
        int to = from;
        while (to < n && !isBlank(rest[to])) {
            to++;
        }
        if (to == from) {
            throw new DumpFormatException("DELIMITER command without a delimiter; write e.g. 'DELIMITER ;;'",
                    startOffset, startLine);
        }
        delimiter = Arrays.copyOfRange(rest, from, to);
        rebuildSpecial();
    }

    private void scanQuoted(byte quote, boolean backslashEscapes) throws IOException {
        long startLine = line;
        long startOffset = bufBase + pos;
        appendByte(quote);
        pos++;
        while (true) {
            int start = pos;
            while (pos < limit) {
                byte c = buf[pos];
                if (c == quote || (c == '\\' && backslashEscapes)) {
                    break;
                }
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
            append(start, pos);
            if (pos >= limit) {
                if (!fill()) {
                    throw unterminated(quote, startOffset, startLine);
                }
                continue;
            }
            byte c = buf[pos];
            if (c == '\\') {
                appendByte(c);
                pos++;
                if (pos >= limit && !fill()) {
                    throw unterminated(quote, startOffset, startLine);
                }
                byte escaped = buf[pos];
                if (escaped == '\n') {
                    line++;
                }
                appendByte(escaped);
                pos++;
                continue;
            }
            appendByte(c);
            pos++;
            if (peek(0) == quote) {
                appendByte(quote);
                pos++;
                continue;
            }
            return;
        }
    }

    private DumpFormatException unterminated(byte quote, long offset, long startLine) {
        String what = quote == '`' ? "backtick identifier" : (quote == '"' ? "double-quoted string" : "quoted string");
        return new DumpFormatException("The input ends inside a " + what + " that starts here: the file is"
                + " truncated or not a SQL dump; re-create or re-download it", offset, startLine);
    }

    private void skipLineComment() throws IOException {
        while (true) {
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            if (pos < limit || !fill()) {
                return;
            }
        }
    }

    private void skipBlockComment() throws IOException {
        long startLine = line;
        long startOffset = bufBase + pos;
        pos += 2;
        while (true) {
            if (pos >= limit && !fill()) {
                throw new DumpFormatException("The input ends inside a /* comment that starts here: the file is"
                        + " truncated or not a SQL dump", startOffset, startLine);
            }
            byte c = buf[pos];
            if (c == '\n') {
                line++;
            } else if (c == '*' && peek(1) == '/') {
                pos += 2;
                return;
            }
            pos++;
        }
    }

    private DumpStatement finishAtEnd() {
        if (stmtTotal == 0) {
            return null;
        }
        if (inExecutable) {
            throw new DumpFormatException("The input ends inside an executable /*! comment of the statement"
                    + " that starts here: the file is truncated", stmtOffset, stmtLine);
        }
        return emit(false);
    }

    private DumpStatement emit(boolean terminated) {
        int end = stmtLen;
        while (end > 0 && isBlank(stmt[end - 1])) {
            end--;
        }
        long total = stmtTotal - (stmtLen - end);
        if (headOnlyData && !headChecked) {
            checkHead();
            end = Math.min(end, stmtLen);
        }
        DumpStatement s = new DumpStatement(Arrays.copyOf(stmt, end), end, Math.max(total, end), stmtOffset,
                stmtLine, terminated, groups);
        if (stmt.length > SHRINK_ABOVE) {
            stmt = new byte[8192];
        }
        stmtLen = 0;
        stmtTotal = 0;
        retainCap = Integer.MAX_VALUE;
        headChecked = false;
        depth = 0;
        groups = 0;
        inExecutable = false;
        statements++;
        return s;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        stmtTotal += n;
        int room = retainCap - stmtLen;
        if (room <= 0) {
            return;
        }
        int copy = Math.min(room, n);
        ensureCapacity(copy);
        System.arraycopy(buf, from, stmt, stmtLen, copy);
        stmtLen += copy;
        if (headOnlyData && !headChecked && stmtLen >= 48) {
            checkHead();
        }
    }

    private void appendByte(byte b) {
        stmtTotal++;
        if (stmtLen >= retainCap) {
            return;
        }
        ensureCapacity(1);
        stmt[stmtLen++] = b;
        if (headOnlyData && !headChecked && stmtLen >= 48) {
            checkHead();
        }
    }

    private void ensureCapacity(int extra) {
        if (stmtLen + extra > stmt.length) {
            stmt = Arrays.copyOf(stmt, Math.max(stmt.length * 2, stmtLen + extra));
        }
    }

    private void checkHead() {
        headChecked = true;
        StatementKind kind = StatementHead.of(stmt, Math.min(stmtLen, 64)).kind();
        if (kind == StatementKind.INSERT) {
            retainCap = HEAD_BYTES;
            stmtLen = Math.min(stmtLen, retainCap);
        }
    }

    private boolean delimiterAhead() throws IOException {
        for (int i = 1; i < delimiter.length; i++) {
            if (peek(i) != (delimiter[i] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private boolean aheadEquals(byte[] word, boolean ignoreCase) throws IOException {
        for (int i = 0; i < word.length; i++) {
            int c = peek(i);
            if (c < 0) {
                return false;
            }
            if (ignoreCase ? Character.toLowerCase(c) != word[i] : c != word[i]) {
                return false;
            }
        }
        return true;
    }

    /** The byte {@code ahead} positions after the current one, or -1 past the end; may refill the buffer. */
    private int peek(int ahead) throws IOException {
        while (pos + ahead >= limit) {
            if (!fill()) {
                return -1;
            }
        }
        return buf[pos + ahead] & 0xff;
    }

    /** Reads more input, keeping unconsumed bytes; false at end of input. Callers flush pending appends first. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            int keep = limit - pos;
            System.arraycopy(buf, pos, buf, 0, keep);
            bufBase += pos;
            limit = keep;
            pos = 0;
        }
        if (limit == buf.length) {
            return true;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    private void rebuildSpecial() {
        Arrays.fill(special, false);
        for (char c : new char[] {'\'', '"', '`', '\n', '(', ')', '#', '-', '/', '*'}) {
            special[c] = true;
        }
        special[delimiter[0] & 0xff] = true;
    }

    private static boolean isCommentBlank(int c) {
        return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }
}
