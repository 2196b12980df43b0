package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.core.data.SnapshotExporter;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.mysql.replication.SnapshotPositions;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

/**
 * Takes one consistent snapshot of databases over JDBC, reading on several connections in parallel
 * across tables and primary-key ranges, and writes either a mysqldump-compatible {@code .sql} /
 * {@code .sql.gz} file (chosen by the destination's name) that the {@code mysql} / {@code mariadb}
 * clients load, or, for any other destination, a directory of chunk files with a
 * {@link ChunkManifest} (row counts, SHA-256) for {@link JdbcSnapshotImporter}'s checked parallel load;
 * chunks are in {@link ChunkManifest.Format#LOAD_DATA} form by default (smaller than INSERTs, binary
 * values raw instead of hex, and about a third faster to load), see {@link Builder#chunkFormat}.
 *
 * <p><b>Consistency.</b> A coordinator connection takes {@code FLUSH TABLES WITH READ LOCK}; while
 * it is held every worker connection runs {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} and the
 * schema is read; then the lock is released (typically after milliseconds). All workers therefore
 * read the same point in time for InnoDB tables, on MySQL and on MariaDB alike (the way mydumper
 * coordinates its threads). Non-transactional tables (MyISAM, Aria) are only consistent at the
 * lock's instant and may change while they are read. DDL run during the export breaks the snapshot:
 * MySQL and MariaDB then fail the reading statement (error 1412), and the export fails. When the
 * account may not take the lock (no RELOAD privilege, e.g. some managed instances), the export falls
 * back to a single connection and a single transaction: still consistent, not parallel.
 *
 * <p><b>Replication position.</b> When the source writes a binary log, the snapshot records the
 * position it was taken at ({@link Snapshot#position()}, and the chunk manifest): read while the lock
 * is held (MariaDB {@code @@gtid_binlog_pos}; MySQL {@code gtid_executed}, or the binary log file and
 * offset without GTIDs), or, without the lock, from MariaDB's {@code Binlog_snapshot_file/position}
 * of the reading transaction. A replica started there misses and repeats nothing. MySQL without the
 * lock gives no position.
 *
 * <p>Rows are streamed (the driver's row-by-row result sets, no buffering of tables), values are
 * copied as the server's text bytes (strings escaped, binary as hex), statements are at most
 * {@code statementBytes} long. Views, triggers, routines and events are included with their
 * sql_mode and character set; DEFINERs are kept, stripped or rewritten ({@link DefinerPolicy}).
 * Costs one full read of the data; memory is bounded by one statement per worker. Throws
 * {@link SnapshotException} on failure, after removing the partial destination. A single file is
 * assembled beside its destination and renamed into place in one atomic move, so a process killed at
 * any moment never leaves a partial file under the destination's name.
 */
public final class JdbcSnapshotExporter implements SnapshotExporter {

    private static final String HEADER = """
            /*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
            /*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
            /*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
            /*!40101 SET NAMES utf8mb4 */;
            /*!40103 SET @OLD_TIME_ZONE=@@TIME_ZONE */;
            /*!40103 SET TIME_ZONE='+00:00' */;
            /*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
            /*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
            /*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
            /*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;

            """;
    private static final String FOOTER = """

            /*!40103 SET TIME_ZONE=@OLD_TIME_ZONE */;
            /*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
            /*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
            /*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
            /*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
            /*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
            /*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
            /*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

            """;

    private static final long CHUNK_DATA_BYTES = 64L << 20;
    /** Progress is reported at most this often, besides the first rows and the end. */
    private static final long REPORT_INTERVAL_NANOS = 250_000_000L;

    private final ServerAddress server;
    private final int workers;
    private final DefinerPolicy definers;
    private final long chunkRows;
    private final int statementBytes;
    private final Consumer<ExportProgress> progress;
    private final ChunkManifest.Format chunkFormat;

