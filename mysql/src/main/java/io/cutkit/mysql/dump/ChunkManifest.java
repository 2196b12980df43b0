package io.cutkit.mysql.dump;

import io.cutkit.core.replication.ReplicationPosition;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The manifest of cutkit's chunk-directory snapshot format ({@value #FILE_NAME}): one database with
 * its character set and collation, then its files in load order, each with size and SHA-256, and
 * for data chunks the table, row count, and the chunk's {@link Format}: SQL {@code INSERT}
 * statements, or rows for {@code LOAD DATA} with the column list they fill. A tab-separated text
 * file, names URL-encoded. A manifest with the source's replication position at the snapshot is
 * version 3 (a {@code position} line after the database line); one without it is written as version 2,
 * as before. Version 1 manifests (every chunk SQL) are still read.
 */
public record ChunkManifest(String database, String characterSet, String collation, List<Entry> entries,
                            Optional<ReplicationPosition> position) {

    /** File name of the manifest inside a snapshot directory. */
    public static final String FILE_NAME = "cutkit-manifest.tsv";
    /** Snapshot format name used in {@link io.cutkit.core.data.Snapshot#format()}. */
    public static final String FORMAT = "cutkit-chunks";
    private static final String MAGIC_V1 = "cutkit-snapshot\t1";
    private static final String MAGIC = "cutkit-snapshot\t2";
    private static final String MAGIC_WITH_POSITION = "cutkit-snapshot\t3";

    public ChunkManifest {
        entries = List.copyOf(entries);
        java.util.Objects.requireNonNull(position, "position");
    }

    /** A manifest without a replication position. */
    public ChunkManifest(String database, String characterSet, String collation, List<Entry> entries) {
        this(database, characterSet, collation, entries, Optional.empty());
    }

    /** What a file in the snapshot holds. */
    public enum Part { SCHEMA, DATA, OBJECTS }

    /**
     * How a data chunk holds its rows. {@code SQL}: extended {@code INSERT} statements.
     * {@code LOAD_DATA}: one row per line, fields separated by tab, {@code \N} for NULL, backslash
     * escapes ({@code \\ \t \n \r \0}) and otherwise the values' bytes as the server returned
     * them on a utf8mb4 connection ({@link #LOAD_DATA_CHARACTER_SET}); binary values raw, BIT values
     * as hexadecimal digits.
     */
    public enum Format { SQL, LOAD_DATA }

    /** Character set of the text in {@link Format#LOAD_DATA} chunks, declared in their {@code LOAD DATA}. */
    public static final String LOAD_DATA_CHARACTER_SET = "utf8mb4";

    /** How a {@link Format#LOAD_DATA} field is written; BIT values are hexadecimal digits. */
    public enum ColumnKind { NUMBER, STRING, BINARY, BIT }

    /** One column a {@link Format#LOAD_DATA} chunk fills, in field order. */
    public record Column(String name, ColumnKind kind) {
        public Column {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(kind, "kind");
        }
    }

    /**
     * One file: its part, path relative to the directory, size, SHA-256, for data its table and
     * rows, and its format with, for {@link Format#LOAD_DATA}, the columns its fields fill.
     */
    public record Entry(Part part, String path, long bytes, String sha256, String table, long rows, Format format,
            List<Column> columns) {
        public Entry {
            java.util.Objects.requireNonNull(format, "format");
            columns = List.copyOf(columns);
            if (format == Format.LOAD_DATA && (part != Part.DATA || table == null || columns.isEmpty())) {
                throw new IllegalArgumentException(path + ": a LOAD DATA chunk is a data file with a table and columns");
            }
        }

        /** A file of SQL statements. */
        public Entry(Part part, String path, long bytes, String sha256, String table, long rows) {
            this(part, path, bytes, sha256, table, rows, Format.SQL, List.of());
        }

        /** This entry with another row count. */
        public Entry withRows(long newRows) {
            return new Entry(part, path, bytes, sha256, table, newRows, format, columns);
        }
    }

    /** Total rows of a table over its chunks. */
    public long rows(String table) {
        return entries.stream().filter(e -> e.part() == Part.DATA && e.table().equals(table)).mapToLong(Entry::rows).sum();
    }

    /** Writes the manifest into {@code dir}. */
    public void write(Path dir) throws IOException {
        StringBuilder b = new StringBuilder(position.isPresent() ? MAGIC_WITH_POSITION : MAGIC).append('\n');
        b.append("database\t").append(enc(database)).append('\t').append(enc(characterSet)).append('\t')
                .append(enc(collation)).append('\n');
        position.ifPresent(p -> b.append("position\t").append(p.flavour().name().toLowerCase(java.util.Locale.ROOT))
                .append('\t').append(p.gtids().isEmpty() ? "-" : p.gtids()).append('\t')
                .append(p.binlogFile().isEmpty() ? "-" : enc(p.binlogFile())).append('\t').append(p.binlogOffset())
                .append('\n'));
        for (Entry e : entries) {
            b.append(e.part().name().toLowerCase(java.util.Locale.ROOT)).append('\t').append(enc(e.path())).append('\t')
                    .append(e.bytes()).append('\t').append(e.sha256()).append('\t')
                    .append(e.table() == null ? "-" : enc(e.table())).append('\t').append(e.rows()).append('\t')
                    .append(e.format() == Format.SQL ? "sql" : "load-data").append('\t')
                    .append(e.columns().isEmpty() ? "-" : e.columns().stream()
                            .map(c -> c.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + enc(c.name()))
                            .collect(java.util.stream.Collectors.joining(",")))
                    .append('\n');
        }
        Files.writeString(dir.resolve(FILE_NAME), b.toString(), StandardCharsets.UTF_8);
    }

    /** Whether {@code dir} holds a manifest. */
    public static boolean isSnapshotDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE_NAME));
    }

    /** Reads the manifest of {@code dir}; throws {@link DumpFormatException} when it is not one. */
    public static ChunkManifest read(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(FILE_NAME), StandardCharsets.UTF_8);
        boolean v1 = !lines.isEmpty() && lines.get(0).equals(MAGIC_V1);
        boolean v3 = !lines.isEmpty() && lines.get(0).equals(MAGIC_WITH_POSITION);
        if (lines.size() < 2 || !(v1 || v3 || lines.get(0).equals(MAGIC))) {
            throw new DumpFormatException(dir.resolve(FILE_NAME) + " is not a cutkit snapshot manifest", 0, 1);
        }
        String[] db = lines.get(1).split("\t", -1);
        if (db.length != 4 || !db[0].equals("database")) {
            throw new DumpFormatException("Manifest line 2 must name the database", 0, 2);
        }
        Optional<ReplicationPosition> position = v3 ? Optional.of(position(lines)) : Optional.empty();
        List<Entry> entries = new ArrayList<>();
        for (int i = v3 ? 3 : 2; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            int expected = v1 ? 6 : 8;
            if (f.length != expected) {
                throw new DumpFormatException("Manifest line " + (i + 1) + " has " + f.length + " fields, expected "
                        + expected, 0, i + 1);
            }
            try {
                Format format = v1 || f[6].equals("sql") ? Format.SQL : Format.valueOf(f[6].replace('-', '_')
                        .toUpperCase(java.util.Locale.ROOT));
                entries.add(new Entry(Part.valueOf(f[0].toUpperCase(java.util.Locale.ROOT)), dec(f[1]),
                        Long.parseLong(f[2]), f[3], f[4].equals("-") ? null : dec(f[4]), Long.parseLong(f[5]), format,
                        v1 ? List.of() : columns(f[7])));
            } catch (IllegalArgumentException e) {
                throw new DumpFormatException("Manifest line " + (i + 1) + " is malformed (" + e.getMessage()
                        + "): export the snapshot again", 0, i + 1);
            }
        }
        return new ChunkManifest(dec(db[1]), dec(db[2]), dec(db[3]), entries, position);
    }

    private static ReplicationPosition position(List<String> lines) {
        String[] f = lines.size() < 3 ? new String[0] : lines.get(2).split("\t", -1);
        if (f.length != 5 || !f[0].equals("position")) {
            throw new DumpFormatException("Manifest line 3 must hold the replication position", 0, 3);
        }
        try {
            return new ReplicationPosition(ReplicationPosition.Flavour.valueOf(f[1].toUpperCase(java.util.Locale.ROOT)),
                    f[2].equals("-") ? "" : f[2], f[3].equals("-") ? "" : dec(f[3]), Long.parseLong(f[4]));
        } catch (IllegalArgumentException e) {
            throw new DumpFormatException("Manifest line 3 holds no valid replication position (" + e.getMessage()
                    + "): export the snapshot again", 0, 3);
        }
    }

    private static List<Column> columns(String field) {
        if (field.equals("-")) {
            return List.of();
        }
        List<Column> out = new ArrayList<>();
        for (String c : field.split(",", -1)) {
            int colon = c.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("column without a kind: " + c);
            }
            out.add(new Column(dec(c.substring(colon + 1)),
                    ColumnKind.valueOf(c.substring(0, colon).toUpperCase(java.util.Locale.ROOT))));
        }
        return out;
    }

    /** SHA-256 of a file, hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
