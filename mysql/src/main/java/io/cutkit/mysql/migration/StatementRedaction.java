package io.cutkit.mysql.migration;

import java.util.regex.Pattern;

/**
 * Blanks password literals in SQL text before it goes into an exception, a log line or a history row
 * ({@code IDENTIFIED BY '...'}, {@code IDENTIFIED VIA ... USING '...'}, {@code PASSWORD('...')},
 * {@code SET PASSWORD ... = '...'}), so a failing {@code CREATE USER} migration does not leak its password.
 */
final class StatementRedaction {

    private static final String LITERAL = "'(?:[^'\\\\]|\\\\.|'')*'|\"(?:[^\"\\\\]|\\\\.|\"\")*\"";
    private static final Pattern PASSWORD_LITERAL = Pattern.compile(
            "(?i)(IDENTIFIED\\s+(?:(?:WITH|VIA)\\s+\\S+\\s+)?(?:BY|AS|USING)\\s+(?:PASSWORD\\s*)?\\(?\\s*"
                    + "|PASSWORD\\s*\\(\\s*"
                    + "|SET\\s+PASSWORD\\b[^=]*=\\s*(?:PASSWORD\\s*\\(\\s*)?)(?:" + LITERAL + ")");

    private StatementRedaction() {
    }

    static String redact(String sql) {
        return PASSWORD_LITERAL.matcher(sql).replaceAll("$1'***'");
    }
}
