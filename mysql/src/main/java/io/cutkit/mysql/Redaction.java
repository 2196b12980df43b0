package io.cutkit.mysql;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Blanks secrets in text before it goes into an exception, a log line, a {@code toString} or a
 * history row: password literals in SQL ({@code IDENTIFIED BY '...'}, {@code IDENTIFIED WITH|VIA ...
 * BY|AS|USING '...'}, {@code PASSWORD('...')}, {@code SET PASSWORD ... = '...'},
 * {@code MASTER_PASSWORD='...'}, also when a preview cuts the literal off) and passwords in JDBC URLs
 * ({@code ?password=...}, {@code user:password@host}). Used by the dump importer and the migration runner.
 */
public final class Redaction {

    private static final String MASK = "***";
    private static final String LITERAL = "'(?:[^'\\\\]|\\\\.|'')*(?:'|$)|\"(?:[^\"\\\\]|\\\\.|\"\")*(?:\"|$)";
    private static final Pattern PASSWORD_LITERAL = Pattern.compile(
            "(?i)(IDENTIFIED\\s+(?:(?:WITH|VIA)\\s+\\S+\\s+)?(?:BY|AS|USING)\\s+(?:PASSWORD\\s*)?\\(?\\s*"
                    + "|PASSWORD\\s*\\(\\s*"
                    + "|MASTER_PASSWORD\\s*=\\s*"
                    + "|SET\\s+PASSWORD\\b[^=]*=\\s*(?:PASSWORD\\s*\\(\\s*)?)(?:" + LITERAL + ")");
    private static final Pattern URL_PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;](?:password\\d*)=)[^&;#]*");
    private static final Pattern URL_USER_INFO = Pattern.compile("(//[^/?#@:]*:)[^/?#@]*@");

    private Redaction() {
    }

    /** {@code sql} with every password literal replaced by {@code '***'}. */
    public static String statement(String sql) {
        return PASSWORD_LITERAL.matcher(sql).replaceAll("$1'" + MASK + "'");
    }

    /** {@code url} with the password of its user-info part and of its {@code password=} parameters replaced by {@code ***}. */
    public static String url(String url) {
        String noUserInfo = URL_USER_INFO.matcher(url).replaceAll("$1" + MASK + "@");
        return URL_PASSWORD_PARAMETER.matcher(noUserInfo).replaceAll("$1" + MASK);
    }

    /**
     * A copy of {@code e} (state, code, stack trace) whose message has its password literals blanked:
     * the server's message may quote the statement ("near '...'").
     */
    public static SQLException sqlException(SQLException e) {
        SQLException clean = new SQLException(statement(String.valueOf(e.getMessage())), e.getSQLState(), e.getErrorCode());
        clean.setStackTrace(e.getStackTrace());
        return clean;
    }
}
