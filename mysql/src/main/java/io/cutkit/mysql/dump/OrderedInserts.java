package io.cutkit.mysql.dump;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells which INSERTs give a different result when run out of file order, so that the loader keeps
 * their table's rows on one connection, in order, as the client runs them: a row whose
 * {@code AUTO_INCREMENT} value the server generates (the column left out, {@code NULL}, {@code 0}
 * or {@code DEFAULT}) gets the next number in the order rows arrive, and {@code REPLACE},
 * {@code INSERT IGNORE} and {@code ON DUPLICATE KEY UPDATE} keep the first or the last of two rows
 * with one key. Each table's {@code AUTO_INCREMENT} column is read once from the staging database
 * (again after DDL on it); the VALUES rows are scanned once per INSERT, without copying.
 */
final class OrderedInserts {

    private static final Pattern ON_DUPLICATE_KEY = Pattern.compile("(?i)\\bON\\s+DUPLICATE\\s+KEY\\b");
    private static final Pattern ZERO = Pattern.compile("[+-]?0*\\.?0*");
    private static final Pattern COMMENT_MARKS = Pattern.compile("/\\*M?!\\d*|\\*/");
    private static final Set<String> PRIORITIES = Set.of("LOW_PRIORITY", "DELAYED", "HIGH_PRIORITY");

    private final String database;
    private final Map<String, Optional<AutoIncrement>> columns = new HashMap<>();

    /** For tables of {@code database}, the staging database, in the connection's byte-per-char form. */
    OrderedInserts(String database) {
        this.database = database;
    }

    /** A table's {@code AUTO_INCREMENT} column: its name and its place among the visible columns (from 0). */
    record AutoIncrement(String name, int position) {
    }

    /**
     * Whether {@code sql}, an INSERT or REPLACE of VALUES rows into {@code table} (both in the
     * byte-per-char form), must run in file order. True when the column cannot be read.
     */
    boolean needFileOrder(Connection c, String table, String sql) {
        Optional<AutoIncrement> column = columns.get(table);
        if (column == null) {
            try {
                column = read(c, table);
            } catch (SQLException e) {
                return true;
            }
            columns.put(table, column);
        }
        return dependsOnOrder(sql, column.orElse(null));
    }

    /** Forgets what was read of {@code table}, after DDL that may have changed it. */
    void forget(String table) {
        columns.remove(table);
    }

    /** Forgets every table, after a statement that may rename tables. */
    void forgetAll() {
        columns.clear();
    }