    private JdbcSnapshotExporter(Builder b) {
        this.server = b.server;
        this.workers = b.workers;
        this.definers = b.definers;
        this.chunkRows = b.chunkRows;
        this.statementBytes = b.statementBytes;
        this.progress = b.progress;
        this.chunkFormat = b.chunkFormat;
    }

    /** An exporter reading from {@code server}. */
    public static Builder builder(ServerAddress server) {
        return new Builder(server);
    }

    @Override
    public Snapshot export(List<String> databases, URI destination) {
        if (databases.isEmpty()) {
            throw new SnapshotException("Name at least one database to export");
        }
        if (!"file".equals(destination.getScheme())) {
            throw new SnapshotException("JdbcSnapshotExporter writes local files only, not " + destination);
        }
        Path dest = Path.of(destination);
        String fileName = dest.getFileName().toString();
        boolean gzip = fileName.endsWith(".sql.gz");
        boolean singleFile = gzip || fileName.endsWith(".sql");
        if (Files.exists(dest) && !(Files.isDirectory(dest) && isEmptyDirectory(dest))) {
            throw new SnapshotException(dest + " already exists; export into a new file or an empty directory");
        }
        if (!singleFile && databases.size() != 1) {
            throw new SnapshotException("A chunk directory holds one database; export " + databases
                    + " into one directory each, or into a single .sql/.sql.gz file");
        }
        Path work = singleFile ? dest.resolveSibling("." + fileName + ".cutkit-parts") : dest;
        try {
            Snapshot s = run(databases, dest, work, singleFile, gzip);
            if (singleFile) {
                deleteTree(work);
            }
            return s;
        } catch (RuntimeException | Error e) {
            deleteTree(work);
            deleteTree(dest);
            throw e;
        }
    }

