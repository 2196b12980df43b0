package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.ScriptFiles;
import io.cutkit.mysql.script.ScriptFormatException;
import io.cutkit.mysql.script.ScriptStatement;
import io.cutkit.mysql.script.StatementHead;
import io.cutkit.mysql.script.StatementKind;
import io.cutkit.mysql.script.StatementSplitter;
import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.ImportOutcome;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.core.data.SnapshotImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Loads a dump into an explicitly named database over JDBC: any mysqldump / mariadb-dump / Cloud SQL
 * export file ({@code .sql} or gzip) or a cutkit chunk directory ({@link ChunkManifest}).
 *
 * <p>First it validates, changing nothing: the file is inspected ({@link DumpInspector}) against the
 * target server, chunk checksums are verified, and a truncated or non-SQL file, a collation the
 * target lacks, a dump naming several databases, or one naming another database under
 * {@link ForeignDatabasePolicy#REFUSE} is refused with {@link ImportRefusedException}. Then it loads:
 * {@code USE} / {@code CREATE DATABASE} / {@code ALTER DATABASE} of the dump's database are rewritten
 * to the target (never followed), DDL runs in order, INSERTs run on {@code workers} connections in
 * parallel even from one file (round-robin, or each table on one connection), other statements after
 * the rows before them, triggers and events after the data (unless the script fires a trigger it
 * created before: then it loads from there on in file order on one connection, and
 * {@link ImportOutcome#warnings()} names the tables loaded with their triggers), names qualified with
 * the dump's database are pointed at the target ({@link Builder#keepQualifiers}), DEFINERs are kept,
 * stripped or rewritten ({@link DefinerPolicy}). Each connection loads with
 * {@code foreign_key_checks=0}, {@code unique_checks=0}, {@code sql_log_bin=0} where permitted and
 * commits in large batches; the connections are private to the import and closed after it, so no setting
 * outlives it. Statement failures throw {@link StatementFailedException} with file offset, line and
 * the statement's first 200 characters.
 *
 * <p>All or nothing: the load goes into a staging database on the same server ({@code <target>~cutkit-staging},
 * see {@link StagingArea}); only when every statement succeeded, row counts match and foreign keys
 * hold does one atomic {@code RENAME TABLE} move the tables into the target, after which views,
 * routines, triggers and events are created there (and the move undone if that fails). A failed
 * import leaves the target as it was, and its exception's message ends by saying so ("the target
 * `crm` is unchanged", "the target `crm` does not exist, as before"). The staging database of an
 * import whose process died is removed, with a warning, by the next import into the same target.
 * Foreign keys are checked in the staging database with one anti-join per constraint: orphan rows
 * fail the import ({@link ForeignKeyViolationException}) unless the dump itself turned the checks
 * off ({@code SET FOREIGN_KEY_CHECKS=0}, as mysqldump does), in which case they load, as with the
 * client, and are reported in {@link ImportOutcome#warnings()}.
 *
 * <p>A chunk directory's {@link ChunkManifest.Format#LOAD_DATA} chunks load with
 * {@code LOAD DATA LOCAL INFILE}, each table's chunks in one transaction on one connection (largest
 * tables first, on the least busy connection), which keeps the server's bulk path into an empty
 * table; the rows come only from the chunk streams cutkit opens ({@code LocalDataLoad}: no file the
 * server names is ever read). Any warning of the load (a truncated value, a line with missing
 * fields) or a chunk row count other than the manifest's fails the import with the chunk's file and
 * line, and the table's transaction is rolled back. A target with {@code local_infile=OFF} gets the
 * same chunks as INSERT statements (slower), noted in the log.
 *
 * <p>Statement bytes go to the server unchanged (the driver encodes ISO-8859-1, the session
 * character set is set by {@code SET NAMES}), so binary literals that are not UTF-8 load exactly as
 * with the mysql client.
 */
public final class JdbcSnapshotImporter implements SnapshotImporter {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcSnapshotImporter.class);

    private final ServerAddress server;
    private final Settings settings;
    private final boolean createsMissingTarget;

    private JdbcSnapshotImporter(ServerAddress server, Settings settings, boolean createsMissingTarget) {
        this.server = server;
        this.settings = settings;
        this.createsMissingTarget = createsMissingTarget;
    }

    /** An importer into databases of {@code server}. */
    public static Builder builder(ServerAddress server) {
        return new Builder(server);
    }

    /** Immutable load settings. */
    public record Settings(int workers, ForeignDatabasePolicy foreignDatabases, DefinerPolicy definers,
            String characterSet, long commitBytes, boolean skipBinlog, boolean tableAffinity,
            boolean allowMissingDefiners, boolean allowUnderprivilegedDefiners, boolean keepQualifiers) {
        public Settings {
            Objects.requireNonNull(foreignDatabases, "foreignDatabases");
            Objects.requireNonNull(definers, "definers");
            if (!characterSet.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException("Not a character set name: " + characterSet);
            }
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
        }
    }

    /**
     * Loads the snapshot at {@code snapshot.location()} (a file or a chunk directory) into
     * {@code targetDatabase}; a file whose SHA-256 differs from {@code snapshot.sha256()} is refused.
     * A missing target is created with the character set and collation of the snapshot's one
     * database (unless {@link Builder#createMissingTarget(boolean) turned off}) and dropped again if
     * the import fails; an existing target keeps its own, and a collation differing from the
     * snapshot's is reported.
     */
    @Override
    public ImportOutcome importInto(Snapshot snapshot, String targetDatabase) {
        if (!"file".equals(snapshot.location().getScheme())) {
            throw new SnapshotException("JdbcSnapshotImporter reads local files only, not " + snapshot.location()
                    + "; download it first or use the Cloud SQL importer");
        }
        Path path = Path.of(snapshot.location());
        if (Files.isRegularFile(path) && !snapshot.sha256().isEmpty()) {
            try {
                String actual = ChunkManifest.sha256(path);
                if (!actual.equalsIgnoreCase(snapshot.sha256())) {
                    throw new ImportRefusedException(path.toString(), targetDatabase, List.of("the file's SHA-256 is "
                            + actual + " but the snapshot records " + snapshot.sha256()
                            + ": it changed or was damaged after the export; export again"), null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path + ": " + e.getMessage(), e);
            }
        }
        boolean created = createIfMissing(snapshot, targetDatabase);
        try {
            return importPath(path, targetDatabase, created);
        } catch (RuntimeException e) {
            if (created) {
                withTargetServer(targetServer -> targetServer.dropIfEmpty(targetDatabase));
            }
            throw e;
        }
    }

    /** Creates {@code target} like the snapshot's only database when it is missing and creating is on. */
    private boolean createIfMissing(Snapshot snapshot, String target) {
        if (!createsMissingTarget || snapshot.databases().size() != 1) {
            return false;
        }
        DatabaseSpec like = snapshot.databases().get(0);
        return withTargetServer(targetServer -> {
            if (targetServer.databaseExists(target)) {
                return false;
            }
            if (!targetServer.supportsCollation(like.collation())) {
                throw new ImportRefusedException(snapshot.location().toString(), target, List.of("the target database `"
                        + target + "` does not exist and the snapshot's collation " + like.collation()
                        + " is not supported by the target server, so it cannot be created"), null);
            }
            targetServer.createDatabase(like.renamed(target));
            LOG.info("Import into `{}`: created it with character set {} and collation {}", target, like.characterSet(),
                    like.collation());
            return true;
        });
    }

    private <T> T withTargetServer(java.util.function.Function<TargetServer, T> use) {
        try (HikariDataSource pool = server.pool(null, 1, false)) {
            return use.apply(TargetServer.of(pool));
        }
    }

    /** Loads a dump file or a chunk directory into {@code targetDatabase}. */
    public ImportOutcome importPath(Path path, String targetDatabase) {
        return importPath(path, targetDatabase, false);
    }

    /** {@link #importPath(Path, String)} into a target that {@link #importInto} may have just created (then dropped on failure). */
    private ImportOutcome importPath(Path path, String targetDatabase, boolean createdHere) {
        Objects.requireNonNull(targetDatabase, "targetDatabase");
        if (Files.isDirectory(path)) {
            return importDirectory(path, targetDatabase, createdHere);
        }
        return importFile(path, targetDatabase, createdHere);
    }

    /** Inspects {@code file} against the target server and database without changing anything. */
    public DumpReport inspect(Path file, String targetDatabase) {
        try (HikariDataSource pool = server.pool(null, 2, false)) {
            return DumpInspector.builder().targetDatabase(targetDatabase).targetServer(pool).build().inspect(file);
        }
    }

    private ImportOutcome importFile(Path file, String target, boolean createdHere) {
        long started = System.nanoTime();
        try (HikariDataSource checks = server.pool(null, 3, false)) {
            TargetServer targetServer = TargetServer.of(checks);
            DumpReport report = DumpInspector.builder().targetDatabase(target).targetServer(checks).build().inspect(file);
            boolean exists = targetServer.databaseExists(target);
            String foreign = validate(file.toString(), target, report, exists);
            report.verdicts(DumpVerdict.TargetCollationDiffers.class)
                    .forEach(v -> LOG.warn("Import into `{}`: line {}: {}", target, v.line(), v.message()));
            Path jail = LocalDataLoad.jail(); // the script's own LOAD DATA LOCAL statements are answered from its files
            try {
                return loadAtomically(checks, file.toString(), target, createdHere, foreign,
                        targetServer.rejectsNoAutoCreateUser(), false, jail, report.keepsExistingRows(), report.dropsDatabase(),
                        loader -> {
                            loader.source(file.toString());
                            loader.localFilesFrom(file.toAbsolutePath().getParent());
                            if (report.fileOrderLine() > 0) {
                                loader.loadInFileOrderFor(report.fileOrderLine());
                            }
                            feed(loader, file);
                            loader.finish();
                        }, started);
            } finally {
                deleteQuietly(jail);
            }
        } catch (SQLException e) {
            throw new SnapshotException("Cannot connect to the target server: " + e.getMessage(), e);
        }
    }

    /** Fills the staging database through a loader; throws on any failure. */
    private interface Load {
        void into(ParallelLoader loader) throws InterruptedException;
    }

    /**
     * Runs {@code load} into the target's staging database, checks foreign keys there, moves the tables
     * into {@code target} (all of the target's tables and programs aside when {@code replacesEverything})
     * and creates the dump's objects; on any failure leaves the target as it was and says so in the exception.
     */
    private ImportOutcome loadAtomically(HikariDataSource checks, String source, String target, boolean createdHere,
            String foreign, boolean stripNoAutoCreateUser, boolean localInfile, Path jail,
            Map<String, Boolean> keepsExistingRows, boolean replacesEverything, Load load, long started) throws SQLException {
        try (StagingArea staging = StagingArea.open(checks, target, createdHere)) {
            List<String> notes = new ArrayList<>();
            try {
                boolean stagingExists = staging.prepare();
                String targetPrograms = staging.seed(keepsExistingRows);
                try (HikariDataSource pool = server.pool(null, settings.workers() + 2, true, jail);
                        ParallelLoader loader = new ParallelLoader(pool, target, staging.database(), stagingExists,
                                foreign, settings, stripNoAutoCreateUser, notes, localInfile)) {
                    if (!targetPrograms.isEmpty()) {
                        notes.add("the dump adds to tables it does not create: the target's tables were copied into the"
                                + " staging database first, with their triggers in place");
                        loader.source("the target's own triggers and routines");
                        feedTargetsOwn(loader, targetPrograms);
                    }
                    load.into(loader);
                    List<String> warnings = checkForeignKeys(checks, source, staging, loader.dumpDisablesForeignKeyChecks());
                    staging.moveIn(loader.objects(), replacesEverything);
                    loader.createObjects();
                    staging.commit();
                    notes.forEach(n -> LOG.info("Import into `{}`: {}", target, n));
                    loader.report().forEach(n -> LOG.info("Import into `{}`: {}", target, n));
                    List<String> report = new ArrayList<>(warnings);
                    report.addAll(loader.report());
                    return new ImportOutcome(target, loader.statements(), loader.rows(),
                            Duration.ofNanos(System.nanoTime() - started), report);
                }
            } catch (ForeignKeyViolationException e) {
                staging.abandon();
                throw e;
            } catch (StatementFailedException e) {
                throw e.withTargetState(staging.abandon(), staging.database(), target);
            } catch (ScriptFormatException e) {
                throw DumpFormatException.withTargetState(e, staging.abandon());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SnapshotException("Import of " + source + " was interrupted; " + staging.abandon(), e);
            } catch (SQLException | RuntimeException e) {
                throw new SnapshotException(e.getMessage() + "; " + staging.abandon(), e);
            }
        }
    }

    /**
     * Orphan rows fail the import unless the dump turned foreign key checks off itself, as the client
     * would load them then; they are returned as warnings (and logged) in that case.
     */
    private static List<String> checkForeignKeys(HikariDataSource checks, String source, StagingArea staging,
            boolean dumpDisablesChecks) throws SQLException {
        List<ForeignKeyOrphans> orphans = ForeignKeyOrphans.find(checks, staging.database());
        if (orphans.isEmpty()) {
            return List.of();
        }
        if (!dumpDisablesChecks) {
            throw new ForeignKeyViolationException(source, orphans, staging.unchangedTarget());
        }
        List<String> warnings = orphans.stream().map(o -> o.describe() + " (loaded: the dump turns foreign key checks off)")
                .toList();
        warnings.forEach(w -> LOG.warn("Import of {}: {}", source, w));
        return warnings;
    }

    private String validate(String source, String target, DumpReport report, boolean targetExists) {
        List<String> reasons = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        List<DumpVerdict.ObjectExists> existing = new ArrayList<>();
        for (DumpVerdict v : report.verdicts()) {
            if (v instanceof DumpVerdict.LandsElsewhere l) {
                named.add(l.database());
                if (settings.foreignDatabases() == ForeignDatabasePolicy.REFUSE) {
                    reasons.add("line " + v.line() + ": " + v.message());
                }
            } else if (v instanceof DumpVerdict.ObjectExists e) {
                existing.add(e);
            } else if (v.blocking() || refusesDefiner(v)) {
                reasons.add("line " + v.line() + ": " + v.message());
            }
        }
        if (!existing.isEmpty()) {
            reasons.add(existing.size() == 1 ? "line " + existing.get(0).line() + ": " + existing.get(0).message()
                    : DumpVerdict.ObjectExists.describe(existing));
        }
        if (named.size() > 1) {
            reasons.add("the dump names several databases " + named + "; cutkit loads one database into one target:"
                    + " dump them separately");
        }
        boolean creates = report.databases().stream().anyMatch(d -> d.statement() == StatementKind.CREATE_DATABASE);
        if (!targetExists && !creates) {
            reasons.add("the target database `" + target + "` does not exist and the dump does not create one: create it"
                    + " with the source's character set and collation first (DatabaseRecreator)");
        }
        if (!reasons.isEmpty()) {
            throw new ImportRefusedException(source, target, reasons, report);
        }
        return named.isEmpty() ? null : named.iterator().next();
    }

    /**
     * A DEFINER kept as written but missing on the target (error 1449), or lacking the privileges its
     * object needs there (error 1142), makes every use of the object fail after an import that looks
     * successful, so it is refused unless allowed.
     */
    private boolean refusesDefiner(DumpVerdict verdict) {
        if (!(settings.definers() instanceof DefinerPolicy.Keep)) {
            return false;
        }
        return verdict instanceof DumpVerdict.MissingDefiner missing && missing.checked() && !settings.allowMissingDefiners()
                || verdict instanceof DumpVerdict.DefinerLacksPrivileges && !settings.allowUnderprivilegedDefiners();
    }

    /** Feeds {@code file}'s statements, and those of the files its {@code source} commands name, to {@code loader}. */
    private static void feed(ParallelLoader loader, Path file) throws InterruptedException {
        try (InputStream in = DumpInput.open(Files.newInputStream(file));
                ScriptFiles statements = ScriptFiles.following(StatementSplitter.over(in), file.toAbsolutePath().getParent(),
                        StatementSplitter::over)) {
            for (ScriptStatement s; (s = statements.next()) != null; ) {
                loader.feed(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void feedTargetsOwn(ParallelLoader loader, String programs) throws InterruptedException {
        try (StatementSplitter splitter = StatementSplitter.over(
                new java.io.ByteArrayInputStream(programs.getBytes(StandardCharsets.UTF_8)))) {
            for (ScriptStatement s; (s = splitter.next()) != null; ) {
                loader.feedTargetsOwn(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the target's own programs: " + e.getMessage(), e);
        }
    }

    private ImportOutcome importDirectory(Path dir, String target, boolean createdHere) {
        long started = System.nanoTime();
        ChunkManifest manifest;
        try {
            if (!ChunkManifest.isSnapshotDirectory(dir)) {
                throw new ImportRefusedException(dir.toString(), target, List.of("the directory has no "
                        + ChunkManifest.FILE_NAME + ": it is not a cutkit snapshot"), null);
            }
            manifest = ChunkManifest.read(dir);
            List<String> reasons = new ArrayList<>();
            // files are hashed on all cores: the check reads the whole snapshot before the load starts
            manifest.entries().parallelStream().map(e -> {
                Path f = dir.resolve(e.path()).normalize();
                if (!f.startsWith(dir.normalize()) || !Files.isRegularFile(f)) {
                    return e.path() + " is listed in the manifest but missing";
                }
                try {
                    return ChunkManifest.sha256(f).equals(e.sha256()) ? null
                            : e.path() + " does not match its SHA-256 in the manifest (corrupt or modified)";
                } catch (IOException unreadable) {
                    return e.path() + " cannot be read: " + unreadable.getMessage();
                }
            }).filter(Objects::nonNull).forEachOrdered(reasons::add);
            if (!reasons.isEmpty()) {
                throw new ImportRefusedException(dir.toString(), target, reasons, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read snapshot directory " + dir + ": " + e.getMessage(), e);
        }
        try (HikariDataSource checks = server.pool(null, 3, false)) {
            TargetServer targetServer = TargetServer.of(checks);
            List<String> reasons = new ArrayList<>();
            for (ChunkManifest.Entry e : manifest.entries()) {
                if (e.part() == ChunkManifest.Part.DATA) {
                    continue;
                }
                DumpReport r = DumpInspector.builder().targetDatabase(target).targetServer(checks).build()
                        .inspect(dir.resolve(e.path()));
                r.verdicts().stream().filter(v -> (v.blocking() && !(v instanceof DumpVerdict.LandsElsewhere))
                                || refusesDefiner(v))
                        .forEach(v -> reasons.add(e.path() + " line " + v.line() + ": " + v.message()));
            }
            if (!targetServer.supportsCollation(manifest.collation())) {
                reasons.add("the snapshot's database collation " + manifest.collation() + " is not supported by the target");
            }
            boolean loadData = manifest.entries().stream().anyMatch(e -> e.format() == ChunkManifest.Format.LOAD_DATA);
            boolean localInfile = loadData && targetServer.acceptsLocalInfile();
            if (!reasons.isEmpty()) {
                throw new ImportRefusedException(dir.toString(), target, reasons, null);
            }
            targetServer.databaseCollation(target).filter(existing -> !existing.equalsIgnoreCase(manifest.collation()))
                    .ifPresent(existing -> LOG.warn("Import into `{}`: {}", target, new DumpVerdict.TargetCollationDiffers(0,
                            target, existing, manifest.collation()).message()));
            Path jail = LocalDataLoad.jail();
            try {
                return loadAtomically(checks, dir.toString(), target, createdHere, manifest.database(),
                        targetServer.rejectsNoAutoCreateUser(), localInfile, jail, Map.of(), false, loader -> {
                            if (loadData && !localInfile) {
                                LOG.info("Import into `{}`: the target has local_infile=OFF: LOAD DATA chunks are sent as"
                                        + " INSERT statements (slower); SET GLOBAL local_infile = 1 (or the instance flag)"
                                        + " to load them directly", target);
                            }
                            for (ChunkManifest.Part part : ChunkManifest.Part.values()) {
                                if (part == ChunkManifest.Part.DATA) {
                                    loadDataChunks(loader, dir, manifest);
                                }
                                for (ChunkManifest.Entry e : manifest.entries()) {
                                    if (e.part() == part && e.format() == ChunkManifest.Format.SQL) {
                                        loader.source(dir.resolve(e.path()).toString());
                                        feed(loader, dir.resolve(e.path()));
                                    }
                                }
                            }
                            loader.finish();
                            List<String> miscounted = manifest.entries().stream()
                                    .filter(e -> e.part() == ChunkManifest.Part.DATA)
                                    .map(ChunkManifest.Entry::table).distinct()
                                    .filter(t -> loader.rows(t) != manifest.rows(t))
                                    .map(t -> StatementHead.quote(t) + " loaded " + loader.rows(t)
                                            + " rows but the manifest records " + manifest.rows(t))
                                    .toList();
                            if (!miscounted.isEmpty()) {
                                throw new SnapshotException("Import of " + dir + " into `" + target + "` is incomplete: "
                                        + String.join("; ", miscounted) + "; the snapshot is inconsistent: export it again");
                            }
                        }, started);
            } finally {
                deleteQuietly(jail);
            }
        } catch (SQLException e) {
            throw new SnapshotException("Cannot connect to the target server: " + e.getMessage(), e);
        }
    }

    /** Hands each table's LOAD DATA chunks to the loader as one unit, largest table first. */
    private static void loadDataChunks(ParallelLoader loader, Path dir, ChunkManifest manifest) throws InterruptedException {
        java.util.Map<String, List<ParallelLoader.ChunkFile>> byTable = new java.util.LinkedHashMap<>();
        for (ChunkManifest.Entry e : manifest.entries()) {
            if (e.part() == ChunkManifest.Part.DATA && e.format() == ChunkManifest.Format.LOAD_DATA) {
                byTable.computeIfAbsent(e.table(), t -> new ArrayList<>())
                        .add(new ParallelLoader.ChunkFile(dir.resolve(e.path()), e.bytes(), e.rows(), e.columns()));
            }
        }
        List<java.util.Map.Entry<String, List<ParallelLoader.ChunkFile>>> tables = new ArrayList<>(byTable.entrySet());
        tables.sort(java.util.Comparator.comparingLong(
                (java.util.Map.Entry<String, List<ParallelLoader.ChunkFile>> t) -> t.getValue().stream()
                        .mapToLong(ParallelLoader.ChunkFile::bytes).sum()).reversed());
        for (var t : tables) {
            loader.load(t.getKey(), t.getValue());
        }
    }

    private static void deleteQuietly(Path emptyDirectory) {
        try {
            Files.deleteIfExists(emptyDirectory);
        } catch (IOException ignored) {
            // an empty private directory left in the temp folder holds nothing
        }
    }

    /** Configures a {@link JdbcSnapshotImporter}; defaults: 4 workers, round-robin, 64 MiB transactions, rewrite to target, keep definers, utf8mb4. */
    public static final class Builder {
        private final ServerAddress server;
        private int workers = 4;
        private ForeignDatabasePolicy foreignDatabases = ForeignDatabasePolicy.REWRITE_TO_TARGET;
        private DefinerPolicy definers = DefinerPolicy.keep();
        private String characterSet = "utf8mb4";
        private long commitBytes = 64L << 20;
        private boolean skipBinlog = true;
        private boolean tableAffinity;
        private boolean allowMissingDefiners;
        private boolean allowUnderprivilegedDefiners;
        private boolean createMissingTarget = true;
        private boolean keepQualifiers;

        private Builder(ServerAddress server) {
            this.server = Objects.requireNonNull(server, "server");
        }

        /** Connections loading INSERTs in parallel. */
        public Builder workers(int workers) {
            this.workers = workers;
            return this;
        }

        /** What to do with statements naming another database than the target. */
        public Builder foreignDatabases(ForeignDatabasePolicy policy) {
            this.foreignDatabases = policy;
            return this;
        }

        /** What to do with DEFINER clauses. */
        public Builder definers(DefinerPolicy policy) {
            this.definers = policy;
            return this;
        }

        /**
         * Whether to load objects whose kept DEFINER account does not exist on the target (they fail
         * with error 1449 when used); off by default, so such an import is refused before anything
         * changes. Create the accounts first ({@code DefinerAccounts}), or strip or rewrite the DEFINERs.
         */
        public Builder allowMissingDefiners(boolean allow) {
            this.allowMissingDefiners = allow;
            return this;
        }

        /**
         * Whether to load objects whose kept DEFINER exists on the target but lacks the privileges they
         * need there (they fail with error 1142 when used); off by default, so such an import is refused
         * before anything changes. Grant them first ({@code DefinerAccounts.grantMissing}).
         */
        public Builder allowUnderprivilegedDefiners(boolean allow) {
            this.allowUnderprivilegedDefiners = allow;
            return this;
        }

        /**
         * Whether view, routine, trigger and event bodies keep naming the script's own database when
         * the import loads it under another name ({@code FROM shop.orders} imported into {@code crm});
         * off by default: such qualifiers (backquoted or bare, never inside literals or comments) are
         * pointed at the target and listed in {@link ImportOutcome#warnings()}. Kept, the objects use
         * the other database and the report says the import is not identical. Statements that act on
         * data ({@code CREATE INDEX i ON shop.t}) are always pointed at the target.
         */
        public Builder keepQualifiers(boolean keep) {
            this.keepQualifiers = keep;
            return this;
        }

        /** The connection character set before the dump's own {@code SET NAMES} (like {@code --default-character-set}). */
        public Builder characterSet(String characterSet) {
            this.characterSet = characterSet;
            return this;
        }

        /** Bytes of INSERT statements per transaction on each worker. */
        public Builder commitBytes(long bytes) {
            this.commitBytes = bytes;
            return this;
        }

        /** Whether to try {@code SET sql_log_bin = 0} (ignored where not permitted). */
        public Builder skipBinlog(boolean skip) {
            this.skipBinlog = skip;
            return this;
        }

        /**
         * Whether all rows of a table go to one worker, so tables load side by side in long per-table
         * transactions (faster for many small tables); off by default: every statement goes to the next
         * worker, so one dominant table still loads on all connections.
         */
        public Builder tableAffinity(boolean affinity) {
            this.tableAffinity = affinity;
            return this;
        }

        /**
         * Whether {@link JdbcSnapshotImporter#importInto} creates a missing target database with the
         * snapshot's character set and collation; on by default. Off, a missing target is refused
         * unless the dump creates it.
         */
        public Builder createMissingTarget(boolean create) {
            this.createMissingTarget = create;
            return this;
        }

        public JdbcSnapshotImporter build() {
            return new JdbcSnapshotImporter(server,
                    new Settings(workers, foreignDatabases, definers, characterSet, commitBytes, skipBinlog, tableAffinity,
                            allowMissingDefiners, allowUnderprivilegedDefiners, keepQualifiers), createMissingTarget);
        }
    }
}
