package io.cutkit.mysql.preflight;

import io.cutkit.mysql.script.QuotedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL body into unquoted words, backquoted names and punctuation, dropping comments, string
 * literals and {@code @variables}, so that checks can tell a reserved word used as an identifier from
 * the same word quoted or inside a string.
 */
final class SqlTokens {

    /** One token: an unquoted word, a backquoted name (text without quotes) or one punctuation character. */
    record Token(String text, Kind kind) {
        boolean word() {
            return kind == Kind.WORD;
        }

        boolean name() {
            return kind == Kind.WORD || kind == Kind.QUOTED;
        }

        boolean is(String punctuation) {
            return kind == Kind.PUNCTUATION && text.equals(punctuation);
        }
    }

    enum Kind { WORD, QUOTED, PUNCTUATION }

    private SqlTokens() {
    }

    static List<Token> of(String sql) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i))) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                i = QuotedText.end(sql, i);
            } else if (c == '`') {
                int end = QuotedText.end(sql, i);
                tokens.add(new Token(sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("``", "`"), Kind.QUOTED));
                i = end;
            } else if (c == '@') {
                i++;
                while (i < n && (isWordChar(sql.charAt(i)) || sql.charAt(i) == '@')) {
                    i++;
                }
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                String word = sql.substring(start, i);
                if (!Character.isDigit(word.charAt(0))) {
                    tokens.add(new Token(word, Kind.WORD));
                }
            } else {
                tokens.add(new Token(String.valueOf(c), Kind.PUNCTUATION));
                i++;
            }
        }
        return tokens;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
