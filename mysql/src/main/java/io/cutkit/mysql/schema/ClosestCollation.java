package io.cutkit.mysql.schema;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Picks, among a server's collations of one character set, the one nearest to a missing collation:
 * same case sensitivity first, then accent sensitivity, then language, then the nearest Unicode
 * algorithm generation (MySQL's {@code 0900} and MariaDB's {@code uca1400} count as one).
 */
final class ClosestCollation {

    private static final Set<String> SENSITIVITY = Set.of("ai", "as", "ci", "cs", "ks", "bin");
    private static final Set<String> ALGORITHM = Set.of("0900", "uca1400", "520", "unicode", "general", "nopad", "mysql561");

    private ClosestCollation() {
    }

    static Optional<String> among(String missing, String characterSet, Collection<String> available) {
        List<String> wanted = tokens(missing, characterSet);
        return available.stream()
                .filter(name -> name.startsWith(characterSet + "_"))
                .max(Comparator.<String>comparingInt(name -> score(wanted, tokens(name, characterSet)))
                        .thenComparing(Comparator.comparingInt(String::length).reversed())
                        .thenComparing(Comparator.<String>reverseOrder()));
    }

    private static int score(List<String> wanted, List<String> candidate) {
        int score = 0;
        if (caseSensitive(wanted) == caseSensitive(candidate)) {
            score += 16;
        }
        if (accentSensitive(wanted) == accentSensitive(candidate)) {
            score += 8;
        }
        if (language(wanted).equals(language(candidate))) {
            score += 4;
        }
        if (sensitivityTokens(wanted).equals(sensitivityTokens(candidate))) {
            score += 2;
        }
        score += 3 - Math.min(3, Math.abs(generation(wanted) - generation(candidate)));
        return score;
    }

    private static boolean caseSensitive(List<String> tokens) {
        return tokens.contains("cs") || tokens.contains("bin");
    }

    /** Legacy {@code _ci} collations ignore accents; {@code _cs} and {@code _bin} ones do not. */
    private static boolean accentSensitive(List<String> tokens) {
        if (tokens.contains("ai")) {
            return false;
        }
        return tokens.contains("as") || caseSensitive(tokens);
    }

    private static List<String> tokens(String collation, String characterSet) {
        String rest = collation.startsWith(characterSet + "_") ? collation.substring(characterSet.length() + 1) : collation;
        return Arrays.asList(rest.split("_"));
    }

    private static List<String> sensitivity(List<String> tokens) {
        return tokens.stream().filter(SENSITIVITY::contains).toList();
    }

    private static List<String> sensitivityTokens(List<String> tokens) {
        return tokens.stream().filter(SENSITIVITY::contains).toList();
    }

    private static List<String> language(List<String> tokens) {
        return tokens.stream().filter(token -> !SENSITIVITY.contains(token) && !ALGORITHM.contains(token)).toList();
    }

    /** Unicode Collation Algorithm generation: 3 for UCA 9.0/14.0, 2 for 5.2, 1 for 4.0, 0 otherwise. */
    private static int generation(List<String> tokens) {
        if (tokens.contains("0900") || tokens.contains("uca1400")) {
            return 3;
        }
        if (tokens.contains("520")) {
            return 2;
        }
        return tokens.contains("unicode") ? 1 : 0;
    }
}