    private Optional<AutoIncrement> read(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT column_name, extra FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            ps.setString(1, database);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                int visible = 0;
                while (rs.next()) {
                    String extra = rs.getString(2).toLowerCase(Locale.ROOT);
                    if (extra.contains("auto_increment")) {
                        return Optional.of(new AutoIncrement(rs.getString(1), visible));
                    }
                    if (!extra.contains("invisible")) {
                        visible++;
                    }
                }
                return Optional.empty();
            }
        }
    }

    /**
     * Whether an INSERT of VALUES (or SET) rows into a table whose {@code AUTO_INCREMENT} column is
     * {@code column} (null: none) depends on the order rows arrive.
     */
    static boolean dependsOnOrder(String sql, AutoIncrement column) {
        Cursor c = new Cursor(sql);
        if (c.word().equals("REPLACE")) {
            return true;
        }
        String w = c.word();
        while (PRIORITIES.contains(w)) {
            w = c.word();
        }
        if (w.equals("IGNORE")) {
            return true;
        }
        if (w.equals("INTO") || w.isEmpty()) {
            c.name(); // else w was the table's unquoted name
        }
        if (c.peek() == '.') {
            c.pos++;
            c.name();
        }
        List<String> listed = c.peek() == '(' ? c.names() : null;
        if (!c.word().startsWith("VALUE")) {
            return column != null || ON_DUPLICATE_KEY.matcher(sql).find(); // SET col = ...: read no further
        }
        int index = column == null ? -1 : listed == null ? column.position() : indexOf(listed, column.name());
        if (column != null && index < 0) {
            return true; // the column is left out: every row gets a generated value
        }
        while (c.peek() == '(') {
            if (c.tupleGeneratesValue(index)) {
                return true;
            }
            if (c.peek() != ',') {
                break;
            }
            c.pos++;
        }
        return ON_DUPLICATE_KEY.matcher(sql).region(c.pos, sql.length()).find();
    }

    private static int indexOf(List<String> names, String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Reads words, names and rows of one statement; executable-comment markers count as spaces, as the server reads them. */
    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        /** The next character that is not space or comment, or 0 at the end. */
        char peek() {
            skipSpace();
            return pos < s.length() ? s.charAt(pos) : 0;
        }

        String word() {
            skipSpace();
            int start = pos;
            while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '$')) {
                pos++;
            }
            return s.substring(start, pos).toUpperCase(Locale.ROOT);
        }

        String name() {
            if (peek() != '`') {
                return word();
            }
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < s.length()) {
                char ch = s.charAt(pos++);
                if (ch == '`') {
                    if (pos < s.length() && s.charAt(pos) == '`') {
                        pos++;
                    } else {
                        break;
                    }
                }
                out.append(ch);
            }
            return out.toString();
        }

        /** A parenthesised list of column names. */
        List<String> names() {
            List<String> out = new ArrayList<>();
            pos++;
            while (peek() != ')' && peek() != 0) {
                out.add(name());
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    break;
                }
            }
            pos++;
            return out;
        }

        /** Reads one {@code (...)} row; whether its value number {@code index} makes the server generate one. */
        boolean tupleGeneratesValue(int index) {
            pos++;
            int value = 0;
            int depth = 0;
            int start = pos;
            boolean generates = false;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (ch == '\'' || ch == '"') {
                    skipString(ch);
                    continue;
                }
                if (ch == '/' && pos + 1 < s.length() && s.charAt(pos + 1) == '*' || ch == '*' && pos + 1 < s.length() && s.charAt(pos + 1) == '/') {
                    skipSpace();
                    continue;
                }
                if (ch == '(') {
                    depth++;
                } else if (ch == ')' && depth > 0) {
                    depth--;
                } else if (ch == ',' && depth == 0 || ch == ')') {
                    if (value == index) {
                        generates = generatesValue(s.substring(start, pos));
                    }
                    value++;
                    pos++;
                    start = pos;
                    if (ch == ')') {
                        return generates;
                    }
                    continue;
                }
                pos++;
            }
            return generates;
        }

        private static boolean generatesValue(String text) {
            String v = (text.indexOf('*') < 0 ? text : COMMENT_MARKS.matcher(text).replaceAll(" ")).strip();
            if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"') && v.charAt(v.length() - 1) == v.charAt(0)) {
                v = v.substring(1, v.length() - 1).strip();
                return v.isEmpty() || ZERO.matcher(v).matches();
            }
            return v.equalsIgnoreCase("NULL") || v.equalsIgnoreCase("DEFAULT") || !v.isEmpty() && ZERO.matcher(v).matches();
        }

        private void skipString(char quote) {
            pos++;
            while (pos < s.length()) {
                char ch = s.charAt(pos++);
                if (ch == '\\') {
                    pos++;
                } else if (ch == quote) {
                    if (pos < s.length() && s.charAt(pos) == quote) {
                        pos++;
                    } else {
                        return;
                    }
                }
            }
        }

        private void skipSpace() {
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                if (Character.isWhitespace(ch)) {
                    pos++;
                } else if (s.startsWith("/*!", pos) || s.startsWith("/*M!", pos)) {
                    pos += s.charAt(pos + 2) == 'M' ? 4 : 3;
                    while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                        pos++;
                    }
                } else if (s.startsWith("*/", pos)) {
                    pos += 2;
                } else if (s.startsWith("/*", pos)) {
                    int end = s.indexOf("*/", pos + 2);
                    pos = end < 0 ? s.length() : end + 2;
                } else if (s.startsWith("-- ", pos) || ch == '#') {
                    int end = s.indexOf('\n', pos);
                    pos = end < 0 ? s.length() : end + 1;
                } else {
                    return;
                }
            }
        }
    }
}
