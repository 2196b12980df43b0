package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.ScriptStatement;
import io.cutkit.mysql.script.StatementHead;
import io.cutkit.mysql.script.StatementKind;
import io.cutkit.mysql.script.StatementSplitter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Executes a stream of dump statements against one database (the staging database of an import into
 * {@code target}, see {@link StagingArea}): DDL and session statements in
 * order on a control connection, INSERTs on worker connections in parallel (a table's rows on one
 * worker, or every statement on any worker, see {@link JdbcSnapshotImporter.Builder#tableAffinity}),
 * triggers and events after all data. A DDL statement on a table waits until the workers have
 * committed that table's rows; any other statement ({@code UPDATE}, {@code CREATE INDEX},
 * {@code CALL}, {@code INSERT ... SELECT}, {@code CREATE TABLE ... SELECT}) waits for all rows before
 * it. A statement that may fire a trigger created before it (an INSERT into its table, any other
 * statement) switches the load to file order on the control connection, with the triggers created so
 * far in place, as the client loads it. Names qualified with the dump's database (or the target) point
 * at the staging database there, and at the target in the objects created after the move, each
 * rewrite listed in {@link #report()}. Workers replay the session statements ({@code SET NAMES}, time zone,
 * sql_mode, ...) that preceded each INSERT before running it. {@link #load} hands a table's
 * {@code LOAD DATA} chunks to the least busy worker, which loads them in one transaction of their
 * own: into the freshly created (empty) table that is MariaDB's and MySQL's bulk path (sorted index
 * build, no undo log), which a second transaction on the same table would leave.
 *
 * <p>Views, routines and {@code ALTER DATABASE} run in the staging database as they come and triggers
 * are created there after the data (or when the file-order load needs them) and dropped again: that
 * validates them, while only the tables move to the target. {@link #createObjects()} then creates all of them in the target, in dump order.
 * Closing stops the workers without cutting their connections: queued work is dropped, each worker
 * finishes the statement it is running and rolls back, so a failure yields one error, not a broken
 * connection (and a pool warning with a stack trace) per worker.
 */
final class ParallelLoader implements AutoCloseable {

    private static final Pattern NO_AUTO_CREATE_USER = Pattern.compile("(?i),?NO_AUTO_CREATE_USER,?");
    private static final Pattern GTID_PURGED = Pattern.compile("(?i)GTID_PURGED\\s*=");
    private static final Pattern SQL_LOG_BIN = Pattern.compile("(?i)SQL_LOG_BIN\\s*=");
    private static final Pattern SET_GLOBAL = Pattern.compile("(?i)^(?:/\\*!\\d+\\s*)?SET\\s+(?:GLOBAL\\s|@@GLOBAL\\.)");
    private static final Pattern DATABASE_OPTIONS = Pattern.compile(
            "(?i)(?:CHARACTER\\s+SET|CHARSET)\\s*=?\\s*([A-Za-z0-9_]+)|COLLATE\\s*=?\\s*([A-Za-z0-9_]+)");
    private static final Pattern ALTER_DATABASE_NAME = Pattern.compile(
            "(?i)(ALTER\\s+(?:DATABASE|SCHEMA)\\s+)(`(?:[^`]|``)*`|[A-Za-z0-9_$]+)");
    private static final Pattern WARNING_ROW = Pattern.compile("(?i)\\brow (\\d+)");
    private static final Pattern FOREIGN_KEY_CHECKS_OFF = Pattern.compile("(?i)\\bFOREIGN_KEY_CHECKS\\s*=\\s*0\\b");
    private static final Pattern PROGRAM_TYPE = Pattern.compile("(?i)\\b(PROCEDURE|FUNCTION|TRIGGER|EVENT)\\b");
    private static final Pattern TRIGGER_TABLE = Pattern.compile("(?i)\\b(?:BEFORE|AFTER)\\s+(?:INSERT|UPDATE|DELETE)\\s+ON\\s+"
            + "(?:(?:`(?:[^`]|``)*`|[A-Za-z0-9_$]+)\\s*\\.\\s*)?(`(?:[^`]|``)*`|[A-Za-z0-9_$]+)");
    private static final Pattern QUOTED_NAME = Pattern.compile("`(?:[^`]|``)*`");
    /** The first keyword of what an INSERT inserts: {@code VALUES}/{@code SET} rows, or a query of other tables. */
    private static final Pattern INSERT_SOURCE = Pattern.compile("(?i)\\b(VALUES?|SET|SELECT|WITH|TABLE)\\b");
    private static final Pattern SELECT = Pattern.compile("(?i)\\bSELECT\\b");
    /** Statements that read and change no table, so they need not wait for the workers' rows. */
    private static final java.util.Set<String> TRANSACTION_VERBS = java.util.Set.of("BEGIN", "COMMIT");
    private static final Task STOP = new Task(null, null, 0, null, null);
    /** Makes a worker commit what it has loaded at once, for a statement waiting on those rows. */
    private static final Task COMMIT_NOW = new Task(null, null, 0, null, null);

    private final DataSource pool;
    private final String target;
    private final String rawTarget;
    private final String database;
    private final String rawDatabase;
    private final JdbcSnapshotImporter.Settings settings;
    /** Statements of {@link #feedTargetsOwn}, compared by identity. */
    private final Set<ScriptStatement> targetsOwn =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final boolean stripNoAutoCreateUser;
    private final String foreignDatabase;
    private final List<String> notes;
    private final boolean localInfile;

    private final List<String> sessionLog = new ArrayList<>();
    /** Statements that change a view, trigger, routine or event already created: replayed with the objects. */
    private static final java.util.Set<String> OBJECT_CHANGES = java.util.Set.of("ALTER VIEW", "ALTER EVENT",
            "ALTER PROCEDURE", "ALTER FUNCTION", "DROP TRIGGER", "DROP EVENT");

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ParallelLoader.class);

    /** How often a transaction that met a deadlock is run: the first time and two more. */
    private static final int DEADLOCK_ATTEMPTS = 3;

    /** Grants and revokes, which can name tables of the current database: run in the target after the move. */
    private static final java.util.Set<String> PRIVILEGE_CHANGES = java.util.Set.of("GRANT", "REVOKE");

    private final List<Deferred> deferredTriggers = new ArrayList<>();
    /** Tables the script has created triggers on so far, with the trigger's line. */
    private final java.util.Map<String, Long> triggerTables = new java.util.HashMap<>();
    /** Triggers created in the staging database while the script loads in file order, dropped before the move. */
    private final java.util.Set<String> stagedTriggers = new java.util.LinkedHashSet<>();
    /** Tables whose rows loaded with their triggers in place, with the line of their first such INSERT. */
    private final java.util.Map<String, Long> loadedWithTriggers = new java.util.LinkedHashMap<>();
    private final List<String> report = new ArrayList<>();
    private final String redirectedFrom;
    private boolean inFileOrder;
    private final List<Deferred> objects = new ArrayList<>();
    private volatile boolean foreignKeyChecksOffByDump;
    /** Statements dispatched by the table they name. */
    private static final Set<StatementKind> TABLE_STATEMENTS = EnumSet.of(StatementKind.INSERT,
            StatementKind.CREATE_TABLE, StatementKind.DROP_TABLE, StatementKind.ALTER_TABLE);
    private final ConcurrentHashMap<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Object committed = new Object();
    private final List<BlockingQueue<Task>> queues = new ArrayList<>();
    private final java.util.Map<String, Integer> tableWorker = new java.util.HashMap<>();
    /** Tables whose INSERTs run on one worker in file order, see {@link #orderedWorker}. */
    private final java.util.Map<String, Integer> orderedTables = new java.util.HashMap<>();
    private final OrderedInserts orderedInserts;
    private final long[] assignedBytes;
    private int nextWorker;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong statements = new AtomicLong();
    private final ConcurrentHashMap<String, AtomicLong> tableRows = new ConcurrentHashMap<>();
    private Connection control;
    private boolean targetExists;
    private java.nio.file.Path scriptDirectory;
    /** Whether the dump dropped its database: a CREATE DATABASE after that sets the staging database's options. */
    private boolean databaseDropped;
    private String source = "";

    /**
     * Loads into {@code database} for an import into {@code target}; {@code databaseExists}: whether
     * {@code database} exists (else the dump must create it). {@code localInfile}: whether LOAD DATA
     * chunks load with {@code LOAD DATA LOCAL} (else they are transcoded to INSERT statements, for
     * servers with {@code local_infile=OFF}).
     */
    ParallelLoader(DataSource pool, String target, String database, boolean targetExists, String foreignDatabase,
            JdbcSnapshotImporter.Settings settings, boolean stripNoAutoCreateUser, List<String> notes, boolean localInfile)
            throws SQLException {
        this.localInfile = localInfile;
        this.pool = pool;
        this.target = target;
        this.rawTarget = raw(StatementHead.quote(target));
        this.database = database;
        this.rawDatabase = raw(StatementHead.quote(database));
        this.targetExists = targetExists;
        this.foreignDatabase = foreignDatabase;
        this.redirectedFrom = foreignDatabase == null || foreignDatabase.equals(target) ? null : foreignDatabase;
        this.settings = settings;
        this.stripNoAutoCreateUser = stripNoAutoCreateUser;
        this.notes = notes;
        this.assignedBytes = new long[settings.workers()];
        this.orderedInserts = new OrderedInserts(raw(database));
        this.control = pool.getConnection();
        prepareSession(control, targetExists);
        for (int i = 0; i < settings.workers(); i++) {
            BlockingQueue<Task> queue = new ArrayBlockingQueue<>(8);
            queues.add(queue);
            Thread t = new Thread(() -> work(queue), "cutkit-import-" + (i + 1));
            t.setDaemon(true);
            workers.add(t);
            t.start();
        }
    }

    /**
     * Whether {@code sql} ends inside a {@code /*} comment (executable or not) that it opened, outside
     * quotes: a statement cutkit would otherwise skip (LOCK TABLES, DISABLE KEYS) that the server refuses.
     */
    static boolean leavesCommentOpen(String sql) {
        boolean open = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (open) {
                if (c == '*' && i + 1 < sql.length() && sql.charAt(i + 1) == '/') {
                    open = false;
                    i++;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                i = io.cutkit.mysql.script.QuotedText.end(sql, i) - 1;
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                open = true;
                i++;
            }
        }
        return open;
    }

    /** The table a {@code CREATE TRIGGER} statement names after {@code ON}, unquoted, or null when it names none. */
    static String triggerTable(String createTrigger) {
        Matcher on = TRIGGER_TABLE.matcher(createTrigger);
        return on.find() ? unquote(on.group(1)) : null;
    }

    /** Where {@code s} was read: the file a {@code source} command led to, else the {@link #source(String) script}. */
    private String sourceOf(ScriptStatement s) {
        return s.file().orElse(source);
    }

    /** Sets where statements come from, for error messages. */
    void source(String name) {
        this.source = name;
    }

    /**
     * Feeds one of the target's own programs, re-created in the staging database: its DEFINER stays as
     * the target has it whatever the import's {@link DefinerPolicy} does to the dump's.
     */
    void feedTargetsOwn(ScriptStatement s) throws InterruptedException {
        targetsOwn.add(s);
        feed(s);
    }

    long rows() {
        return rows.get();
    }

    long statements() {
        return statements.get();
    }

    /** Rows the INSERTs of {@code table} affected so far. */
    long rows(String table) {
        AtomicLong n = tableRows.get(table);
        return n == null ? 0 : n.get();
    }

    /** Whether the dump itself turned foreign key checks off ({@code SET FOREIGN_KEY_CHECKS=0}), as mysqldump does. */
    boolean dumpDisablesForeignKeyChecks() {
        return foreignKeyChecksOffByDump;
    }

    /**
     * What the import's report should say beyond the data: tables that loaded with their triggers in
     * place, and every name qualified with the dump's own database that was pointed at the target or
     * kept as written ({@link JdbcSnapshotImporter.Builder#keepQualifiers}).
     */
    List<String> report() {
        return List.copyOf(report);
    }

    /** Views, triggers, routines and events the dump creates or drops, for {@link StagingArea#moveIn}. */
    List<StagingArea.SchemaObject> objects() {
        java.util.Set<StagingArea.SchemaObject> out = new java.util.LinkedHashSet<>();
        for (Deferred d : objects) {
            StatementHead head = d.statement().head();
            String type = switch (head.kind()) {
                case CREATE_VIEW, DROP_VIEW -> "VIEW";
                case CREATE_TRIGGER -> "TRIGGER";
                case CREATE_EVENT -> "EVENT";
                case CREATE_ROUTINE, DROP_PROGRAM -> {
                    Matcher m = PROGRAM_TYPE.matcher(d.statement().text());
                    yield m.find() ? m.group(1).toUpperCase(java.util.Locale.ROOT) : null;
                }
                default -> null;
            };
            if (type != null && head.name() != null) {
                out.add(new StagingArea.SchemaObject(type, head.name()));
            }
        }
        return List.copyOf(out);
    }

    /** Executes or dispatches one statement; throws the first failure of any connection. */
    void feed(ScriptStatement s) throws InterruptedException {
        throwIfFailed();
        StatementHead head = s.head();
        if (head.name() == null && TABLE_STATEMENTS.contains(head.kind())) {
            control(s, s.rawText()); // no table name to dispatch on: the server judges it, as it would the client's
            return;
        }
        switch (head.kind()) {
            case INSERT -> {
                String table = head.name();
                if (insertsAQuery(s)) {
                    // INSERT ... SELECT reads tables the workers may still be filling
                    awaitAllCommitted();
                    insertInFileOrder(s, inStaging(s, s.rawText(), true), table);
                    return;
                }
                String sql = requalify(s.rawText(), head.schema());
                if (triggerTables.containsKey(table) && !inFileOrder) {
                    loadInFileOrder(s);
                }
                if (inFileOrder) {
                    if (triggerTables.containsKey(table)) {
                        loadedWithTriggers.putIfAbsent(table, s.line());
                    }
                    insertInFileOrder(s, sql, table);
                    return;
                }
                int worker = orderedWorker(table, sql, s.length());
                pending.computeIfAbsent(table, k -> new AtomicLong()).incrementAndGet();
                int logSize;
                synchronized (sessionLog) {
                    logSize = sessionLog.size();
                }
                enqueue(queues.get(worker < 0 ? workerFor(table, s.length()) : worker), new Task(s, sql, logSize, table, null));
            }
            case LOCK_TABLES, UNLOCK_TABLES, ALTER_TABLE_KEYS -> {
                if (leavesCommentOpen(s.text())) {
                    // damaged (its /*! ... */ wrapper lost its end): the server refuses it, as it does the client's
                    control(s, inStaging(s, s.rawText(), false));
                }
                statements.incrementAndGet();
            }
            case USE -> {
                if (targetExists) {
                    statements.incrementAndGet();
                } else {
                    throw new io.cutkit.core.data.SnapshotException("The dump selects " + head.qualifiedName() + " at line "
                            + s.line() + " before creating it, and the target " + StatementHead.quote(target)
                            + " does not exist: create the target first");
                }
            }
            case CREATE_DATABASE -> createTarget(s);
            case DROP_DATABASE -> {
                databaseDropped = true;
                notes.add("line " + s.line() + ": " + s.preview(80) + ": the target's tables, views and"
                    + " stored programs are replaced by what the dump creates (the database itself is kept)");
            }
            case ALTER_DATABASE -> {
                control(s, renameDatabase(s.rawText(), rawDatabase));
                remember(objects, s);
            }
            case SET -> set(s);
            case CREATE_TRIGGER -> {
                String table = triggerTable(s.text());
                if (table != null) {
                    triggerTables.putIfAbsent(table, s.line());
                }
                if (inFileOrder) {
                    control(s, inStaging(s, stagingCopy(s), false));
                    stagedTriggers.add(head.name());
                } else {
                    remember(deferredTriggers, s);
                }
                remember(objects, s);
            }
            case CREATE_EVENT -> remember(objects, s); // it would start running on the staged tables
            case CREATE_VIEW, CREATE_ROUTINE -> {
                control(s, inStaging(s, stagingCopy(s), false));
                remember(objects, s);
            }
            case DROP_VIEW, DROP_PROGRAM -> {
                control(s, inStaging(s, s.rawText(), false));
                remember(objects, s);
            }
            case CREATE_TABLE, DROP_TABLE, ALTER_TABLE -> {
                if (s.complete() && SELECT.matcher(withoutQuotedNames(s.text())).find()) {
                    awaitAllCommitted(); // CREATE TABLE ... SELECT reads other tables
                } else {
                    awaitCommitted(head.name());
                }
                control(s, s.complete() ? inStaging(s, s.rawText(), true) : requalify(s.rawText(), head.schema()));
                orderedInserts.forget(raw(head.name()));
            }
            default -> {
                if (PRIVILEGE_CHANGES.contains(head.verb())) {
                    // a table-level grant run now would name the staging database: it is given in the target after the move
                    remember(objects, s);
                    return;
                }
                if (head.verb().startsWith("RENAME")) {
                    orderedInserts.forgetAll();
                }
                boolean objectChange = OBJECT_CHANGES.contains(head.verb());
                if (!objectChange && head.kind() != StatementKind.ACCOUNT && !TRANSACTION_VERBS.contains(head.verb())) {
                    // it may read or change any table, or fire any trigger: it runs after every row before it
                    if (deferredTriggers.isEmpty() || inFileOrder) {
                        awaitAllCommitted();
                    } else {
                        loadInFileOrder(s);
                    }
                }
                java.util.Optional<String> localFile = ScriptLocalFile.named(s.rawText());
                if (localFile.isPresent()) {
                    loadLocalFile(s, localFile.get());
                    return;
                }
                control(s, inStaging(s, s.rawText(), !objectChange));
                if (OBJECT_CHANGES.contains(head.verb())) {
                    remember(objects, s); // replayed in the target after the move, in dump order
                }
            }
        }
    }

    /**
     * Queues {@code chunks} (LOAD DATA chunk files of {@code table}, in order) for one worker, the one
     * with the fewest bytes so far; feed tables largest first to balance the workers.
     */
    void load(String table, List<ChunkFile> chunks) throws InterruptedException {
        throwIfFailed();
        pending.computeIfAbsent(table, k -> new AtomicLong()).incrementAndGet();
        int logSize;
        synchronized (sessionLog) {
            logSize = sessionLog.size();
        }
        int least = leastBusyWorker();
        assignedBytes[least] += chunks.stream().mapToLong(ChunkFile::bytes).sum();
        enqueue(queues.get(least), new Task(null, null, logSize, table, List.copyOf(chunks)));
    }

    private void remember(List<Deferred> list, ScriptStatement s) {
        synchronized (sessionLog) {
            list.add(new Deferred(s, sessionLog.size()));
        }
    }

    /**
     * Waits for all data, then creates the deferred triggers in the loaded database and drops them
     * again (which validates them), or drops the triggers the file-order load left there, as the
     * tables cannot move with them; throws the first failure.
     */
    void finish() throws InterruptedException {
        for (BlockingQueue<Task> queue : queues) {
            enqueue(queue, STOP);
        }
        for (Thread t : workers) {
            t.join();
        }
        throwIfFailed();
        try (Statement st = control.createStatement()) {
            // the client's session ends here: what the script left uncommitted (autocommit off) is rolled back
            st.execute("ROLLBACK");
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot end the load's transaction: " + e.getMessage(), e);
        }
        if (inFileOrder) {
            for (String trigger : stagedTriggers) {
                try (Statement st = control.createStatement()) {
                    st.execute("DROP TRIGGER IF EXISTS " + rawDatabase + "." + raw(StatementHead.quote(trigger)));
                } catch (SQLException e) {
                    throw new io.cutkit.core.data.SnapshotException("Cannot drop trigger " + StatementHead.quote(trigger)
                            + " from the staging database: " + e.getMessage(), e);
                }
            }
        } else {
            createTriggers(deferredTriggers, true);
        }
        loadedWithTriggers.forEach((table, line) -> report.add(StatementHead.quote(table) + " loaded with its triggers in"
                + " place (created before its data, line " + triggerTables.get(table) + "), like the client: its rows"
                + " from line " + line + " on fired them"));
    }

    /**
     * Runs the script from {@code s} on in file order on the control connection, after the workers'
     * rows and with the triggers created so far in place: {@code s} may fire them (an INSERT into their
     * table, an UPDATE, a CALL), and what they write depends on that order.
     */
    private void loadInFileOrder(ScriptStatement s) throws InterruptedException {
        switchToFileOrder();
        report.add("line " + s.line() + ": " + s.preview(60).strip() + " may fire triggers the script created before it:"
                + " from there on the script loaded in file order on one connection, with its triggers in place");
    }

    /** Where a script's LOAD DATA LOCAL INFILE statements find relative file names: the script's directory. */
    void localFilesFrom(java.nio.file.Path directory) {
        this.scriptDirectory = directory;
    }

    /**
     * Runs a script's LOAD DATA LOCAL statement with the rows of {@code name}, read here as the client
     * reads it, but only from the script's directory (or below): a dump from elsewhere must not make
     * cutkit send this machine's other files to the target.
     */
    private void loadLocalFile(ScriptStatement s, String name) {
        java.nio.file.Path base = scriptDirectory == null ? null : scriptDirectory.toAbsolutePath().normalize();
        java.nio.file.Path file = base == null ? null : base.resolve(name).normalize();
        if (file == null || !file.startsWith(base)) {
            throw new StatementFailedException(sourceOf(s), s, new SQLException("File '" + name + "' is outside the"
                    + " script's directory" + (base == null ? "" : " " + base) + ": cutkit reads the files of a script's"
                    + " LOAD DATA LOCAL statements only from there; copy the file next to the script", "HY000", 2));
        }
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            rows.addAndGet(LocalDataLoad.load(control, inStaging(s, s.rawText(), true), in));
            statements.incrementAndGet();
        } catch (java.io.IOException e) {
            // the client's error 2 (File '...' not found), with the path it was looked for at
            throw new StatementFailedException(sourceOf(s), s, new SQLException("File '" + name + "' cannot be read as "
                    + file + " (" + e.getClass().getSimpleName() + ")", "HY000", 2));
        } catch (SQLException e) {
            throw new StatementFailedException(sourceOf(s), s, e);
        }
    }

    /** From here on, statements run in file order on the control connection, with the triggers created so far in place. */
    private void switchToFileOrder() throws InterruptedException {
        awaitAllCommitted();
        createTriggers(deferredTriggers, false);
        deferredTriggers.forEach(d -> stagedTriggers.add(d.statement().head().name()));
        deferredTriggers.clear();
        inFileOrder = true;
    }

    /**
     * Loads the whole script in file order on one connection, as the client runs it, because the
     * statement at {@code line} sets a user variable from the connection's earlier statements
     * ({@link DumpReport#fileOrderLine()}); call before the script's first statement.
     */
    void loadInFileOrderFor(long line) throws InterruptedException {
        switchToFileOrder();
        report.add("line " + line + ": the script sets a user variable from a query or function (or inserts"
                + " LAST_INSERT_ID(), rolls back, or leaves rows uncommitted): it loaded in file order on one connection,"
                + " as the client runs it");
    }

    /** Creates {@code triggers} in the staging database, each after the session statements before it; {@code dropAgain}: only validates them. */
    private void createTriggers(List<Deferred> triggers, boolean dropAgain) {
        if (triggers.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            prepareSession(c, true);
            int applied = 0;
            for (Deferred d : triggers) {
                applied = replay(c, applied, d.logSize());
                try (Statement st = c.createStatement()) {
                    st.execute(inStaging(d.statement(), stagingCopy(d.statement()), false));
                    if (dropAgain) {
                        st.execute("DROP TRIGGER " + rawDatabase + "." + raw(StatementHead.quote(d.statement().head().name())));
                    }
                } catch (SQLException e) {
                    throw new StatementFailedException(sourceOf(d.statement()), d.statement(), e);
                }
            }
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot open a connection to create triggers: "
                    + e.getMessage(), e);
        }
    }

    private void insertInFileOrder(ScriptStatement s, String sql, String table) {
        try (Statement st = control.createStatement()) {
            st.execute(sql);
            long count = Math.max(st.getUpdateCount(), 0);
            rows.addAndGet(count);
            tableRows.computeIfAbsent(table, k -> new AtomicLong()).addAndGet(count);
            statements.incrementAndGet();
        } catch (SQLException e) {
            throw new StatementFailedException(sourceOf(s), s, e);
        }
    }

    /**
     * Creates the dump's views, routines, triggers and events in the target, in dump order, each after
     * the session statements that preceded it, with the dump's drops of such objects (the target's own
     * objects of those names were set aside by {@link StagingArea#moveIn}); {@code ALTER DATABASE}
     * statements are applied to the target, and the dump's GRANT and REVOKE statements run there.
     */
    void createObjects() {
        if (objects.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            prepareSession(c, false);
            try (Statement st = c.createStatement()) {
                st.execute("USE " + rawTarget);
            }
            int applied = 0;
            for (Deferred d : objects) {
                applied = replay(c, applied, d.logSize());
                ScriptStatement s = d.statement();
                execute(c, s, switch (s.head().kind()) {
                    case ALTER_DATABASE -> renameDatabase(s.rawText(), rawTarget);
                    case DROP_VIEW, DROP_PROGRAM -> inTarget(s, s.rawText(), false);
                    default -> inTarget(s, definers(s), !PRIVILEGE_CHANGES.contains(s.head().verb()));
                });
            }
        } catch (SQLException e) {
            throw new io.cutkit.core.data.SnapshotException("Cannot open a connection to create views, triggers, routines"
                    + " and events: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (workers.stream().anyMatch(Thread::isAlive)) {
            failure.compareAndSet(null, new io.cutkit.core.data.SnapshotException("The import was stopped"));
            for (BlockingQueue<Task> queue : queues) {
                queue.clear();
                queue.offer(STOP);
            }
            for (Thread t : workers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        try {
            if (control != null) {
                control.close();
            }
        } catch (SQLException ignored) {
            // the connection is discarded with its session; nothing to restore
        }
    }

    private void set(ScriptStatement s) {
        String sql = s.rawText();
        if (FOREIGN_KEY_CHECKS_OFF.matcher(sql).find()) {
            foreignKeyChecksOffByDump = true;
        }
        if (GTID_PURGED.matcher(sql).find() || SET_GLOBAL.matcher(sql).find()) {
            notes.add("line " + s.line() + ": skipped " + s.preview(80) + " (global state is not the import's to change)");
            statements.incrementAndGet();
            return;
        }
        if (SQL_LOG_BIN.matcher(sql).find()) {
            try (Statement st = control.createStatement()) {
                st.execute(sql);
            } catch (SQLException denied) {
                notes.add("line " + s.line() + ": skipped " + s.preview(80) + " (not permitted: " + denied.getMessage() + ")");
            }
            statements.incrementAndGet();
            return;
        }
        if (stripNoAutoCreateUser && sql.toUpperCase(java.util.Locale.ROOT).contains("NO_AUTO_CREATE_USER")) {
            sql = stripNoAutoCreateUser(sql);
        }
        control(s, sql);
        synchronized (sessionLog) {
            sessionLog.add(sql);
        }
    }

    static String stripNoAutoCreateUser(String sql) {
        Matcher m = NO_AUTO_CREATE_USER.matcher(sql);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String found = m.group();
            boolean both = found.startsWith(",") && found.endsWith(",");
            m.appendReplacement(b, both ? "," : "");
        }
        m.appendTail(b);
        return b.toString();
    }

    /**
     * Creates the staging database a dump's {@code CREATE DATABASE} names, with its options. Where it
     * exists already the statement changes nothing, as for the client, unless the dump dropped the
     * database first: then the statement's character set and collation (the server's defaults when
     * it names none) become the staging database's, and so the target's at the move.
     */
    private void createTarget(ScriptStatement s) {
        statements.incrementAndGet();
        if (targetExists) {
            if (databaseDropped) {
                String options = databaseOptions(s);
                execute(control, s, "ALTER DATABASE " + rawDatabase + (options.isEmpty() ? serverDefaults(s) : options));
            }
            return;
        }
        execute(control, s, "CREATE DATABASE IF NOT EXISTS " + rawDatabase + databaseOptions(s));
        execute(control, s, "USE " + rawDatabase);
        targetExists = true;
    }

    /** The server's default character set and collation, as {@code CREATE DATABASE} clauses. */
    private String serverDefaults(ScriptStatement s) {
        try (Statement st = control.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT @@character_set_server, @@collation_server")) {
            rs.next();
            return " CHARACTER SET " + rs.getString(1) + " COLLATE " + rs.getString(2);
        } catch (SQLException e) {
            throw new StatementFailedException(sourceOf(s), s, e);
        }
    }

    /** The character set and collation clauses of a {@code CREATE DATABASE} statement, or "". */
    private static String databaseOptions(ScriptStatement s) {
        String charset = null;
        String collation = null;
        Matcher m = DATABASE_OPTIONS.matcher(s.text());
        while (m.find()) {
            if (m.group(1) != null) {
                charset = m.group(1);
            } else {
                collation = m.group(2);
            }
        }
        return (charset == null ? "" : " CHARACTER SET " + charset) + (collation == null ? "" : " COLLATE " + collation);
    }

    private static String renameDatabase(String sql, String rawName) {
        Matcher m = ALTER_DATABASE_NAME.matcher(sql);
        return m.find() ? sql.substring(0, m.start(2)) + rawName + sql.substring(m.end(2)) : sql;
    }

    /**
     * A view, routine or trigger as created in the staging database, where it only serves the load (it
     * fires, it is called, it is validated) and is dropped before the move: without its DEFINER, so that
     * it runs as the importing account, since the definer's privileges name the target, not the staging
     * database. The object the target keeps is created by {@link #createObjects()} with its definer.
     */
    private String stagingCopy(ScriptStatement s) {
        return raw(DefinerPolicy.strip().apply(s.text()));
    }

    private String definers(ScriptStatement s) {
        String text = targetsOwn.contains(s) ? s.text() : settings.definers().apply(s.text());
        return raw(text);
    }

    /**
     * {@code sql} with the names qualified by the dump's database or by the target pointed at the
     * staging database, where everything loads first; {@code reported}: list the rewrites of the dump's
     * database in the import's report (object bodies are listed when created in the target).
     */
    private String inStaging(ScriptStatement s, String sql, boolean reported) {
        String staged = sql;
        if (foreignDatabase != null) {
            QualifiedNames.Requalified r = QualifiedNames.requalify(staged, raw(foreignDatabase), raw(database));
            if (reported && redirectedFrom != null) {
                reportRewrites(s, r.rewrites());
            }
            staged = r.sql();
        }
        return QualifiedNames.requalify(staged, raw(target), raw(database)).sql();
    }

    /**
     * {@code sql} with the names qualified by the dump's database pointed at the target, when the
     * import redirects it; a view, routine, trigger or event {@code body} keeps them under
     * {@link JdbcSnapshotImporter.Builder#keepQualifiers}, which the report says.
     */
    private String inTarget(ScriptStatement s, String sql, boolean body) {
        if (redirectedFrom == null) {
            return sql;
        }
        QualifiedNames.Requalified r = QualifiedNames.requalify(sql, raw(redirectedFrom), raw(target));
        if (body && settings.keepQualifiers() && r.rewrites() > 0) {
            report.add("line " + s.line() + ": " + describe(s) + " keeps " + r.rewrites() + " name(s) qualified with "
                    + StatementHead.quote(redirectedFrom) + " as written (keepQualifiers): it uses that database, not "
                    + StatementHead.quote(target) + ", so the import is not identical to the script's database");
            return sql;
        }
        reportRewrites(s, r.rewrites());
        return r.sql();
    }

    private void reportRewrites(ScriptStatement s, int rewrites) {
        if (rewrites > 0) {
            report.add("line " + s.line() + ": " + describe(s) + ": " + rewrites + " name(s) qualified with "
                    + StatementHead.quote(redirectedFrom) + " now name the target " + StatementHead.quote(target));
        }
    }

    private static String describe(ScriptStatement s) {
        StatementHead head = s.head();
        return head.name() == null ? head.verb() : head.verb() + " " + StatementHead.quote(head.name());
    }

    /** Whether an INSERT or REPLACE inserts the rows of a query ({@code INSERT INTO t2 SELECT ... FROM t}) rather than values. */
    private static boolean insertsAQuery(ScriptStatement s) {
        Matcher m = INSERT_SOURCE.matcher(withoutQuotedNames(s.preview(300)));
        return m.find() && !m.group(1).toUpperCase(java.util.Locale.ROOT).startsWith("VALUE")
                && !m.group(1).equalsIgnoreCase("SET");
    }

    private static String withoutQuotedNames(String sql) {
        return QUOTED_NAME.matcher(sql).replaceAll("``");
    }

    private static String unquote(String name) {
        return name.startsWith("`") ? name.substring(1, name.length() - 1).replace("``", "`") : name;
    }

    private String requalify(String sql, String schema) {
        if (schema == null || foreignDatabase == null || !schema.equals(foreignDatabase)) {
            return sql;
        }
        String qualifier = raw(StatementHead.quote(schema)) + ".";
        int at = sql.indexOf(qualifier);
        if (at < 0 || at > StatementSplitter.HEAD_BYTES) {
            qualifier = raw(schema) + ".";
            at = sql.indexOf(qualifier);
        }
        return at < 0 ? sql : sql.substring(0, at) + rawDatabase + "." + sql.substring(at + qualifier.length());
    }

    private void control(ScriptStatement s, String sql) {
        execute(control, s, sql);
    }

    private void execute(Connection c, ScriptStatement s, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
            statements.incrementAndGet();
        } catch (SQLException e) {
            throw new StatementFailedException(sourceOf(s), s, e);
        }
    }

    /** Waits until the workers have committed every row queued so far, asking them to commit at once. */
    private void awaitAllCommitted() throws InterruptedException {
        if (pending.values().stream().allMatch(n -> n.get() == 0)) {
            return;
        }
        for (BlockingQueue<Task> queue : queues) {
            enqueue(queue, COMMIT_NOW);
        }
        synchronized (committed) {
            while (pending.values().stream().anyMatch(n -> n.get() > 0) && failure.get() == null) {
                committed.wait(50);
            }
        }
        throwIfFailed();
    }

    private void awaitCommitted(String table) throws InterruptedException {
        AtomicLong count = pending.get(table);
        if (count == null) {
            return;
        }
        synchronized (committed) {
            while (count.get() > 0 && failure.get() == null) {
                committed.wait(50);
            }
        }
        throwIfFailed();
    }

    /**
     * Hands {@code task} to a worker's queue. A worker whose connection failed has ended and drains
     * nothing, so while the queue is full this checks for that failure and throws it instead of
     * waiting forever (a stopped server used to hang the import here).
     */
    private void enqueue(BlockingQueue<Task> queue, Task task) throws InterruptedException {
        while (!queue.offer(task, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throwIfFailed();
        }
    }

    private void throwIfFailed() {
        RuntimeException f = failure.get();
        if (f != null) {
            throw f;
        }
    }

    private void prepareSession(Connection c, boolean useTarget) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("SET NAMES " + settings.characterSet());
            st.execute("SET SESSION foreign_key_checks = 0, unique_checks = 0");
            if (settings.skipBinlog()) {
                try {
                    st.execute("SET SESSION sql_log_bin = 0");
                } catch (SQLException notPermitted) {
                    // managed instances deny it; the load is then binlogged like any client's
                }
            }
            if (useTarget) {
                st.execute("USE " + rawDatabase);
            }
        }
    }

    private int replay(Connection c, int from, int to) throws SQLException {
        for (int i = from; i < to; i++) {
            String sql;
            synchronized (sessionLog) {
                sql = sessionLog.get(i);
            }
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }
        return Math.max(from, to);
    }

    /**
     * With table affinity a table's rows all go to one worker, chosen as the least loaded when the
     * table first appears: each worker then fills its tables in long transactions, which lets
     * MariaDB's bulk insert into empty tables build indexes by sorting. Without it, statements go
     * round-robin to all workers.
     */
    private int workerFor(String table, long bytes) {
        int w;
        if (settings.tableAffinity()) {
            w = tableWorker.computeIfAbsent(table, t -> leastBusyWorker());
        } else {
            w = nextWorker;
            nextWorker = (nextWorker + 1) % queues.size();
        }
        assignedBytes[w] += bytes;
        return w;
    }

    /**
     * The worker that runs every INSERT into {@code table} from the first whose result depends on the
     * order of rows ({@link OrderedInserts}) on, in file order: that first one waits until the table's
     * rows before it are committed. -1 while the table's INSERTs may run on any worker.
     */
    private int orderedWorker(String table, String sql, long bytes) throws InterruptedException {
        Integer bound = orderedTables.get(table);
        if (bound == null) {
            if (settings.tableAffinity() || !orderedInserts.needFileOrder(control, raw(table), sql)) {
                return -1;
            }
            for (BlockingQueue<Task> queue : queues) {
                enqueue(queue, COMMIT_NOW);
            }
            awaitCommitted(table);
            bound = leastBusyWorker();
            orderedTables.put(table, bound);
        }
        assignedBytes[bound] += bytes;
        return bound;
    }

    /** The worker with the fewest bytes assigned so far. */
    private int leastBusyWorker() {
        int least = 0;
        for (int i = 1; i < assignedBytes.length; i++) {
            if (assignedBytes[i] < assignedBytes[least]) {
                least = i;
            }
        }
        return least;
    }

    private void work(BlockingQueue<Task> queue) {
        List<String> touched = new ArrayList<>();
        List<Executed> inFlight = new ArrayList<>();
        long bytesSinceCommit = 0;
        int applied = 0;
        Connection c = null;
        try {
            while (true) {
                // a short wait before committing keeps transactions long while the reader serves other workers
                Task task = queue.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (task == null) {
                    if (c != null && !touched.isEmpty()) {
                        commit(c, touched, inFlight);
                        bytesSinceCommit = 0;
                    }
                    task = queue.take();
                }
                if (task == STOP) {
                    break;
                }
                if (task == COMMIT_NOW) {
                    if (c != null && !touched.isEmpty()) {
                        commit(c, touched, inFlight);
                        bytesSinceCommit = 0;
                    }
                    continue;
                }
                if (failure.get() != null) {
                    touched.add(task.table());
                    continue;
                }
                if (c == null) {
                    c = pool.getConnection();
                    prepareSession(c, true);
                    c.setAutoCommit(false);
                }
                applied = replay(c, applied, task.logSize());
                if (task.chunks() != null) {
                    // the table's own transaction: the bulk path only serves a transaction's first rows into an empty table
                    if (!touched.isEmpty()) {
                        commit(c, touched, inFlight);
                    }
                    touched.add(task.table());
                    try {
                        loadChunks(c, task.table(), task.chunks());
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                    commit(c, touched, inFlight);
                    bytesSinceCommit = 0;
                    continue;
                }
                if (!touched.isEmpty() && !touched.get(touched.size() - 1).equals(task.table())) {
                    // one table per transaction: two workers' bulk-insert table locks can then never wait on each other
                    commit(c, touched, inFlight);
                    bytesSinceCommit = 0;
                }
                try {
                    executeInTransaction(c, task, inFlight);
                } catch (SQLException e) {
                    failure.compareAndSet(null, new StatementFailedException(sourceOf(task.statement()), task.statement(), e));
                }
                touched.add(task.table());
                bytesSinceCommit += task.statement().length();
                if (bytesSinceCommit >= settings.commitBytes()) {
                    commit(c, touched, inFlight);
                    bytesSinceCommit = 0;
                }
            }
            if (c != null) {
                commit(c, touched, inFlight);
            }
        } catch (SQLException e) {
            failure.compareAndSet(null, new io.cutkit.core.data.SnapshotException("An import connection failed: "
                    + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            release(touched);
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing a broken connection
                }
            }
        }
    }

    private void loadChunks(Connection c, String table, List<ChunkFile> chunks) {
        for (ChunkFile chunk : chunks) {
            if (failure.get() != null) {
                return;
            }
            String source = chunk.file().toString();
            String sql = loadStatement(table, chunk.columns());
            String preview = sql.length() > 200 ? sql.substring(0, 200) : sql;
            long loaded = 0;
            try (java.io.InputStream in = java.nio.file.Files.newInputStream(chunk.file())) {
                if (localInfile) {
                    loaded = LocalDataLoad.load(c, raw(sql), in);
                    failOnWarnings(c, source, 0, preview);
                } else {
                    LoadDataTranscoder inserts = new LoadDataTranscoder(in, source, table, chunk.columns(), 1 << 20);
                    for (String insert; (insert = inserts.next()) != null; ) {
                        preview = insert.length() > 200 ? insert.substring(0, 200) : insert;
                        try (Statement st = c.createStatement()) {
                            st.execute(insert);
                            loaded += Math.max(st.getUpdateCount(), 0);
                        }
                        failOnWarnings(c, source, inserts.firstLine() - 1, preview);
                    }
                }
            } catch (SQLException e) {
                throw new StatementFailedException(source, 0, preview, e.getErrorCode(),
                        "error " + e.getErrorCode() + " (" + e.getMessage() + ")", e);
            } catch (java.io.IOException e) {
                throw new io.cutkit.core.data.SnapshotException("Cannot read " + source + ": " + e.getMessage(), e);
            }
            if (loaded != chunk.rows()) {
                throw new StatementFailedException(source, 0, preview, 0, "loaded " + loaded
                        + " rows but the manifest records " + chunk.rows() + "; the snapshot is inconsistent: export it again",
                        null);
            }
            rows.addAndGet(loaded);
            tableRows.computeIfAbsent(table, k -> new AtomicLong()).addAndGet(loaded);
            statements.incrementAndGet();
        }
    }

    /**
     * Throws when the last statement left warnings (a LOCAL load skips rows and truncates values with
     * a warning where an INSERT in strict mode would fail); {@code linesBefore} turns the row the
     * server names into the chunk's line.
     */
    private static void failOnWarnings(Connection c, String source, long linesBefore, String preview) throws SQLException {
        List<String> problems = new ArrayList<>();
        long line = 0;
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SHOW WARNINGS LIMIT 5")) {
            while (rs.next()) {
                if (!"Note".equalsIgnoreCase(rs.getString(1))) {
                    problems.add(rs.getString(1) + " " + rs.getInt(2) + ": " + rs.getString(3));
                    Matcher m = WARNING_ROW.matcher(rs.getString(3));
                    if (line == 0 && m.find()) {
                        line = linesBefore + Long.parseLong(m.group(1));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new StatementFailedException(source, line, preview, 0, "the server warned: " + String.join("; ", problems)
                    + " (the chunk does not fit the table: check the target's schema, or export again)", null);
        }
    }

    /**
     * The LOAD DATA statement for a chunk of {@code table}: fields and lines as {@link LoadDataWriter}
     * writes them, text declared as {@link ChunkManifest#LOAD_DATA_CHARACTER_SET}, an explicit column
     * list (generated columns are never in it), BIT columns through a variable holding hex digits.
     */
    static String loadStatement(String table, List<ChunkManifest.Column> columns) {
        StringBuilder list = new StringBuilder();
        StringBuilder set = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            ChunkManifest.Column col = columns.get(i);
            list.append(i == 0 ? "" : ",");
            if (col.kind() == ChunkManifest.ColumnKind.BIT) {
                list.append("@b").append(i);
                set.append(set.length() == 0 ? " SET " : ", ").append(StatementHead.quote(col.name()))
                        .append(" = CAST(CONV(@b").append(i).append(", 16, 10) AS UNSIGNED)");
            } else {
                list.append(StatementHead.quote(col.name()));
            }
        }
        return "LOAD DATA LOCAL INFILE 'cutkit-chunk' INTO TABLE " + StatementHead.quote(table) + " CHARACTER SET "
                + ChunkManifest.LOAD_DATA_CHARACTER_SET + " FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\'"
                + " LINES TERMINATED BY '\\n' (" + list + ")" + set;
    }

    private void commit(Connection c, List<String> touched, List<Executed> inFlight) throws SQLException {
        if (failure.get() == null) {
            c.commit();
        } else {
            c.rollback();
        }
        inFlight.clear();
        release(touched);
    }

    /**
     * Runs {@code task} in the worker's open transaction, whose earlier statements are {@code inFlight}.
     * A deadlock (error 1213) or lock wait timeout (1205) rolls the server's transaction back: the
     * transaction is then run again from its first statement, up to three times
     * with a short random pause, as the server's message asks ("try restarting transaction").
     */
    private void executeInTransaction(Connection c, Task task, List<Executed> inFlight) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt > 1) {
                    List<Executed> again = List.copyOf(inFlight);
                    inFlight.clear();
                    for (Executed done : again) {
                        inFlight.add(new Executed(done.task(), executeCounted(c, done.task())));
                    }
                }
                inFlight.add(new Executed(task, executeCounted(c, task)));
                return;
            } catch (SQLException e) {
                if ((e.getErrorCode() != 1213 && e.getErrorCode() != 1205) || attempt == DEADLOCK_ATTEMPTS) {
                    throw e;
                }
                c.rollback();
                for (Executed done : inFlight) {
                    count(done.task(), -done.rows(), -1);
                }
                LOG.debug("Import statement at line {} met a lock conflict ({}); running its transaction again",
                        task.statement().line(), e.getErrorCode());
                try {
                    Thread.sleep(20 + java.util.concurrent.ThreadLocalRandom.current().nextInt(80));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private long executeCounted(Connection c, Task task) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(task.sql());
            long count = Math.max(st.getUpdateCount(), 0);
            count(task, count, 1);
            return count;
        }
    }

    private void count(Task task, long rowCount, int statementCount) {
        rows.addAndGet(rowCount);
        tableRows.computeIfAbsent(task.table(), k -> new AtomicLong()).addAndGet(rowCount);
        statements.addAndGet(statementCount);
    }

    private void release(List<String> touched) {
        if (touched.isEmpty()) {
            return;
        }
        for (String table : touched) {
            pending.get(table).decrementAndGet();
        }
        touched.clear();
        synchronized (committed) {
            committed.notifyAll();
        }
    }

    /** A Java string as the one-char-per-byte form the byte-transparent connection sends. */
    static String raw(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** One LOAD DATA chunk file: where it is, the rows the manifest records, the columns its fields fill. */
    record ChunkFile(java.nio.file.Path file, long bytes, long rows, List<ChunkManifest.Column> columns) {
    }

    private record Task(ScriptStatement statement, String sql, int logSize, String table, List<ChunkFile> chunks) {
    }

    /** A statement of the open transaction and the rows it affected, kept to run the transaction again after a deadlock. */
    private record Executed(Task task, long rows) {
    }

    private record Deferred(ScriptStatement statement, int logSize) {
    }
}
