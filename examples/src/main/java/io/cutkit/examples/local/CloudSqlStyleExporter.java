package io.cutkit.examples.local;

import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.core.data.SnapshotExporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Makes a local export look like what {@code gcloud sql export sql} writes: the dump starts with
 * {@code CREATE DATABASE} and {@code USE} of the exported database, so a plain import lands in the
 * source's database name whatever target it was given (field report blocker 1). Wraps a real
 * exporter of a gzip file; the header is a gzip member of its own in front (gzip readers read
 * concatenated members as one stream). Costs one extra copy of the file.
 */
public final class CloudSqlStyleExporter implements SnapshotExporter {

    private final SnapshotExporter exporter;

    /** Exports through {@code exporter}, which must write one {@code .sql.gz} file. */
    public CloudSqlStyleExporter(SnapshotExporter exporter) {
        this.exporter = Objects.requireNonNull(exporter, "exporter");
    }

    @Override
    public Snapshot export(List<String> databases, URI destination) {
        if (databases.size() != 1 || !destination.getPath().endsWith(".sql.gz")) {
            throw new IllegalArgumentException("a Cloud SQL-style export holds one database in one .sql.gz file, got "
                    + databases + " to " + destination);
        }
        Snapshot plain = exporter.export(databases, destination);
        Path file = Path.of(plain.location());
        DatabaseSpec spec = plain.databases().get(0);
        String name = "`" + spec.name().replace("`", "``") + "`";
        String head = "-- as written by a Cloud SQL export\n\nCREATE DATABASE /*!32312 IF NOT EXISTS*/ " + name
                + " /*!40100 DEFAULT CHARACTER SET " + spec.characterSet() + " COLLATE " + spec.collation() + " */;\n\nUSE "
                + name + ";\n\n";
        Path withHead = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(withHead), digest)) {
                GZIPOutputStream member = new GZIPOutputStream(out);
                member.write(head.getBytes(StandardCharsets.UTF_8));
                member.finish();
                try (InputStream in = Files.newInputStream(file)) {
                    in.transferTo(out);
                }
            }
            Files.move(withHead, file, StandardCopyOption.REPLACE_EXISTING);
            return new Snapshot(plain.location(), plain.format(), Files.size(file), HexFormat.of().formatHex(digest.digest()),
                    plain.databases(), plain.takenAt(), plain.elapsed(), plain.position());
        } catch (IOException e) {
            throw new SnapshotException("Could not write the Cloud SQL-style header into " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
