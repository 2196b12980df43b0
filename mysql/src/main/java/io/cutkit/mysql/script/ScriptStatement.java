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
            head = StatementHead.of(bytes, retained);
        }
        return head;
    }

    @Override
    public String toString() {
        return "line " + line + " (offset " + offset + "): " + preview(80);
    }
}