    private Snapshot run(List<String> names, Path dest, Path work, boolean singleFile, boolean gzip) {
        long started = System.nanoTime();
        Instant takenAt = Instant.now();
        try (HikariDataSource pool = server.pool(null, workers + 1, false)) {
            List<Connection> readers = new ArrayList<>();
            try (Connection coordinator = pool.getConnection()) {
                boolean locked = lock(coordinator);
                int n = locked ? workers : 1;
                for (int i = 0; i < n; i++) {
                    Connection c = pool.getConnection();
                    readers.add(c);
                    try (Statement s = c.createStatement()) {
                        s.execute("SET NAMES utf8mb4");
                        s.execute("SET SESSION time_zone = '+00:00'");
                        s.execute("SET SESSION net_write_timeout = 3600");
                        s.execute("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                        s.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
                    }
                }
                // under the lock nothing commits, so this is the position every reader's snapshot is at
                Optional<ReplicationPosition> position = locked ? SnapshotPositions.underReadLock(coordinator)
                        : SnapshotPositions.ofTransaction(readers.get(0));
                List<SchemaReader.Database> dbs = new ArrayList<>();
                for (String name : names) {
                    dbs.add(SchemaReader.read(readers.get(0), name));
                }
                if (locked) {
                    try (Statement s = coordinator.createStatement()) {
                        s.execute("UNLOCK TABLES");
                    }
                }
                Files.createDirectories(work);
                List<Chunk> chunks = plan(readers.get(0), dbs, work, singleFile, gzip);
                readAll(readers, chunks, started, dbs);
                Snapshot snapshot = singleFile
                        ? assemble(dbs, chunks, dest, work, gzip, takenAt, started, position)
                        : writeDirectory(dbs.get(0), chunks, dest, takenAt, started, position);
                for (Connection c : readers) {
                    try (Statement s = c.createStatement()) {
                        s.execute("COMMIT");
                    }
                }
                return snapshot;
            } finally {
                for (Connection c : readers) {
                    try {
                        c.close();
                    } catch (SQLException ignored) {
                        // the pool discards it
                    }
                }
            }
        } catch (SQLException e) {
            throw new SnapshotException("Export of " + names + " failed: " + e.getMessage()
                    + "; the partial destination was removed", e);
        } catch (IOException e) {
            throw new SnapshotException("Cannot write the export to " + dest + ": " + e.getMessage()
                    + "; the partial destination was removed", e);
        }
    }

    private static boolean lock(Connection coordinator) {
        try (Statement s = coordinator.createStatement()) {
            s.execute("FLUSH TABLES WITH READ LOCK");
            return true;
        } catch (SQLException notPermitted) {
            return false;
        }
    }

    /** One primary-key range of one table and the file it goes to. */
    private static final class Chunk {
        final SchemaReader.Table table;
        final int index;
        final String lower;
        final String upper;
        final Path file;
        final long estimatedRows;
        final ChunkManifest.Format format;
        long rows;
        long bytes;
        String sha256;

        Chunk(SchemaReader.Table table, int index, String lower, String upper, Path file, long estimatedRows,
                ChunkManifest.Format format) {
            this.table = table;
            this.format = format;
            this.index = index;
            this.lower = lower;
            this.upper = upper;
            this.file = file;
            this.estimatedRows = estimatedRows;
        }
    }

    private List<Chunk> plan(Connection c, List<SchemaReader.Database> dbs, Path work, boolean singleFile, boolean gzip)
            throws SQLException, IOException {
        List<Chunk> chunks = new ArrayList<>();
        Path dataDir = singleFile ? work : work.resolve("data");
        Files.createDirectories(dataDir);
        int tableNo = 0;
        for (SchemaReader.Database db : dbs) {
            for (SchemaReader.Table t : db.tables()) {
                tableNo++;
                String base = String.format("%04d-%s", tableNo, t.name().replaceAll("[^A-Za-z0-9_-]", "_"));
                // statistics can lag far behind a fresh load, so the table's size on disk also sets a floor
                long pieces = Math.max(1, Math.max((t.estimatedRows() + chunkRows - 1) / chunkRows,
                        t.dataBytes() / CHUNK_DATA_BYTES));
                List<String[]> ranges = new ArrayList<>();
                if (t.integralKey() && pieces > 1) {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MIN("
                            + StatementHead.quote(t.primaryKey().get(0)) + "), MAX(" + StatementHead.quote(t.primaryKey().get(0))
                            + ") FROM " + t.qualified())) {
                        rs.next();
                        java.math.BigInteger min = rs.getBigDecimal(1) == null ? null : rs.getBigDecimal(1).toBigInteger();
                        java.math.BigInteger max = rs.getBigDecimal(2) == null ? null : rs.getBigDecimal(2).toBigInteger();
                        if (min != null) {
                            java.math.BigInteger span = max.subtract(min).add(java.math.BigInteger.ONE);
                            java.math.BigInteger step = span.divide(java.math.BigInteger.valueOf(pieces)).max(java.math.BigInteger.ONE);
                            String lower = null;
                            java.math.BigInteger bound = min.add(step);
                            while (bound.compareTo(max) <= 0) {
                                ranges.add(new String[] {lower, bound.toString()});
                                lower = bound.toString();
                                bound = bound.add(step);
                            }
                            ranges.add(new String[] {lower, null});
                        }
                    }
                }
                if (ranges.isEmpty()) {
                    ranges.add(new String[] {null, null});
                }
                // spatial values have no safe LOAD DATA form, so such a table keeps INSERT chunks
                ChunkManifest.Format format = !singleFile && chunkFormat == ChunkManifest.Format.LOAD_DATA
                        && t.loadDataSafe() ? ChunkManifest.Format.LOAD_DATA : ChunkManifest.Format.SQL;
                String extension = singleFile ? (gzip ? ".part.gz" : ".part")
                        : format == ChunkManifest.Format.LOAD_DATA ? ".tsv" : ".sql";
                int i = 0;
                for (String[] r : ranges) {
                    i++;
                    String name = base + String.format(".%05d", i) + extension;
                    chunks.add(new Chunk(t, i, r[0], r[1], dataDir.resolve(name),
                            Math.max(1, t.estimatedRows() / ranges.size()), format));
                }
            }
        }
        return chunks;
    }

