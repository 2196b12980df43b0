package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;

/**
 * Rewrites the database part of backquoted qualified names ({@code `db`.`t`}, {@code `db`.`t`.`c`}) in a
 * SQL text, leaving string literals and every other identifier alone. MariaDB prints a view's body with
 * its own database in every name when it cannot open the view's tables as the definer (a DEFINER
 * account missing on the source, common mid-migration); such a body would tie the copy to the
 * source's database name.
 */
final class QualifiedNames {

    private QualifiedNames() {
    }

    /**
     * Replaces {@code `database`.} before a backquoted name with {@code `replacement`.}, or removes
     * it when {@code replacement} is null. Costs one pass over {@code sql}.
     */
    static String replace(String sql, String database, String replacement) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = endOfLiteral(sql, i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '`') {
                int end = endOfIdentifier(sql, i);
                String name = sql.substring(i + 1, end - 1).replace("``", "`");
                boolean qualifies = end + 1 < sql.length() && sql.charAt(end) == '.' && sql.charAt(end + 1) == '`';
                if (qualifies && name.equals(database)) {
                    if (replacement != null) {
                        out.append(StatementHead.quote(replacement)).append('.');
                    }
                    i = end + 1;
                } else {
                    out.append(sql, i, end);
                    i = end;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static int endOfLiteral(String sql, int start) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\') {
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

    private static int endOfIdentifier(String sql, int start) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == '`') {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
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
