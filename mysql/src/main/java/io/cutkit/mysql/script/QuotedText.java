package io.cutkit.mysql.script;

/**
 * Where a quoted piece of SQL ends: a string literal ({@code '...'} or {@code "..."}, backslash
 * escapes and doubled quotes) or a backtick identifier (doubled backticks only), as the server reads
 * them. Used by the scanners that must tell names from literals without parsing the statement.
 */
public final class QuotedText {

    private QuotedText() {
    }

    /**
     * The index just after the quoted text that opens at {@code start} (whose character is the quote),
     * or {@code sql.length()} when it runs to the end.
     */
    public static int end(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }
}
