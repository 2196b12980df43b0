package io.cutkit.gcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads single figures from refdata's manifest.json (a regex suffices for the few numbers tests compare against). */
public final class Manifest {

    private Manifest() {
    }

    private static String text() {
        try {
            return Files.readString(RefData.file("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first number under {@code "key":} after the object key {@code within}. */
    public static long number(String within, String key) {
        String text = text();
        int from = text.indexOf("\"" + within + "\"");
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(\\d+)").matcher(text);
        if (from < 0 || !m.find(from)) {
            throw new IllegalStateException("manifest.json has no " + within + "." + key);
        }
        return Long.parseLong(m.group(1));
    }

    /** The table names listed under the top-level {@code "tables"} object, in manifest order. */
    public static List<String> tableNames() {
        String text = text();
        Matcher block = Pattern.compile("\"tables\"\\s*:\\s*\\{([^}]*)\\}").matcher(text);
        if (!block.find()) {
            throw new IllegalStateException("manifest.json has no tables object");
        }
        List<String> names = new ArrayList<>();
        Matcher entry = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\d+").matcher(block.group(1));
        while (entry.find()) {
            names.add(entry.group(1));
        }
        return names;
    }

    /** The first string under {@code "key":} after the object key {@code within}. */
    public static String string(String within, String key) {
        String text = text();
        int from = text.indexOf("\"" + within + "\"");
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(text);
        if (from < 0 || !m.find(from)) {
            throw new IllegalStateException("manifest.json has no " + within + "." + key);
        }
        return m.group(1);
    }
}