    private void readAll(List<Connection> readers, List<Chunk> chunks, long started, List<SchemaReader.Database> dbs)
            throws SQLException, IOException {
        ConcurrentLinkedQueue<Chunk> queue = chunks.stream()
                .sorted(Comparator.comparingLong((Chunk k) -> -k.estimatedRows))
                .collect(Collectors.toCollection(ConcurrentLinkedQueue::new));
        long expected = dbs.stream().flatMap(d -> d.tables().stream()).mapToLong(SchemaReader.Table::estimatedRows).sum();
        AtomicLong rows = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong lastReport = new AtomicLong(System.nanoTime() - REPORT_INTERVAL_NANOS); // the first rows report at once
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (Connection c : readers) {
            Thread t = new Thread(() -> {
                try {
                    for (Chunk k; failure.get() == null && (k = queue.poll()) != null; ) {
                        readChunk(c, k, rows, bytes, () -> report(rows, bytes, expected, started, lastReport, false));
                    }
                } catch (SQLException | IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "cutkit-export-" + (threads.size() + 1));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SnapshotException("Export interrupted", e);
            }
        }
        Exception f = failure.get();
        if (f instanceof SQLException e) {
            throw e;
        }
        if (f instanceof IOException e) {
            throw e;
        }
        if (f instanceof RuntimeException e) {
            throw e;
        }
        report(rows, bytes, Math.max(expected, rows.get()), started, lastReport, true);
    }

    private void report(AtomicLong rows, AtomicLong bytes, long expected, long started, AtomicLong last, boolean force) {
        if (progress == null) {
            return;
        }
        long now = System.nanoTime();
        long prev = last.get();
        if (force || (now - prev > REPORT_INTERVAL_NANOS && last.compareAndSet(prev, now))) {
            synchronized (progress) {
                progress.accept(ExportProgress.of(rows.get(), bytes.get(), expected, started));
            }
        }
    }

    private void readChunk(Connection c, Chunk k, AtomicLong rows, AtomicLong bytes, Runnable tick)
            throws SQLException, IOException {
        SchemaReader.Table t = k.table;
        List<SchemaReader.Column> cols = t.exported();
        String select = cols.stream().map(col -> StatementHead.quote(col.name())).collect(Collectors.joining(","));
        StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ").append(t.qualified());
        if (k.lower != null || k.upper != null) {
            String key = StatementHead.quote(t.primaryKey().get(0));
            sql.append(" WHERE ");
            if (k.lower != null) {
                sql.append(key).append(" >= ").append(k.lower);
            }
            if (k.upper != null) {
                sql.append(k.lower != null ? " AND " : "").append(key).append(" < ").append(k.upper);
            }
        }
        if (!t.primaryKey().isEmpty()) {
            sql.append(" ORDER BY ").append(t.primaryKey().stream().map(StatementHead::quote).collect(Collectors.joining(",")));
        }
        if (k.format == ChunkManifest.Format.LOAD_DATA) {
            readLoadDataChunk(c, k, sql.toString(), rows, bytes, tick);
            return;
        }
        String head = "INSERT INTO " + StatementHead.quote(t.name())
                + (t.needsColumnList() ? " (" + select + ")" : "") + " VALUES ";
        SqlLiteralWriter writer = new SqlLiteralWriter(head,
                cols.stream().map(SchemaReader.Column::style).toArray(SqlLiteralWriter.ValueStyle[]::new), statementBytes);
        MessageDigest digest = sha256();
        boolean gz = k.file.getFileName().toString().endsWith(".gz");
        try (OutputStream file = new DigestOutputStream(Files.newOutputStream(k.file), digest);
                OutputStream out = gz ? new GZIPOutputStream(file, 1 << 16) : new BufferedOutputStream(file, 1 << 16);
                Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery(sql.toString())) {
                long n = 0;
                while (rs.next()) {
                    long written = writer.row(rs, out);
                    n++;
                    if (written > 0) {
                        bytes.addAndGet(written);
                        rows.addAndGet(n);
                        k.rows += n;
                        n = 0;
                        tick.run();
                    }
                }
                bytes.addAndGet(writer.flush(out));
                rows.addAndGet(n);
                k.rows += n;
            }
        }
        k.bytes = Files.size(k.file);
        k.sha256 = HexFormat.of().formatHex(digest.digest());
    }

