package io.cutkit.mysql.preflight;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reserved words of one server flavour ({@code mysql-8.0}, {@code mysql-8.4}, {@code mariadb-11.4}),
 * read from the resource files {@code io/cutkit/mysql/preflight/reserved-words/FLAVOUR.txt} (one word a line,
 * {@code #} lines skipped). The MySQL lists follow the manuals' reserved words, checked against the lists the
 * server generates; the MariaDB list is held to a real MariaDB 11.4 server by a test. Each file's head and
 * docs/dry-run.md say where each list was taken from.
 */
public final class ReservedWords {

    private final String flavor;
    private final Set<String> words;

    private ReservedWords(String flavor, Set<String> words) {
        this.flavor = flavor;
        this.words = Set.copyOf(words);
    }

    /** The reserved words of {@code flavor}; throws {@link IllegalArgumentException} for a flavour without a list. */
    public static ReservedWords of(String flavor) {
        String resource = "reserved-words/" + flavor + ".txt";
        try (InputStream in = ReservedWords.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No reserved-word list for flavour " + flavor);
            }
            Set<String> words = new TreeSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> words.add(l.toUpperCase(Locale.ROOT)));
            return new ReservedWords(flavor, words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The flavour these words belong to. */
    public String flavor() {
        return flavor;
    }

    /** Every word of the list, in upper case and sorted. */
    public Set<String> words() {
        return new TreeSet<>(words);
    }

    /** Whether {@code word} is reserved, in any letter case. */
    public boolean contains(String word) {
        return words.contains(word.toUpperCase(Locale.ROOT));
    }

    /** The words reserved here that {@code baseline} does not reserve (what code accepted there may trip on here). */
    public Set<String> notIn(ReservedWords baseline) {
        Set<String> result = new TreeSet<>(words);
        result.removeAll(baseline.words);
        return result;
    }
}
