package io.cutkit.mysql.migration;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a MySQL script into statements the way the {@code mysql} client does: honours {@code DELIMITER}
 * lines (for triggers and procedures), quotes ({@code '}, {@code "}, backticks, with backslash and doubled
 * escapes) and comments ({@code -- }, {@code #}, block comments). Comment-only pieces are dropped;
 * block comments inside a statement are kept, so MySQL's {@code /*! ... *}{@code /} conditionals still work.
 */
final class SqlScript {

    private SqlScript() {
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean hasCode = false;
        String delimiter = ";";
        int i = 0;
        int n = script.length();
        boolean lineStart = true;
        while (i < n) {
            if (lineStart) {
                int lineEnd = script.indexOf('\n', i);
                String line = script.substring(i, lineEnd < 0 ? n : lineEnd).strip();
                if (line.regionMatches(true, 0, "DELIMITER", 0, 9) && line.length() > 9
                        && Character.isWhitespace(line.charAt(9)) && !hasCode) {
                    delimiter = line.substring(10).strip();
                    if (delimiter.isEmpty()) {
                        throw new IllegalArgumentException("DELIMITER without a delimiter");
                    }
                    i = lineEnd < 0 ? n : lineEnd + 1;
                    current.setLength(0);
                    continue;
                }
                lineStart = false;
            }
            char c = script.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int end = skipQuoted(script, i, c);
                current.append(script, i, end);
                hasCode = true;
                i = end;
                continue;
            }
            if (c == '#' || (c == '-' && script.startsWith("--", i) && (i + 2 >= n || Character.isWhitespace(script.charAt(i + 2))))) {
                int end = script.indexOf('\n', i);
                i = end < 0 ? n : end;
                continue;
            }
            if (c == '/' && script.startsWith("/*", i)) {
                int end = script.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                boolean conditional = script.startsWith("/*!", i) || script.startsWith("/*M!", i);
                if (conditional || hasCode) {
                    current.append(script, i, end);
                    hasCode |= conditional;
                }
                i = end;
                continue;
            }
            if (script.startsWith(delimiter, i)) {
                if (hasCode) {
                    out.add(current.toString().strip());
                }
                current.setLength(0);
                hasCode = false;
                i += delimiter.length();
                continue;
            }
            if (c == '\n') {
                lineStart = true;
            } else if (!Character.isWhitespace(c)) {
                hasCode = true;
            }
            if (hasCode || !Character.isWhitespace(c)) {
                current.append(c);
            }
            i++;
        }
        if (hasCode) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static int skipQuoted(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
                continue;
            }
            if (c == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }
}
