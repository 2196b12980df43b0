package io.cutkit.core.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Many named secrets from an env file: {@code NAME=value} lines, blank lines and {@code #} comment
 * lines ignored, an optional {@code export } prefix, and values optionally wrapped in matching
 * single or double quotes. Values are parsed as bytes and never become strings. The file must not
 * be world-readable. {@link #close()} zeroes every value.
 *
 * <pre>{@code
 * try (EnvFile env = EnvFile.read(Path.of("secrets.env"))) {
 *     for (String name : env.names()) {
 *         pipe.move(name, env.source(name), sinkFor(name));
 *     }
 * }
 * }</pre>
 */
public final class EnvFile implements AutoCloseable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final byte[] EXPORT = "export ".getBytes(StandardCharsets.US_ASCII);

    private final Path path;
    private final Map<String, Secret> values;

    private EnvFile(Path path, Map<String, Secret> values) {
        this.path = path;
        this.values = values;
    }

    /**
     * Reads and parses {@code path}.
     *
     * @throws SecretException when the file is world-readable, unreadable, or a line is not
     *     {@code NAME=value} (the message gives the line number, never the line)
     */
    public static EnvFile read(Path path) {
        SecretFiles.requireNotWorldReadable(path);
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new SecretException("Cannot read env file " + path + ": " + e.getClass().getSimpleName(), e);
        }
        try {
            return new EnvFile(path, parse(path, content));
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private static Map<String, Secret> parse(Path path, byte[] content) {
        Map<String, Secret> values = new LinkedHashMap<>();
        int lineNumber = 0;
        int start = 0;
        while (start < content.length) {
            lineNumber++;
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && content[end - 1] == '\r' ? end - 1 : end;
            parseLine(path, content, start, lineEnd, lineNumber, values);
            start = end + 1;
        }
        return values;
    }

    private static void parseLine(Path path, byte[] content, int from, int to, int lineNumber, Map<String, Secret> values) {
        while (from < to && (content[from] == ' ' || content[from] == '\t')) {
            from++;
        }
        if (from == to || content[from] == '#') {
            return;
        }
        if (startsWith(content, from, to, EXPORT)) {
            from += EXPORT.length;
        }
        int equals = from;
        while (equals < to && content[equals] != '=') {
            equals++;
        }
        String name = new String(content, from, equals - from, StandardCharsets.US_ASCII).trim();
        if (equals == to || !NAME.matcher(name).matches()) {
            throw new SecretException("Env file " + path + " line " + lineNumber + " is not NAME=value; "
                    + "fix that line (names are letters, digits and underscores).");
        }
        if (values.containsKey(name)) {
            throw new SecretException("Env file " + path + " sets " + name + " twice (again on line " + lineNumber
                    + "); keep one line so it is clear which value is meant.");
        }
        int valueFrom = equals + 1;
        int valueTo = to;
        if (valueTo - valueFrom >= 2 && (content[valueFrom] == '"' || content[valueFrom] == '\'')
                && content[valueTo - 1] == content[valueFrom]) {
            valueFrom++;
            valueTo--;
        }
        values.put(name, Secret.adopt(Arrays.copyOfRange(content, valueFrom, valueTo)));
    }

    private static boolean startsWith(byte[] content, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The names in file order. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** Whether the file sets {@code name}. */
    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** A source reading {@code name} from this file; each read returns a copy the caller closes. */
    public SecretSource source(String name) {
        if (!values.containsKey(name)) {
            throw new SecretException("Env file " + path + " does not set " + name + "; it sets " + names() + ".");
        }
        return new SecretSource() {
            @Override
            public String description() {
                return "envfile:" + path.getFileName() + "#" + name;
            }

            @Override
            public Secret read() {
                Secret value = values.get(name);
                if (value == null || value.isClosed()) {
                    throw new SecretException("Env file " + path + " was closed; read it again.");
                }
                return Secret.copyOf(value.copyBytes());
            }
        };
    }

    /** Zeroes every value read from the file. */
    @Override
    public void close() {
        values.values().forEach(Secret::close);
    }

    @Override
    public String toString() {
        return "EnvFile[" + path + ", names=" + Collections.unmodifiableSet(values.keySet()) + "]";
    }
}
