package io.cutkit.crypto;

import io.cutkit.core.secret.Secret;
import io.cutkit.mysql.refdata.Refdata;
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
import java.util.zip.GZIPInputStream;

/** Test-side access to {@code shared/refdata}: keys, manifest samples and envelopes from the dump. */
public final class RefData {

    /** A lead from manifest.json's samples. */
    public record Sample(long leadId, String email) {
    }

    private RefData() {
    }

    public static Path dir() {
        return Refdata.dir();
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

    public static List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        Refdata.at("samples").forEach(s -> samples.add(new Sample(s.path("leadId").asLong(), s.path("email").asString())));
        return samples;
    }

    /** The row count manifest.json gives {@code table} under its top-level {@code "tables"} object. */
    public static long manifestTableRows(String table) {
        return Refdata.number("tables", table);
    }

    /** Ids listed in manifest.json under {@code encryption.<listName>.<column>}. */
    public static Set<Long> manifestIds(String listName, String column) {
        Set<Long> ids = new HashSet<>();
        Refdata.at("encryption", listName, column).forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    /** The table of the encrypted columns (manifest encryption.columns are {@code table.column}). */
    public static String encryptedTable() {
        return Refdata.at("encryption", "columns").get(0).asString().split("\\.")[0];
    }

    /** The encrypted columns' names, in manifest order. */
    public static List<String> encryptedColumns() {
        List<String> columns = new ArrayList<>();
        Refdata.at("encryption", "columns").forEach(c -> columns.add(c.asString().split("\\.")[1]));
        return columns;
    }

    /**
     * The stored name, email and phone values (in that order) of the given leads, read from the dump's
     * one-row-per-line INSERT rows; the columns' positions come from the manifest's column list.
     */
    public static Map<Long, String[]> storedLeadColumns(Set<Long> ids) {
        List<String> order = new ArrayList<>();
        Refdata.at("leads", "columns").forEach(c -> order.add(c.path("name").asString()));
        int[] wanted = {order.indexOf("name"), order.indexOf("email"), order.indexOf("phone")};
        Map<Long, String[]> found = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Refdata.dump()), 1 << 16),
                StandardCharsets.UTF_8))) {
            String insert = "INSERT INTO " + Refdata.quote(encryptedTable()) + " VALUES";
            boolean inLeads = false;
            String line;
            while ((line = reader.readLine()) != null && found.size() < ids.size()) {
                if (line.startsWith(insert)) {
                    inLeads = true;
                    continue;
                }
                if (!line.startsWith("(")) {
                    inLeads = false;
                }
                if (inLeads) {
                    List<String> values = rowValues(line);
                    long id = Long.parseLong(values.get(order.indexOf("id")));
                    if (ids.contains(id)) {
                        found.put(id, new String[] {
                            unquoteSql(values.get(wanted[0])), unquoteSql(values.get(wanted[1])), unquoteSql(values.get(wanted[2]))});
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    /** The literals of one {@code (v1,v2,...)} row line, strings still quoted. */
    private static List<String> rowValues(String line) {
        List<String> values = new ArrayList<>();
        int start = 1;
        boolean quoted = false;
        for (int i = 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    quoted = false;
                }
            } else if (c == '\'') {
                quoted = true;
            } else if (c == ',' || c == ')') {
                values.add(line.substring(start, i));
                start = i + 1;
                if (c == ')') {
                    break;
                }
            }
        }
        return values;
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

}
