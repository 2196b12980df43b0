package io.cutkit.mysql.script;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Client scripts generated around a delimiter of every character class (punctuation, a doubled
 * semicolon, a word, a comment or quote character): statements whose strings and identifiers hold
 * the delimiter, quotes and backslashes, separated by blank and comment lines; each knows the
 * statements the {@code mariadb} client sends for it.
 */
final class GeneratedScripts {

    private GeneratedScripts() {
    }

    /** A script and the statements it holds, in order. */
    record Script(String delimiter, String text, List<String> statements) {
    }

    static Arbitrary<String> delimiters() {
        return Arbitraries.of("//", "$$", ";;", "|", "~~", "GO", "END_PROC", "@@", "%%", "!!", "^", "--", "#", "**");
    }

    static Arbitrary<Script> scripts() {
        return delimiters().flatMap(d -> statement(d).list().ofMinSize(1).ofMaxSize(6).flatMap(statements ->
                Combinators.combine(separator(d).list().ofSize(statements.size() + 1), Arbitraries.of("\n", "\r\n"))
                        .as((separators, lineEnd) -> {
                            StringBuilder b = new StringBuilder("DELIMITER ").append(d).append(lineEnd);
                            for (int i = 0; i < statements.size(); i++) {
                                b.append(separators.get(i).replace("\n", lineEnd)).append(statements.get(i)).append(' ')
                                        .append(d).append(lineEnd);
                            }
                            b.append(separators.get(statements.size()).replace("\n", lineEnd)).append("DELIMITER ;")
                                    .append(lineEnd);
                            return new Script(d, b.toString(), statements);
                        })));
    }

    /** A SELECT of literals and aliases, on one line; never holds the delimiter outside quotes. */
    private static Arbitrary<String> statement(String delimiter) {
        return item(delimiter).list().ofMinSize(1).ofMaxSize(5).map(items -> "SELECT " + String.join(", ", items));
    }

    private static Arbitrary<String> item(String delimiter) {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().withChars("abcxyz 0;").ofMaxLength(6),
                Arbitraries.of(delimiter, ";", "'", "\"", "`", "\\", "--", "#", "/*", "*/", "é", "DELIMITER ;"))
                .list().ofMaxSize(4).map(parts -> String.join("", parts));
        Arbitrary<String> single = text.map(t -> "'" + t.replace("\\", "\\\\").replace("'", "''") + "'");
        Arbitrary<String> dbl = text.map(t -> "\"" + t.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        Arbitrary<String> alias = text.map(t -> "1 AS `" + t.replace("`", "``") + "`");
        Arbitrary<String> number = Arbitraries.integers().between(0, 999).map(String::valueOf);
        return Arbitraries.oneOf(single, dbl, alias, number);
    }

    /** What may stand between statements: nothing, blank lines, line comments and block comments. */
    private static Arbitrary<String> separator(String delimiter) {
        boolean dashes = delimiter.startsWith("-");
        boolean hash = delimiter.startsWith("#");
        boolean slashStar = delimiter.startsWith("/") || delimiter.startsWith("*");
        return Arbitraries.of("", "\n", "  \n", dashes ? "\n" : "-- a comment; with words\n",
                hash ? "\n" : "# hash comment\n", slashStar ? "\n" : "/* block\n comment */\n");
    }
}
