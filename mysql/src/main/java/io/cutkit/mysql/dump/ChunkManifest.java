package io.cutkit.mysql.dump;

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

/**
 * The manifest of cutkit's chunk-directory snapshot format ({@value #FILE_NAME}): one database with
 * its character set and collation, then its files in load order, each with size and SHA-256, and
 * for data chunks the table and row count. A tab-separated text file, names URL-encoded.
 */
public record ChunkManifest(String database, String characterSet, String collation, List<Entry> entries) {

    /** File name of the manifest inside a snapshot directory. */
    public static final String FILE_NAME = "cutkit-manifest.tsv";
    /** Snapshot format name used in {@link io.cutkit.core.data.Snapshot#format()}. */
    public static final String FORMAT = "cutkit-chunks";
    private static final String MAGIC = "cutkit-snapshot\t1";

    public ChunkManifest {
        entries = List.copyOf(entries);
    }

    /** What a file in the snapshot holds. */
    public enum Part { SCHEMA, DATA, OBJECTS }

    /** One file: its part, path relative to the directory, size, SHA-256, and for data its table and rows. */
    public record Entry(Part part, String path, long bytes, String sha256, String table, long rows) {
    }

    /** Total rows of a table over its chunks. */
    public long rows(String table) {
        return entries.stream().filter(e -> e.part() == Part.DATA && e.table().equals(table)).mapToLong(Entry::rows).sum();
    }

    /** Writes the manifest into {@code dir}. */
    public void write(Path dir) throws IOException {
        StringBuilder b = new StringBuilder(MAGIC).append('\n');
        b.append("database\t").append(enc(database)).append('\t').append(enc(characterSet)).append('\t')
                .append(enc(collation)).append('\n');
        for (Entry e : entries) {
            b.append(e.part().name().toLowerCase(java.util.Locale.ROOT)).append('\t').append(enc(e.path())).append('\t')
                    .append(e.bytes()).append('\t').append(e.sha256()).append('\t')
                    .append(e.table() == null ? "-" : enc(e.table())).append('\t').append(e.rows()).append('\n');
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
        if (lines.size() < 2 || !lines.get(0).equals(MAGIC)) {
            throw new DumpFormatException(dir.resolve(FILE_NAME) + " is not a cutkit snapshot manifest", 0, 1);
        }
        String[] db = lines.get(1).split("\t", -1);
        if (db.length != 4 || !db[0].equals("database")) {
            throw new DumpFormatException("Manifest line 2 must name the database", 0, 2);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 2; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            String[] f = lines.get(i).split("\t", -1);
            if (f.length != 6) {
                throw new DumpFormatException("Manifest line " + (i + 1) + " has " + f.length + " fields, expected 6", 0, i + 1);
            }
            entries.add(new Entry(Part.valueOf(f[0].toUpperCase(java.util.Locale.ROOT)), dec(f[1]), Long.parseLong(f[2]),
                    f[3], f[4].equals("-") ? null : dec(f[4]), Long.parseLong(f[5])));
        }
        return new ChunkManifest(dec(db[1]), dec(db[2]), dec(db[3]), entries);
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
