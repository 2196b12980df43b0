package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.QuotedText;
import io.cutkit.mysql.script.StatementHead;

/**
 * Rewrites the database part of qualified names ({@code `db`.`t`}, {@code db.t}, {@code `db`.`t`.`c`}) in a
 * SQL text, leaving string literals, comments and every other identifier alone; the text of executable
 * comments ({@code /*!50003 ...*}{@code /}) is SQL and is rewritten. MariaDB prints a view's body with its
 * own database in every name when it cannot open the view's tables as the definer (a DEFINER account
 * missing on the source, common mid-migration), and scripts name their own database in view, routine,
 * trigger and event bodies: such names would tie the copy to the source's database name.
 *
 * <p>A bare {@code a.b} is taken as database and table: a table alias spelled like the database is
 * rewritten too (the object then fails when created, it does not silently read elsewhere).
 */
final class QualifiedNames {

    /** A rewritten text and how many qualifiers it changed. */
    record Requalified(String sql, int rewrites) {
    }

    private QualifiedNames() {
    }

    /**
     * Replaces the qualifier {@code database} with {@code replacement}, or removes it when
     * {@code replacement} is null. Costs one pass over {@code sql}.
     */
    static String replace(String sql, String database, String replacement) {
        return requalify(sql, database, replacement).sql();
    }

    /**
     * Replaces the qualifier {@code database} (backquoted or bare) with {@code replacement} in the same
     * form where the name allows it (bare only when {@code replacement} needs no quotes), or removes it
     * when {@code replacement} is null; counts the replacements. Costs one pass over {@code sql}.
     */
    static Requalified requalify(String sql, String database, String replacement) {
        StringBuilder out = new StringBuilder(sql.length());
        int rewrites = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = QuotedText.end(sql, i);
            } else if (c == '#' || sql.startsWith("--", i)
                    && (i + 2 == sql.length() || Character.isWhitespace(sql.charAt(i + 2)))) {
                end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
            } else if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
                end = sql.indexOf('!', i) + 1; // the content of an executable comment is SQL
            } else if (sql.startsWith("/*", i)) {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? sql.length() : end + 2;
            } else if (c == '`' || isNameChar(c)) {
                boolean quoted = c == '`';
                end = quoted ? QuotedText.end(sql, i) : endOfBareName(sql, i);
                String name = quoted ? sql.substring(i + 1, end - 1).replace("``", "`") : sql.substring(i, end);
                boolean qualifies = end + 1 < sql.length() && sql.charAt(end) == '.'
                        && (sql.charAt(end + 1) == '`' || isNameChar(sql.charAt(end + 1)))
                        && (i == 0 || sql.charAt(i - 1) != '.');
                if (qualifies && name.equals(database)) {
                    if (replacement != null) {
                        out.append(quoted || !isBareName(replacement) ? StatementHead.quote(replacement) : replacement)
                                .append('.');
                    }
                    rewrites++;
                    i = end + 1;
                    continue;
                }
            } else {
                end = i + 1;
            }
            out.append(sql, i, end);
            i = end;
        }
        return new Requalified(out.toString(), rewrites);
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$' || c >= 0x80;
    }

    private static boolean isBareName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> isNameChar((char) c)) && !name.chars().allMatch(Character::isDigit);
    }

    private static int endOfBareName(String sql, int start) {
        int i = start;
        while (i < sql.length() && isNameChar(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
