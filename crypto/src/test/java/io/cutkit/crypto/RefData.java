package io.cutkit.crypto;

import io.cutkit.core.secret.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Test-side access to {@code shared/refdata}: keys, manifest samples and envelopes from the dump. */
public final class RefData {

    /** A lead from manifest.json's samples. */
    public record Sample(long leadId, String email) {
    }

    private static final Pattern SAMPLE = Pattern.compile(
            "\\{\\s*\"leadId\"\\s*:\\s*(\\d+)\\s*,\\s*\"email\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*}");
    private static final String QUOTED_OR_NULL = "('(?:[^'\\\\]|\\\\.)*'|NULL)";
    private static final Pattern LEAD_ROW = Pattern.compile(
            "^\\((\\d+)," + QUOTED_OR_NULL + "," + QUOTED_OR_NULL + "," + QUOTED_OR_NULL + ",");

    private RefData() {
    }

    public static Path dir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/refdata"), dir.resolve("../shared/refdata")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        throw new IllegalStateException("shared/refdata not found above " + Path.of("").toAbsolutePath());
    }

    /** ENCRYPTION_KEY's value from {@code file} (secrets.env or wrong-key.env) as bytes. */
    public static Secret encryptionKeyText(String file) {
        byte[] content;
        try {
            content = Files.readAllBytes(dir().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            byte[] prefix = "ENCRYPTION_KEY=".getBytes(StandardCharsets.US_ASCII);
            int lineStart = 0;
            while (lineStart < content.length) {
                int end = lineStart;
                while (end < content.length && content[end] != '\n') {
                    end++;
                }
                if (end - lineStart > prefix.length
                        && Arrays.equals(content, lineStart, lineStart + prefix.length, prefix, 0, prefix.length)) {
                    int valueEnd = content[end - 1] == '\r' ? end - 1 : end;
                    return Secret.adopt(Arrays.copyOfRange(content, lineStart + prefix.length, valueEnd));
                }
                lineStart = end + 1;
            }
            throw new IllegalStateException("no ENCRYPTION_KEY in " + file);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    public static EncryptionKey key() {
        try (Secret text = encryptionKeyText("secrets.env")) {
            return EncryptionKey.fromBase64(text);
        }
    }

    public static EncryptionKey wrongKey() {
        try (Secret text = encryptionKeyText("wrong-key.env")) {
            return EncryptionKey.fromBase64(text);
        }
    }

    public static String manifest() {
        try {
            return Files.readString(dir().resolve("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        Matcher m = SAMPLE.matcher(manifest());
        while (m.find()) {
            samples.add(new Sample(Long.parseLong(m.group(1)), unescapeJson(m.group(2))));
        }
        return samples;
    }

    /** The row count manifest.json gives {@code table} under its top-level {@code "tables"} object. */
    public static long manifestTableRows(String table) {
        Matcher m = Pattern.compile("\"tables\"\\s*:\\s*\\{[^}]*\"" + Pattern.quote(table) + "\"\\s*:\\s*(\\d+)")
                .matcher(manifest());
        if (!m.find()) {
            throw new IllegalStateException("manifest.json gives no row count for table " + table);
        }
        return Long.parseLong(m.group(1));
    }

    /** Ids listed in manifest.json under {@code encryption.<listName>.<column>}. */
    public static Set<Long> manifestIds(String listName, String column) {
        String manifest = manifest();
        int list = manifest.indexOf("\"" + listName + "\"");
        int columnAt = manifest.indexOf("\"" + column + "\"", list);
        int open = manifest.indexOf('[', columnAt);
        int close = manifest.indexOf(']', open);
        Set<Long> ids = new HashSet<>();
        for (String part : manifest.substring(open + 1, close).split(",")) {
            if (!part.isBlank()) {
                ids.add(Long.parseLong(part.trim()));
            }
        }
        return ids;
    }

    /** The stored name, email and phone values of the given leads, read from the dump's INSERT rows. */
    public static Map<Long, String[]> storedLeadColumns(Set<Long> ids) {
        Map<Long, String[]> found = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(dir().resolve("optileads.sql.gz")), 1 << 16),
                StandardCharsets.UTF_8))) {
            boolean inLeads = false;
            String line;
            while ((line = reader.readLine()) != null && found.size() < ids.size()) {
                if (line.startsWith("INSERT INTO `leads` VALUES")) {
                    inLeads = true;
                    continue;
                }
                if (!line.startsWith("(")) {
                    inLeads = false;
                }
                if (inLeads) {
                    Matcher m = LEAD_ROW.matcher(line);
                    if (m.find() && ids.contains(Long.parseLong(m.group(1)))) {
                        found.put(Long.parseLong(m.group(1)), new String[] {
                            unquoteSql(m.group(2)), unquoteSql(m.group(3)), unquoteSql(m.group(4))});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static String unquoteSql(String literal) {
        if (literal.equals("NULL")) {
            return null;
        }
        String body = literal.substring(1, literal.length() - 1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length()) {
                char n = body.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case '0' -> '\0';
                    case 'Z' -> (char) 26;
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String unescapeJson(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char n = text.charAt(++i);
                if (n == 'u') {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
