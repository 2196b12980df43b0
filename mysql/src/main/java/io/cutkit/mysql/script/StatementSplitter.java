package io.cutkit.mysql.script;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a MySQL client script (a dump, a migration, any file fed to {@code mariadb < file}) into the
 * statements the {@code mariadb} client sends for it, byte for byte, from a stream with memory bounded
 * by the largest statement (in head-only mode, by {@value #HEAD_BYTES} bytes per data statement).
 *
 * <p>Follows the client's rules in their order: the delimiter in force is looked for first (outside
 * strings and comments, case-sensitive, so {@code //}, {@code --}, {@code #} or a word such as
 * {@code GO} work as they do there); {@code DELIMITER} lines (the word in any case, at the start of a
 * line between statements, the argument up to a space or quoted) change it; single and double
 * quoted strings with backslash escapes and backtick identifiers are kept whole; {@code #} and
 * {@code --} comments (followed by a blank, or anywhere at the start of a statement) and
 * {@code /* *}{@code /} comments, optimizer hints included, are dropped, a space standing in for a
 * block comment only when a printable byte follows it on its line; executable {@code /*!NNNNN}
 * and {@code /*M!NNNNNN} comments are statement text; CR LF line ends are read as LF; a backslash
 * ending a line is dropped. MariaDB's sandbox-mode first line is dropped (its line is reported by
 * {@link #sandboxMarkerLine()}). Bytes are never decoded, so binary literals, NUL bytes and 4-byte
 * UTF-8 pass through unchanged.
 *
 * <p>{@link #keepingComments} keeps comments inside statements, as {@code mariadb --comments} does.
 * A {@code source file} (or {@code \. file}) line between statements is returned as a statement of
 * kind {@link StatementKind#SOURCE} ({@link ScriptFiles} reads the file in its place), and a
 * {@code use db} line without the delimiter as the statement {@code USE `db`}; {@code \g} and
 * {@code \G} end a statement as the delimiter does; a {@code charset x} line is read as
 * {@code SET NAMES 'x'}, and lines of the client commands that only change its output
 * ({@code warnings}, {@code tee}, {@code pager}, ...) are skipped, and {@code quit}, {@code exit} or
 * {@code \q} ends the input; other client commands are not run; the
 * {@code NO_BACKSLASH_ESCAPES} SQL mode is not followed: dump tools escape with backslashes.
 *
 * <p>Not thread-safe. {@link #next()} throws {@link ScriptFormatException} when the input ends inside
 * a string or comment, and {@link IOException} when the stream fails.
 */
public final class StatementSplitter implements Closeable {

    /** Bytes kept of each INSERT/REPLACE statement in head-only mode. */
    public static final int HEAD_BYTES = 1024;

    private static final byte[] SANDBOX_MARKER = "/*M!999999\\-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DELIMITER_WORD = "delimiter".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SOURCE_WORD = "source".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] USE_WORD = "use".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHARSET_WORD = "charset".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] QUIT_WORD = "quit".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXIT_WORD = "exit".getBytes(StandardCharsets.US_ASCII);
    /** Client commands that change only what the client prints: their lines are skipped. */
    private static final List<byte[]> SILENT_COMMANDS = java.util.stream.Stream.of("warnings", "nowarning", "tee", "notee",
            "pager", "nopager", "rehash", "status", "print", "prompt").map(w -> w.getBytes(StandardCharsets.US_ASCII)).toList();
    /** The client keeps at most this many bytes of a delimiter. */
    private static final int MAX_DELIMITER = 15;
    private static final int SHRINK_ABOVE = 1 << 20;

    private final InputStream in;
    private final boolean headOnlyData;
    private final boolean keepComments;
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
    /** Blanks at the end of the statement so far, counted over every byte, kept or not. */
    private long trailingBlanks;
    private long stmtOffset;
    private long stmtLine;
    private int retainCap = Integer.MAX_VALUE;
    private boolean headChecked;
    private int depth;
    private long groups;
    private long sandboxLine = -1;
    private long statements;

    /** Inside a plain block comment (the client's {@code ml_comment}). */
    private boolean inComment;
    /** Inside an executable comment opened by {@code /*!} on this line (the client's {@code ss_comment}). */
    private boolean inExecutable;
    /** A block comment ended on this line: a space goes before the next printable byte. */
    private boolean spacePending;
    /** Only blanks since the line began: a DELIMITER command may start here. */
    private boolean freshLine = true;
    /** {@link #stmtTotal} where this line's text since its last comment starts (the client's {@code out == line}). */
    private long lineMark;
    private long commentOffset;
    private long commentLine;
    /** A {@code source} command read between statements, returned by the next {@link #next()}. */
    private ScriptStatement pendingCommand;
    /** Whether a {@code quit} / {@code exit} / {@code \q} command was read: the input ends there, as for the client. */
    private boolean quit;

    private StatementSplitter(InputStream in, boolean headOnlyData, boolean keepComments) {
        this.in = in;
        this.headOnlyData = headOnlyData;
        this.keepComments = keepComments;
        rebuildSpecial();
    }

    /** A splitter that keeps every statement whole, comments dropped as the client does by default. */
    public static StatementSplitter over(InputStream in) {
        return new StatementSplitter(in, false, false);
    }

    /** A splitter that keeps every statement whole with the comments inside it ({@code mariadb --comments}). */
    public static StatementSplitter keepingComments(InputStream in) {
        return new StatementSplitter(in, false, true);
    }

    /**
     * A splitter that keeps only the first {@value #HEAD_BYTES} bytes of INSERT/REPLACE statements
     * (their length, offsets and row groups are still exact): the fast path for inspection.
     */
    public static StatementSplitter headsOnly(InputStream in) {
        return new StatementSplitter(in, true, false);
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
        return new String(delimiter, StandardCharsets.ISO_8859_1);
    }

    /**
     * The next statement, or {@code null} at the end of the input.
     *
     * @throws ScriptFormatException when the input ends inside a string, identifier or comment, or a
     *     DELIMITER command is malformed
     */
    public ScriptStatement next() throws IOException {
        while (true) {
            if (pendingCommand != null) {
                ScriptStatement command = pendingCommand;
                pendingCommand = null;
                statements++;
                return command;
            }
            if (quit) {
                return null;
            }
            if (pos >= limit && !fill()) {
                return finishAtEnd();
            }
            if (inComment) {
                scanComment();
                continue;
            }
            if (stmtTotal == 0 && !betweenStatements()) {
                continue;
            }
            if (!spacePending) {
                int start = pos;
                while (pos < limit && !special[buf[pos] & 0xff]) {
                    pos++;
                }
                append(start, pos);
                if (pos >= limit) {
                    continue;
                }
            }
            byte b = buf[pos];
            if (b == '\\' && (peek(1) == 'g' || peek(1) == 'G')) {
                pos += 2; // the client's go command: it sends the statement as the delimiter would
                return emit(true);
            }
            if (b == '\\') {
                backslash();
                continue;
            }
            if (b == delimiter[0] && delimiterAhead()) {
                pos += delimiter.length;
                return emit(true);
            }
            switch (b) {
                case '\'', '"' -> scanQuoted(b, true);
                case '`' -> scanQuoted(b, false);
                case '\n' -> newline();
                case '\r' -> {
                    if (peek(1) == '\n') {
                        pos++;
                    } else {
                        regular(b);
                    }
                }
                case '(' -> {
                    if (depth++ == 0) {
                        groups++;
                    }
                    regular(b);
                }
                case ')' -> {
                    if (depth > 0) {
                        depth--;
                    }
                    regular(b);
                }
                case '#' -> lineComment();
                case '-' -> {
                    if (peek(1) == '-' && isCommentBlank(peek(2))) {
                        lineComment();
                    } else {
                        regular(b);
                    }
                }
                case '/' -> {
                    if (peek(1) != '*') {
                        regular(b);
                    } else if (peek(2) == '!') {
                        inExecutable = true;
                        regular(b);
                    } else if (peek(2) == 'M' && peek(3) == '!') {
                        regular(b);
                    } else {
                        openComment();
                    }
                }
                case '*' -> {
                    if (inExecutable && peek(1) == '/') {
                        inExecutable = false;
                    }
                    regular(b);
                }
                default -> regular(b);
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
        if (b == '\n') {
            newline();
            return false;
        }
        if (isSpace(b)) {
            pos++;
            return false;
        }
        if (bytesRead() == 0 && (b & 0xff) == 0xEF && peek(1) == 0xBB && peek(2) == 0xBF) {
            pos += 3; // a UTF-8 byte order mark, skipped by the client
            return false;
        }
        if (freshLine && (b == 'd' || b == 'D') && aheadEquals(DELIMITER_WORD, true)) {
            int after = peek(DELIMITER_WORD.length);
            if ((after == ' ' || after == '\t' || after == '\n' || after == '\r' || after < 0) && readDelimiterCommand()) {
                return false;
            }
        }
        if (b == delimiter[0] && delimiterAhead()) {
            pos += delimiter.length;
            freshLine = false;
            return false;
        }
        if (freshLine && sourceCommandAhead()) {
            readSourceCommand();
            return false;
        }
        if (freshLine && useCommandAhead()) {
            readUseCommand();
            return false;
        }
        if (freshLine && commandAhead(CHARSET_WORD)) {
            long startOffset = bufBase + pos;
            pendingCommand = ScriptStatement.charsetCommand(fileName(commandArgument(CHARSET_WORD.length)), startOffset, line);
            return false;
        }
        if (freshLine && (commandAhead(QUIT_WORD) || commandAhead(EXIT_WORD) || b == '\\' && peek(1) == 'q')) {
            quit = true; // the client stops reading here
            return false;
        }
        for (byte[] word : SILENT_COMMANDS) {
            if (freshLine && commandAhead(word)) {
                commandArgument(word.length);
                return false;
            }
        }
        if (b == '#' || (b == '-' && peek(1) == '-')) {
            skipLine();
            return false;
        }
        if (b == '/' && peek(1) == '*') {
            if (aheadEquals(SANDBOX_MARKER, false)) {
                requireWellFormedSandboxLine();
                sandboxLine = line;
                openComment();
                return false;
            }
            int third = peek(2);
            if (third != '!' && !(third == 'M' && peek(3) == '!')) {
                openComment();
                return false;
            }
        }
        stmtOffset = bufBase + pos;
        stmtLine = line;
        lineMark = 0;
        return true;
    }

    /** {@code source} or {@code \.} (any case) and a blank at the first printable byte of a line between statements. */
    private boolean sourceCommandAhead() throws IOException {
        int word = buf[pos] == '\\' && peek(1) == '.' ? 2 : aheadEquals(SOURCE_WORD, true) ? SOURCE_WORD.length : 0;
        int after = word == 0 ? -1 : peek(word);
        return after == ' ' || after == '\t';
    }

    /**
     * Reads a {@code source} line as the client does: the file name is the rest of the line after
     * blanks, up to the delimiter when the line holds one (what follows it is read as SQL), without
     * trailing blanks and control characters. The command is returned by the next {@link #next()}.
     */
    private void readSourceCommand() throws IOException {
        long startOffset = bufBase + pos;
        int i = buf[pos] == '\\' ? 2 : SOURCE_WORD.length;
        java.io.ByteArrayOutputStream name = new java.io.ByteArrayOutputStream();
        for (int c; (c = peek(i)) >= 0 && c != '\n'; i++) {
            if (c == delimiter[0] && delimiterAt(i)) {
                pos += i + delimiter.length;
                freshLine = false;
                pendingCommand = ScriptStatement.sourceCommand(fileName(name.toByteArray()), startOffset, line);
                return;
            }
            name.write(c);
        }
        pos += i;
        pendingCommand = ScriptStatement.sourceCommand(fileName(name.toByteArray()), startOffset, line);
    }

    /**
     * {@code use} (any case) and a blank at the first printable byte of a line between statements, on a
     * whole line (ended by a line break) without the delimiter: the client runs that line as its
     * {@code use} command, which needs no delimiter ({@code use db;} is read as SQL).
     */
    private boolean useCommandAhead() throws IOException {
        if (!aheadEquals(USE_WORD, true) || peek(USE_WORD.length) != ' ' && peek(USE_WORD.length) != '\t') {
            return false;
        }
        for (int i = USE_WORD.length; ; i++) {
            int c = peek(i);
            if (c < 0) {
                return false; // a file cut inside the line: the statement is incomplete, not a command
            }
            if (c == '\n') {
                return true;
            }
            if (c == delimiter[0] && delimiterAt(i)) {
                return false;
            }
        }
    }

    /** Reads a {@code use} command line; the next {@link #next()} returns it as a {@code USE} statement. */
    private void readUseCommand() throws IOException {
        long startOffset = bufBase + pos;
        pendingCommand = ScriptStatement.useCommand(fileName(commandArgument(USE_WORD.length)), startOffset, line);
    }

    /**
     * Whether the client command {@code word} (any case, then a blank, the delimiter or the line's end)
     * starts this line: the client runs it, up to the delimiter or the line's end, as that command.
     */
    private boolean commandAhead(byte[] word) throws IOException {
        int after = aheadEquals(word, true) ? peek(word.length) : 0;
        return after == ' ' || after == '\t' || after == '\n' || after == '\r' || after == -1
                || after == delimiter[0] && delimiterAt(word.length);
    }

    /** A client command's argument: the bytes after its first {@code from} up to the delimiter (consumed) or the line's end. */
    private byte[] commandArgument(int from) throws IOException {
        java.io.ByteArrayOutputStream argument = new java.io.ByteArrayOutputStream();
        int i = from;
        for (int c; (c = peek(i)) >= 0 && c != '\n'; i++) {
            if (c == delimiter[0] && delimiterAt(i)) {
                pos += i + delimiter.length;
                freshLine = false;
                return argument.toByteArray();
            }
            argument.write(c);
        }
        pos += i;
        return argument.toByteArray();
    }

    private boolean delimiterAt(int ahead) throws IOException {
        for (int k = 0; k < delimiter.length; k++) {
            if (peek(ahead + k) != (delimiter[k] & 0xff)) {
                return false;
            }
        }
        return true;
    }

    private static String fileName(byte[] raw) {
        int from = 0;
        int to = raw.length;
        while (from < to && isSpace(raw[from])) {
            from++;
        }
        while (to > from && ((raw[to - 1] & 0xff) <= ' ' || raw[to - 1] == 0x7f)) {
            to--;
        }
        return new String(raw, from, to - from, StandardCharsets.UTF_8);
    }

    /**
     * Reads a DELIMITER line as the client's {@code get_arg}: the argument after blanks, up to a space
     * (tabs included), or quoted with {@code '}, {@code "} or a backtick; backslash and doubled-quote
     * escapes. False (the line is SQL text) when the argument is an empty or unclosed quote.
     */
    private boolean readDelimiterCommand() throws IOException {
        long startLine = line;
        long startOffset = bufBase + pos;
        byte[] rest = new byte[64];
        int n = 0;
        for (int i = DELIMITER_WORD.length; ; i++) {
            int c = peek(i);
            if (c < 0 || c == '\n') {
                break;
            }
            if (n == rest.length) {
                rest = Arrays.copyOf(rest, n * 2);
            }
            rest[n++] = (byte) c;
        }
        int lineBytes = DELIMITER_WORD.length + n;
        if (n > 0 && rest[n - 1] == '\r') {
            n--;
        }
        int i = 0;
        while (i < n && isSpace(rest[i])) {
            i++;
        }
        if (i == n) {
            throw new ScriptFormatException("DELIMITER command without a delimiter; write e.g. 'DELIMITER ;;'",
                    startOffset, startLine);
        }
        byte quote = rest[i] == '\'' || rest[i] == '"' || rest[i] == '`' ? rest[i++] : 0;
        byte[] value = new byte[n];
        int len = 0;
        boolean closed = quote == 0;
        for (; i < n; i++) {
            byte c = rest[i];
            boolean escape = (c == '\\' && i + 1 < n && quote != '`') || (quote != 0 && c == quote && i + 1 < n && rest[i + 1] == quote);
            if (escape) {
                c = rest[++i];
            } else if (c == (quote != 0 ? quote : ' ')) {
                closed = true;
                break;
            }
            value[len++] = c;
        }
        if (len == 0 || !closed) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (value[k] == '\\') {
                throw new ScriptFormatException("DELIMITER cannot contain a backslash character", startOffset, startLine);
            }
        }
        pos += lineBytes;
        delimiter = Arrays.copyOf(value, Math.min(len, MAX_DELIMITER));
        rebuildSpecial();
        return true;
    }

    /** A backslash outside strings: dropped before a line end, else kept with the byte it escapes. */
    private void backslash() throws IOException {
        int next = peek(1);
        if (next == '\r' && peek(2) == '\n') {
            pos++;
            next = '\n';
        }
        if (next < 0 || next == '\n') {
            pos++;
            return;
        }
        appendByte((byte) '\\');
        appendByte((byte) next);
        pos += 2;
    }

    /** A byte of statement text: a block comment just before it on this line becomes a space, unless it is blank or a multi-byte character. */
    private void regular(byte b) {
        if (spacePending) {
            spacePending = false;
            if (!isSpace(b) && b >= 0) {
                appendByte((byte) ' ');
            }
        }
        appendByte(b);
        pos++;
    }

    /** Ends a line: the line feed is statement text unless the line's text since its last comment is a DELIMITER command. */
    private void newline() {
        line++;
        pos++;
        freshLine = true;
        spacePending = false;
        inExecutable = false;
        if (stmtTotal > 0 && !delimiterCommandSinceMark()) {
            appendByte((byte) '\n');
        }
        lineMark = stmtTotal;
    }

    private boolean delimiterCommandSinceMark() {
        if (stmtTotal - lineMark < DELIMITER_WORD.length || lineMark + DELIMITER_WORD.length > stmtLen) {
            return false;
        }
        int from = (int) lineMark;
        for (int i = 0; i < DELIMITER_WORD.length; i++) {
            if (Character.toLowerCase(stmt[from + i]) != DELIMITER_WORD[i]) {
                return false;
            }
        }
        return true;
    }

    private void lineComment() throws IOException {
        if (keepComments) {
            int start = pos;
            while (true) {
                while (pos < limit && buf[pos] != '\n') {
                    pos++;
                }
                append(start, pos);
                if (pos < limit || !fill()) {
                    break;
                }
                start = pos;
            }
        } else {
            skipLine();
        }
        lineMark = stmtTotal;
    }

    /**
     * The client reads MariaDB's sandbox line as a command inside an executable comment, so a quote in
     * it opens a string that swallows the lines after it, and a comment left open runs into the next
     * statement; such a line is refused rather than dropped.
     */
    private void requireWellFormedSandboxLine() throws IOException {
        for (int i = SANDBOX_MARKER.length, c; ; i++) {
            c = peek(i);
            if (c == '*' && peek(i + 1) == '/') {
                return;
            }
            if (c < 0 || c == '\n' || c == '\'' || c == '"' || c == '`') {
                throw new ScriptFormatException("MariaDB's sandbox-mode line " + (c < 0 || c == '\n'
                        ? "does not close its comment, so the mariadb client reads the next lines as part of it"
                        : "holds a quote, which makes the mariadb client read the lines after it as a string")
                        + ": the file is damaged; re-create or re-download it", bytesRead(), line);
            }
        }
    }

    private void skipLine() throws IOException {
        while (true) {
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            if (pos < limit || !fill()) {
                return;
            }
        }
    }

    private void openComment() {
        if (keepComments && stmtTotal > 0) {
            appendByte((byte) '/');
            appendByte((byte) '*');
        }
        pos += 2;
        inComment = true;
        commentOffset = bufBase + pos - 2;
        commentLine = line;
        lineMark = stmtTotal;
    }

    /**
     * Consumes a plain block comment up to its end as the client does: {@code /*} inside it restarts
     * it, {@code /*!} inside it makes the next {@code *}{@code /} part of the comment.
     */
    private void scanComment() throws IOException {
        boolean keep = keepComments && stmtTotal > 0;
        while (true) {
            if (pos >= limit && !fill()) {
                throw new ScriptFormatException("The input ends inside a /* comment that starts here: the file is"
                        + " truncated or not SQL", commentOffset, commentLine);
            }
            byte c = buf[pos];
            if (c == '\n') {
                line++;
                freshLine = true;
                inExecutable = false;
            } else if (c == '*' && peek(1) == '/') {
                if (inExecutable) {
                    inExecutable = false;
                } else {
                    if (keep) {
                        appendByte((byte) '*');
                        appendByte((byte) '/');
                    }
                    pos += 2;
                    inComment = false;
                    spacePending = !keep && stmtTotal > 0;
                    freshLine = false;
                    lineMark = stmtTotal;
                    return;
                }
            } else if (c == '/' && peek(1) == '*') {
                if (peek(2) == '!') {
                    inExecutable = true;
                } else if (!(peek(2) == 'M' && peek(3) == '!')) {
                    if (keep) {
                        appendByte(c);
                    }
                    pos++; // the client restarts the comment here, so a following '/' does not end it
                    c = buf[pos];
                }
            }
            if (keep) {
                appendByte(c);
            }
            pos++;
        }
    }

    private void scanQuoted(byte quote, boolean backslashEscapes) throws IOException {
        long startLine = line;
        long startOffset = bufBase + pos;
        regular(quote);
        while (true) {
            int start = pos;
            while (pos < limit) {
                byte c = buf[pos];
                if (c == quote || (c == '\\' && backslashEscapes) || c == '\r') {
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
            if (c == '\r') {
                if (peek(1) != '\n') {
                    appendByte(c);
                }
                pos++;
                continue;
            }
            if (c == '\\') {
                int escaped = peek(1);
                if (escaped < 0) {
                    throw unterminated(quote, startOffset, startLine);
                }
                if (escaped == '\r' && peek(2) == '\n') {
                    pos++;
                    escaped = '\n';
                }
                pos++;
                if (escaped == '\n') {
                    line++; // the client drops a backslash that ends a line
                } else {
                    appendByte(c);
                }
                appendByte((byte) escaped);
                pos++;
                continue;
            }
            appendByte(c);
            pos++;
            return;
        }
    }

    private ScriptFormatException unterminated(byte quote, long offset, long startLine) {
        String what = quote == '`' ? "backtick identifier" : (quote == '"' ? "double-quoted string" : "quoted string");
        return new ScriptFormatException("The input ends inside a " + what + " that starts here" + statementBefore(startLine)
                + ": the file is truncated or not SQL; re-create or re-download it", offset, startLine);
    }

    /**
     * Where the open statement starts, when before {@code line}: a stray quote there (a tool's message written
     * into the dump, "Warning: ... don't ...") pairs the quotes of every later line wrongly, so the line
     * the input ends in names a symptom and the statement's first line the cause.
     */
    private String statementBefore(long line) {
        if (stmtLine <= 0 || stmtLine >= line || stmtLen == 0) {
            return "";
        }
        int n = Math.min(stmtLen, 60);
        StringBuilder preview = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int c = stmt[i] & 0xff;
            preview.append(c == '\n' || c == '\r' ? ' ' : (c < 0x20 || c > 0x7e ? '?' : (char) c));
        }
        return ", in the statement that starts at line " + stmtLine + " (\"" + preview.toString().strip() + "\")";
    }

    private ScriptStatement finishAtEnd() {
        return stmtTotal == 0 ? null : emit(false);
    }

    private ScriptStatement emit(boolean terminated) {
        long total = stmtTotal - trailingBlanks;
        if (headOnlyData && !headChecked) {
            checkHead();
        }
        int end = (int) Math.min(stmtLen, total);
        ScriptStatement s = new ScriptStatement(Arrays.copyOf(stmt, end), end, total, stmtOffset, stmtLine, terminated,
                groups);
        if (stmt.length > SHRINK_ABOVE) {
            stmt = new byte[8192];
        }
        stmtLen = 0;
        stmtTotal = 0;
        trailingBlanks = 0;
        retainCap = Integer.MAX_VALUE;
        headChecked = false;
        depth = 0;
        groups = 0;
        spacePending = false;
        freshLine = false;
        statements++;
        return s;
    }

    private void append(int from, int to) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        stmtTotal += n;
        int last = to - 1;
        while (last >= from && isSpace(buf[last])) {
            last--;
        }
        trailingBlanks = last < from ? trailingBlanks + n : to - 1 - last;
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
        trailingBlanks = isSpace(b) ? trailingBlanks + 1 : 0;
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
        for (char c : new char[] {'\'', '"', '`', '\n', '\r', '\\', '(', ')', '#', '-', '/', '*'}) {
            special[c] = true;
        }
        special[delimiter[0] & 0xff] = true;
    }

    /** A blank after {@code --} that makes it a comment; the end of the line or input counts. */
    private static boolean isCommentBlank(int c) {
        return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** The client's {@code my_isspace}. */
    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }
}