    private void readLoadDataChunk(Connection c, Chunk k, String select, AtomicLong rows, AtomicLong bytes, Runnable tick)
            throws SQLException, IOException {
        LoadDataWriter writer = new LoadDataWriter(k.table.exported().stream().map(SchemaReader.Column::loadDataKind)
                .toArray(ChunkManifest.ColumnKind[]::new));
        MessageDigest digest = sha256();
        try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(k.file), digest), 1 << 16);
                Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery(select)) {
                long n = 0;
                long pending = 0;
                while (rs.next()) {
                    pending += writer.row(rs, out);
                    n++;
                    if (pending >= statementBytes) {
                        bytes.addAndGet(pending);
                        rows.addAndGet(n);
                        k.rows += n;
                        n = 0;
                        pending = 0;
                        tick.run();
                    }
                }
                bytes.addAndGet(pending);
                rows.addAndGet(n);
                k.rows += n;
            }
        }
        k.bytes = Files.size(k.file);
        k.sha256 = HexFormat.of().formatHex(digest.digest());
    }

    /** Writes the file in {@code work} and renames it to {@code dest} only once it is complete. */
    private Snapshot assemble(List<SchemaReader.Database> dbs, List<Chunk> chunks, Path dest, Path work, boolean gzip,
            Instant takenAt, long started, Optional<ReplicationPosition> position) throws IOException {
        MessageDigest digest = sha256();
        Path assembled = work.resolve(dest.getFileName());
        try (OutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(assembled), 1 << 16),
                digest)) {
            StringBuilder head = new StringBuilder("-- cutkit SQL dump of ").append(dbs.stream()
                    .map(d -> StatementHead.quote(d.spec().name()) + " (" + d.spec().characterSet() + ", "
                            + d.spec().collation() + ")").collect(Collectors.joining(", ")))
                    .append("\n-- taken ").append(takenAt).append(" as one consistent snapshot")
                    .append(position.map(p -> " at " + p.describe()).orElse("")).append("\n\n").append(HEADER);
            text(file, head.toString(), gzip);
            for (SchemaReader.Database db : dbs) {
                StringBuilder ddl = new StringBuilder();
                if (dbs.size() > 1) {
                    ddl.append(createDatabase(db.spec())).append("USE ").append(StatementHead.quote(db.spec().name()))
                            .append(";\n\n");
                }
                text(file, ddl.toString(), gzip);
                for (SchemaReader.Table t : db.tables()) {
                    text(file, tableDdl(t), gzip);
                    for (Chunk k : chunks) {
                        if (k.table == t) {
                            Files.copy(k.file, file);
                        }
                    }
                }
                text(file, objects(db), gzip);
            }
            text(file, FOOTER + "-- Dump completed on " + Instant.now() + "\n", gzip);
        }
        Files.move(assembled, dest, StandardCopyOption.ATOMIC_MOVE);
        return new Snapshot(dest.toUri(), gzip ? "sql.gz" : "sql", Files.size(dest),
                HexFormat.of().formatHex(digest.digest()), dbs.stream().map(SchemaReader.Database::spec).toList(),
                takenAt, Duration.ofNanos(System.nanoTime() - started), position);
    }

    private Snapshot writeDirectory(SchemaReader.Database db, List<Chunk> chunks, Path dir, Instant takenAt,
            long started, Optional<ReplicationPosition> position) throws IOException {
        List<ChunkManifest.Entry> entries = new ArrayList<>();
        StringBuilder schema = new StringBuilder("-- cutkit snapshot schema of ").append(StatementHead.quote(db.spec().name()))
                .append("\n").append(HEADER).append(createDatabase(db.spec()));
        for (SchemaReader.Table t : db.tables()) {
            schema.append(tableDdl(t));
        }
        entries.add(writeText(dir, "schema.sql", schema.toString(), ChunkManifest.Part.SCHEMA));
        for (Chunk k : chunks) {
            List<ChunkManifest.Column> columns = k.format == ChunkManifest.Format.SQL ? List.of()
                    : k.table.exported().stream().map(col -> new ChunkManifest.Column(col.name(), col.loadDataKind())).toList();
            entries.add(new ChunkManifest.Entry(ChunkManifest.Part.DATA, dir.relativize(k.file).toString().replace('\\', '/'),
                    k.bytes, k.sha256, k.table.name(), k.rows, k.format, columns));
        }
        entries.add(writeText(dir, "objects.sql", HEADER + objects(db) + FOOTER, ChunkManifest.Part.OBJECTS));
        ChunkManifest manifest = new ChunkManifest(db.spec().name(), db.spec().characterSet(), db.spec().collation(), entries,
                position);
        manifest.write(dir);
        long size;
        try (var files = Files.walk(dir)) {
            size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        return new Snapshot(dir.toUri(), ChunkManifest.FORMAT, size, ChunkManifest.sha256(dir.resolve(ChunkManifest.FILE_NAME)),
                List.of(db.spec()), takenAt, Duration.ofNanos(System.nanoTime() - started), position);
    }

    private static ChunkManifest.Entry writeText(Path dir, String name, String text, ChunkManifest.Part part)
            throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return new ChunkManifest.Entry(part, name, Files.size(f), ChunkManifest.sha256(f), null, 0);
    }

    private static String createDatabase(DatabaseSpec spec) {
        return "CREATE DATABASE /*!32312 IF NOT EXISTS*/ " + StatementHead.quote(spec.name())
                + " /*!40100 DEFAULT CHARACTER SET " + spec.characterSet() + " COLLATE " + spec.collation() + " */;\n\n";
    }

    private static String tableDdl(SchemaReader.Table t) {
        return "--\n-- Table " + StatementHead.quote(t.name()).replace("\n", " ") + "\n--\n\nDROP TABLE IF EXISTS "
                + StatementHead.quote(t.name()) + ";\n" + t.createSql() + ";\n\n";
    }

    private String objects(SchemaReader.Database db) {
        StringBuilder b = new StringBuilder();
        for (SchemaReader.StoredObject o : db.objects()) {
            String name = StatementHead.quote(o.name());
            String ddl = definers.apply(o.createSql());
            b.append("/*!50003 SET @saved_cs_client = @@character_set_client */;\n")
                    .append("/*!50003 SET @saved_cs_results = @@character_set_results */;\n")
                    .append("/*!50003 SET @saved_col_connection = @@collation_connection */;\n")
                    .append("/*!50003 SET @saved_sql_mode = @@sql_mode */;\n")
                    .append("/*!50003 SET character_set_client = ").append(o.characterSetClient()).append(" */;\n")
                    .append("/*!50003 SET character_set_results = ").append(o.characterSetClient()).append(" */;\n")
                    .append("/*!50003 SET collation_connection = ").append(o.collationConnection()).append(" */;\n");
            if (o.sqlMode() != null) {
                b.append("/*!50003 SET sql_mode = '").append(o.sqlMode()).append("' */;\n");
            }
            if (o.timeZone() != null) {
                b.append("/*!50003 SET @saved_time_zone = @@time_zone */;\n/*!50003 SET time_zone = '")
                        .append(o.timeZone()).append("' */;\n");
            }
            switch (o.kind()) {
                case CREATE_VIEW -> b.append("DROP TABLE IF EXISTS ").append(name).append(";\nDROP VIEW IF EXISTS ")
                        .append(name).append(";\n").append(ddl).append(";\n");
                case CREATE_TRIGGER -> b.append("DROP TRIGGER IF EXISTS ").append(name).append(";\nDELIMITER ;;\n")
                        .append(ddl).append(" ;;\nDELIMITER ;\n");
                case CREATE_ROUTINE -> b.append("DROP ").append(o.table()).append(" IF EXISTS ").append(name)
                        .append(";\nDELIMITER ;;\n").append(ddl).append(" ;;\nDELIMITER ;\n");
                default -> b.append("DROP EVENT IF EXISTS ").append(name).append(";\nDELIMITER ;;\n").append(ddl)
                        .append(" ;;\nDELIMITER ;\n");
            }
            if (o.timeZone() != null) {
                b.append("/*!50003 SET time_zone = @saved_time_zone */;\n");
            }
            b.append("/*!50003 SET sql_mode = @saved_sql_mode */;\n")
                    .append("/*!50003 SET character_set_client = @saved_cs_client */;\n")
                    .append("/*!50003 SET character_set_results = @saved_cs_results */;\n")
                    .append("/*!50003 SET collation_connection = @saved_col_connection */;\n\n");
        }
        return b.toString();
    }

    private static void text(OutputStream out, String text, boolean gzip) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (!gzip) {
            out.write(bytes);
            return;
        }
        // each gzip member is closed on its own; concatenated members are one valid gzip stream
        GZIPOutputStream member = new GZIPOutputStream(new NonClosing(out));
        member.write(bytes);
        member.close();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (var s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var files = Files.walk(p)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // best effort: the exception being thrown names the destination
        }
    }

    /** Lets a gzip member be closed without closing the file under it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /**
     * Configures a {@link JdbcSnapshotExporter}; defaults: 4 workers, keep definers, 100,000-row chunks,
     * 1 MiB statements, LOAD DATA chunks in directories.
     */
    public static final class Builder {
        private final ServerAddress server;
        private int workers = 4;
        private DefinerPolicy definers = DefinerPolicy.keep();
        private long chunkRows = 100_000;
        private int statementBytes = 1 << 20;
        private Consumer<ExportProgress> progress;
        private ChunkManifest.Format chunkFormat = ChunkManifest.Format.LOAD_DATA;

        private Builder(ServerAddress server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        /** Connections reading in parallel (all in the same snapshot). */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            this.workers = workers;
            return this;
        }

        /** What to do with DEFINER clauses of views, triggers, routines and events. */
        public Builder definers(DefinerPolicy policy) {
            this.definers = Objects.requireNonNull(policy);
            return this;
        }

        /** Approximate rows per primary-key chunk. */
        public Builder chunkRows(long rows) {
            if (rows < 1) {
                throw new IllegalArgumentException("chunkRows must be positive");
            }
            this.chunkRows = rows;
            return this;
        }

        /** Upper bound of one INSERT statement in bytes (keep it under the target's max_allowed_packet). */
        public Builder statementBytes(int bytes) {
            this.statementBytes = bytes;
            return this;
        }

        /** Called with progress from the reading threads: with the first rows written, then at most about four times a second, and once at the end. */
        public Builder progress(Consumer<ExportProgress> listener) {
            this.progress = listener;
            return this;
        }

        /**
         * How a chunk directory holds rows: {@link ChunkManifest.Format#LOAD_DATA} (the default;
         * loads with {@code LOAD DATA LOCAL}, about half the server's CPU of INSERTs, needs
         * {@code local_infile} on the target; tables with spatial columns still get INSERT chunks)
         * or {@link ChunkManifest.Format#SQL} (INSERT statements, for targets that refuse LOAD DATA
         * LOCAL). Single {@code .sql} files always hold INSERTs.
         */
        public Builder chunkFormat(ChunkManifest.Format format) {
            this.chunkFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        public JdbcSnapshotExporter build() {
            return new JdbcSnapshotExporter(this);
        }
    }
}
