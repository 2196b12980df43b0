package io.cutkit.mysql.dump;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file a script's {@code LOAD DATA LOCAL INFILE} (or {@code LOAD XML LOCAL INFILE}) statement
 * names, which the client reads from its own directory and sends to the server; cutkit reads it from
 * the script's directory, where people run the client, and answers the server's request with it
 * ({@link LocalDataLoad}).
 */
final class ScriptLocalFile {

    private static final Pattern LOAD_LOCAL = Pattern.compile(
            "(?is)^\\s*LOAD\\s+(?:DATA|XML)\\s+(?:LOW_PRIORITY\\s+|CONCURRENT\\s+)?LOCAL\\s+INFILE\\s+'((?:[^'\\\\]|\\\\.|'')*)'");
    private static final Pattern ESCAPE = Pattern.compile("\\\\(.)|''");

    private ScriptLocalFile() {
    }

    /** The file name {@code sql} (in the connection's byte-per-char form) loads from, or empty when it is no LOCAL load. */
    static Optional<String> named(String sql) {
        Matcher m = LOAD_LOCAL.matcher(sql);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = ESCAPE.matcher(m.group(1)).replaceAll(e -> Matcher.quoteReplacement(e.group(1) == null ? "'" : e.group(1)));
        return Optional.of(new String(name.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }
}
