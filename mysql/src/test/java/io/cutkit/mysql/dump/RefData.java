package io.cutkit.mysql.dump;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds {@code shared/refdata} by walking up from the working directory, and reads its manifest. */
final class RefData {

    private RefData() {
    }

    static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path candidate = p.resolve("shared").resolve("refdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("No shared/refdata folder above " + Path.of("").toAbsolutePath());
    }

    static Path dump() {
        return dir().resolve("optileads.sql.gz");
    }

    static String manifest() {
        try {
            return Files.readString(dir().resolve("manifest.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The manifest's "tables" object: table name to row count, in file order. */
    static Map<String, Long> tableRows() {
        String json = manifest();
        int at = json.indexOf("\"tables\"");
        int open = json.indexOf('{', at);
        int close = json.indexOf('}', open);
        Map<String, Long> rows = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\\d+)").matcher(json.substring(open, close));
        while (m.find()) {
            rows.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return rows;
    }

    /** A number field of the manifest's "dump" object. */
    /** The DEFINER accounts manifest.json lists for the dump, as {@code `user`@`host`}. */
    static List<String> manifestDefiners() {
        Matcher list = Pattern.compile("\"definers\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(manifest());
        if (!list.find()) {
            throw new IllegalStateException("manifest.json lists no dump definers");
        }
        List<String> definers = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1));
        while (quoted.find()) {
            definers.add(quoted.group(1));
        }
        return definers;
    }

    static long dumpNumber(String field) {
        String json = manifest();
        Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(\\d+)").matcher(json.substring(json.indexOf("\"dump\"")));
        if (!m.find()) {
            throw new IllegalStateException("manifest has no dump." + field);
        }
        return Long.parseLong(m.group(1));
    }
}
