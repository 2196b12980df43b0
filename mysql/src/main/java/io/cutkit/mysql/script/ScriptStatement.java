package io.cutkit.mysql.script;

import java.nio.charset.StandardCharsets;

/**
 * One statement of a script as {@link StatementSplitter} reads it: the bytes the {@code mariadb} client
 * would send (without the delimiter and plain comments; executable {@code /*!...*}{@code /} comments
 * are kept), where it starts in the file (byte offset and 1-based line) and, for data statements read
 * in head-only mode, only the first bytes.
 *
 * <p>{@link #rawText()} maps each byte to one char (ISO-8859-1) so that sending it back through a
 * connection encoding ISO-8859-1 puts exactly the dump's bytes on the wire, including binary string
 * literals that are not valid UTF-8. {@link #text()} decodes UTF-8 for humans.
 */
public final class ScriptStatement {

    private final byte[] bytes;
    private final int retained;
    private final long length;
    private final long offset;
    private final long line;
    private final boolean terminated;
    private final long topLevelGroups;
    /** The file a {@code source} command names, or null for SQL text. */
    private final String sourcedFile;
    /** The file the statement was read from when it is not the script given ({@link ScriptFiles}), or null. */
    private final String file;
    private StatementHead head;

    ScriptStatement(byte[] bytes, int retained, long length, long offset, long line, boolean terminated,
            long topLevelGroups) {
        this.bytes = bytes;
        this.retained = retained;
        this.length = length;
        this.offset = offset;
        this.line = line;
        this.terminated = terminated;
        this.topLevelGroups = topLevelGroups;
        this.sourcedFile = null;
        this.file = null;
    }

    private ScriptStatement(ScriptStatement s, String sourcedFile, String file) {
        this.bytes = s.bytes;
        this.retained = s.retained;
        this.length = s.length;
        this.offset = s.offset;
        this.line = s.line;
        this.terminated = s.terminated;
        this.topLevelGroups = s.topLevelGroups;
        this.sourcedFile = sourcedFile;
        this.file = file;
    }

    /** The client command {@code source file} read at {@code line}, as its text {@code source file}. */
    static ScriptStatement sourceCommand(String fileName, long offset, long line) {
        byte[] text = ("source " + fileName).getBytes(StandardCharsets.UTF_8);
        return new ScriptStatement(new ScriptStatement(text, text.length, text.length, offset, line, true, 0), fileName, null);
    }

    /** The client's {@code use} command as a {@code USE} statement; {@code name} may be quoted, as the client accepts it. */
    static ScriptStatement useCommand(String name, long offset, long line) {
        String bare = name.length() > 1 && "`'\"".indexOf(name.charAt(0)) >= 0 && name.endsWith(name.substring(0, 1))
                ? name.substring(1, name.length() - 1) : name;
        byte[] text = ("USE " + StatementHead.quote(bare)).getBytes(StandardCharsets.UTF_8);
        return new ScriptStatement(text, text.length, text.length, offset, line, true, 0);
    }

    /** The client's {@code charset} command as the {@code SET NAMES} statement that does the same to the session. */
    static ScriptStatement charsetCommand(String name, long offset, long line) {
        String bare = name.replace("'", "").replace("`", "").replace("\"", "");
        byte[] text = ("SET NAMES '" + bare + "'").getBytes(StandardCharsets.UTF_8);
        return new ScriptStatement(text, text.length, text.length, offset, line, true, 0);
    }

    /** This statement as read from {@code file}, a script that another one runs with {@code source}. */
    ScriptStatement inFile(String fileName) {
        return new ScriptStatement(this, sourcedFile, fileName);
    }

    /** The file this statement was read from when a {@code source} command led there; empty for the script itself. */
    public java.util.Optional<String> file() {
        return java.util.Optional.ofNullable(file);
    }

    /** Byte offset of the statement's first byte in the (uncompressed) input. */
    public long offset() {
        return offset;
    }

    /** 1-based line number of the statement's first byte. */
    public long line() {
        return line;
    }

    /** Length of the whole statement in bytes, comments removed, delimiter excluded. */
    public long length() {
        return length;
    }

    /** False when the input ended before this statement's delimiter (a truncated file, or a last statement without one). */
    public boolean terminated() {
        return terminated;
    }

    /** True when every byte of the statement is held (false for data statements read in head-only mode). */
    public boolean complete() {
        return retained == length;
    }

    /**
     * Number of parenthesised groups at nesting depth zero outside quotes and comments: for an
     * {@code INSERT ... VALUES (..),(..)} that is the row count, plus one when a column list is given.
     */
    public long topLevelGroups() {
        return topLevelGroups;
    }

    /** The held bytes, one char per byte (ISO-8859-1): byte-exact, for sending to a server. */
    public String rawText() {
        return new String(bytes, 0, retained, StandardCharsets.ISO_8859_1);
    }

    /** The held bytes decoded as UTF-8, for messages and inspection. */
    public String text() {
        return new String(bytes, 0, retained, StandardCharsets.UTF_8);
    }

    /** A copy of the held bytes. */
    public byte[] bytes() {
        byte[] copy = new byte[retained];
        System.arraycopy(bytes, 0, copy, 0, retained);
        return copy;
    }

    /** The first {@code maxChars} characters of {@link #text()}, for error messages. */
    public String preview(int maxChars) {
        int n = Math.min(retained, maxChars * 4);
        String s = new String(bytes, 0, n, StandardCharsets.UTF_8);
        return s.length() > maxChars ? s.substring(0, maxChars) : s;
    }

    /** What kind of statement this is and what it names, from its first words. */
    public StatementHead head() {
        if (head == null) {
            head = sourcedFile != null ? new StatementHead(StatementKind.SOURCE, null, sourcedFile, "SOURCE")
                    : StatementHead.of(bytes, retained);
        }
        return head;
    }

    @Override
    public String toString() {
        return (file == null ? "" : file + " ") + "line " + line + " (offset " + offset + "): " + preview(80);
    }
}
