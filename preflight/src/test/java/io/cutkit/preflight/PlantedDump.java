package io.cutkit.preflight;

import io.cutkit.mysql.refdata.Refdata;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * refdata's dump with values of chosen rows of one table replaced, written as plain SQL: how a test plants legacy
 * plaintext or stray envelopes into the data a dry-run imports. Rows are the dump's one-row-per-line tuples.
 */
final class PlantedDump {

    private final String table;
    private final List<String> columns;
    private final Map<String, List<Consumer<List<String>>>> edits = new HashMap<>();

    private PlantedDump(String table, List<String> columns) {
        this.table = table;
        this.columns = columns;
    }

    /** Edits of {@code table}, whose columns in dump order manifest.json lists under {@code table.columns}. */
    static PlantedDump ofTable(String table) {
        List<String> columns = new ArrayList<>();
        Refdata.at(table, "columns").forEach(c -> columns.add(c.path("name").asString()));
        return new PlantedDump(table, columns);
    }

    /** Sets {@code column} of row {@code id} to the string {@code value}. */
    PlantedDump set(long id, String column, String value) {
        int index = index(column);
        String escaped = "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
        // the dump is read and written byte for byte as ISO-8859-1, so the literal goes in as its UTF-8 bytes
        String literal = new String(escaped.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        return edit(id, values -> values.set(index, literal));
    }

    /** Copies row {@code id}'s value of {@code from} into its {@code to}. */
    PlantedDump copy(long id, String from, String to) {
        int source = index(from);
        int target = index(to);
        return edit(id, values -> values.set(target, values.get(source)));
    }

    /** Writes the planted dump into {@code directory}. */
    Path write(Path directory) {
        Path out = directory.resolve("planted-" + Refdata.dump().getFileName().toString().replace(".gz", ""));
        String insert = "INSERT INTO `" + table + "` VALUES";
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Refdata.dump()), 1 << 16), StandardCharsets.ISO_8859_1), 1 << 16);
             BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.ISO_8859_1)) {
            boolean inRows = false;
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(insert)) {
                    inRows = true;
                } else if (inRows && line.startsWith("(")) {
                    line = planted(line);
                    inRows = !line.endsWith(";");
                }
                writer.write(line);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private String planted(String row) {
        List<Consumer<List<String>>> rowEdits = edits.get(row.substring(1, row.indexOf(',')));
        if (rowEdits == null) {
            return row;
        }
        List<String> values = new ArrayList<>();
        int i = 1;
        while (true) {
            int start = i;
            if (row.charAt(i) == '\'') {
                for (i++; row.charAt(i) != '\''; i++) {
                    if (row.charAt(i) == '\\') {
                        i++;
                    }
                }
                i++;
            } else {
                while (row.charAt(i) != ',' && row.charAt(i) != ')') {
                    i++;
                }
            }
            values.add(row.substring(start, i));
            if (row.charAt(i) == ')') {
                break;
            }
            i++;
        }
        rowEdits.forEach(e -> e.accept(values));
        return "(" + String.join(",", values) + row.substring(i);
    }

    private PlantedDump edit(long id, Consumer<List<String>> edit) {
        edits.computeIfAbsent(String.valueOf(id), k -> new ArrayList<>()).add(edit);
        return this;
    }

    private int index(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException(table + " has no column " + column + " in manifest.json: " + columns);
        }
        return index;
    }
}
