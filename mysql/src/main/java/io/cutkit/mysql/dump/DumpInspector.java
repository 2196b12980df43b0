package io.cutkit.mysql.dump;

import io.cutkit.mysql.account.AccountException;
import io.cutkit.mysql.account.AccountName;
import io.cutkit.mysql.account.DefinerPrivilegeCheck;
import io.cutkit.mysql.account.DefinerPrivilegeGap;
import io.cutkit.mysql.account.StoredObject;
import io.cutkit.mysql.script.ScriptFiles;
import io.cutkit.mysql.script.ScriptFormatException;
import io.cutkit.mysql.script.SourcedFileException;
import io.cutkit.mysql.script.ScriptStatement;
import io.cutkit.mysql.script.StatementHead;
import io.cutkit.mysql.script.StatementKind;
import io.cutkit.mysql.script.StatementSplitter;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;
import java.util.zip.ZipException;
import javax.sql.DataSource;

/**
 * Pre-flight check of a dump before it is imported: streams it once ({@code .sql}, gzip detected by
 * its magic bytes, or any stream) and reports with line numbers the databases it creates or
 * {@code USE}s, the collations and DEFINER accounts it needs, statements a managed instance
 * rejects, MariaDB's sandbox line, {@code NO_AUTO_CREATE_USER}, and tables with approximate rows. With
 * a target server it also checks collations and accounts there.
 *
 * <p>Cost: one sequential read; INSERT statements are scanned byte by byte but only their first
 * {@value StatementSplitter#HEAD_BYTES} bytes are kept, so memory stays small and plain files scan at
 * several hundred MB/s. Only I/O failures throw ({@link UncheckedIOException}); a broken dump is a
 * {@link DumpVerdict.Truncated} or {@link DumpVerdict.NotSql} verdict in the report.
 */
public final class DumpInspector {

    /** A user variable (not a system variable) given a value: {@code @id = } or {@code @id := }. */
    private static final Pattern USER_VARIABLE_SET = Pattern.compile("(?<![@\\w])@[`'\"]?[\\w$.]+[`'\"]?\\s*:?=");
    private static final Pattern INTO_USER_VARIABLE = Pattern.compile("(?i)\\bINTO\\s+@");
    private static final Pattern LAST_INSERT_ID = Pattern.compile("(?i)\\bLAST_INSERT_ID\\s*\\(");
    /** What makes a value depend on the statements before it: a query of tables or the last statement's outcome. */
    private static final Pattern READS_STATE = Pattern.compile("(?i)\\b(?:FROM|LAST_INSERT_ID|ROW_COUNT|FOUND_ROWS)\\b");
    private static final Pattern AUTOCOMMIT = Pattern.compile("(?i)\\bautocommit\\s*:?=\\s*'?(\\w+)");
    private static final Set<String> COMMITTING_VERBS = Set.of("COMMIT", "BEGIN", "START", "ROLLBACK", "TRUNCATE", "LOCK",
            "UNLOCK");
    private static final Set<String> ROW_CHANGING_VERBS = Set.of("UPDATE", "DELETE", "LOAD", "CALL");
    private static final Pattern SERVER_CATALOGS = Pattern.compile("(?i)\\b(?:INFORMATION_SCHEMA|performance_schema)\\b");
    private static final Pattern TEMPORARY = Pattern.compile("(?i)\\s*CREATE\\s+(?:OR\\s+REPLACE\\s+)?TEMPORARY\\b");
    private static final Pattern IF_NOT_EXISTS = Pattern.compile("(?i)\\s*CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\b");

    private static final Pattern COLLATE = Pattern.compile(
            "(?i)(?:\\bCOLLATE\\s*(?:=\\s*)?|\\bcollation_(?:connection|server|database)\\s*=\\s*)['\"`]?([A-Za-z0-9_]+)");
    private static final Pattern GTID_PURGED = Pattern.compile("(?i)@@(?:GLOBAL\\.)?GTID_PURGED\\s*=");
    private static final Pattern SQL_LOG_BIN = Pattern.compile("(?i)SQL_LOG_BIN\\s*=");
    private static final Pattern SET_GLOBAL = Pattern.compile("(?i)^(?:/\\*!\\d+\\s*)?SET\\s+(?:GLOBAL\\s|@@GLOBAL\\.)");
    private static final Pattern NO_AUTO_CREATE_USER = Pattern.compile("(?i)sql_mode\\s*=.*NO_AUTO_CREATE_USER");
    private static final Pattern VALUES_WORD = Pattern.compile("(?i)\\b(?:VALUES?|SELECT|SET)\\b");
    private static final Pattern ROUTINE_TYPE = Pattern.compile("(?i)\\b(PROCEDURE|FUNCTION)\\b");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DumpInspector.class);
    /** Statements the server refuses while the session holds a LOCK TABLES. */
    private static final Set<StatementKind> FAILS_UNDER_LOCK = EnumSet.of(StatementKind.CREATE_TABLE,
            StatementKind.DROP_TABLE, StatementKind.CREATE_VIEW, StatementKind.DROP_VIEW, StatementKind.CREATE_TRIGGER,
            StatementKind.CREATE_ROUTINE, StatementKind.CREATE_EVENT, StatementKind.DROP_PROGRAM,
            StatementKind.CREATE_DATABASE, StatementKind.DROP_DATABASE, StatementKind.ALTER_DATABASE);
    /** Statements on one table's rows, which the server refuses on a table the session's LOCK TABLES leaves out. */
    private static final Set<StatementKind> TABLE_DATA = EnumSet.of(StatementKind.INSERT, StatementKind.ALTER_TABLE_KEYS);
    private static final Pattern LOCKED_TABLE = Pattern.compile("(?i)`((?:[^`]|``)+)`(?:\\s+AS\\s+\\S+)?\\s+(?:READ|WRITE)");
    private static final Set<String> SUPER_ONLY_STARTS = Set.of("CHANGE", "RESET", "PURGE", "BINLOG", "STOP", "KILL");

    private final String targetDatabase;
    private final DataSource targetServer;

    private DumpInspector(Builder b) {
        this.targetDatabase = b.targetDatabase;
        this.targetServer = b.targetServer;
    }

    /** A builder; without a target the report lists what the dump names but checks nothing on a server. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Inspects a file (plain or gzip), with the statements of the files its {@code source} commands
     * name, resolved against its directory ({@link ScriptFiles}).
     */
    public DumpReport inspect(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return inspect(in, file.toString(), file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dump " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Inspects a stream (plain or gzip); does not close it. A {@code source} command in it is reported
     * as not SQL: only a file's directory tells where the sourced file is ({@link #inspect(Path)}).
     */
    public DumpReport inspect(InputStream stream, String sourceName) {
        return inspect(stream, sourceName, null);
    }

    private DumpReport inspect(InputStream stream, String sourceName, Path baseDirectory) {
        long started = System.nanoTime();
        Scan scan = new Scan(targetServer == null ? null : TargetServer.of(targetServer));
        DumpInput input;
        try {
            input = DumpInput.open(stream);
        } catch (EOFException | ZipException e) {
            return new DumpReport(sourceName, targetDatabase, 0, 0, 0, Duration.ofNanos(System.nanoTime() - started),
                    List.of(), Map.of(), List.of(), List.of(), Map.of(), List.of(new DumpVerdict.Truncated(1,
                            "it starts like gzip but its header is cut short or corrupt (" + e.getMessage() + ")")), true,
                    Map.of(), null, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dump " + sourceName + ": " + e.getMessage(), e);
        }
        StatementSplitter splitter = StatementSplitter.headsOnly(input);
        ScriptFiles statements = baseDirectory == null ? null
                : ScriptFiles.following(splitter, baseDirectory, StatementSplitter::headsOnly);
        ScriptStatement last = null;
        try {
            for (ScriptStatement s; (s = statements == null ? splitter.next() : statements.next()) != null; ) {
                last = s;
                if (!scan.take(s)) {
                    break;
                }
            }
            if (scan.stopped == null) {
                if (last == null) {
                    scan.verdicts.add(new DumpVerdict.NotSql(0, "it contains no SQL statement"));
                } else if (!last.terminated()) {
                    scan.verdicts.add(new DumpVerdict.Truncated(last.line(), "the last statement (line " + last.line()
                            + ") has no closing delimiter: \"" + last.preview(60) + "\""));
                } else if (input.lacksDumpToolTrailer()) {
                    scan.verdicts.add(new DumpVerdict.Truncated(splitter.currentLine(), "its header names mysqldump or"
                            + " mariadb-dump but it lacks their closing '-- Dump completed' line"));
                }
            }
        } catch (SourcedFileException e) {
            scan.verdicts.add(new DumpVerdict.NotSql(e.line(), e.getMessage()));
        } catch (ScriptFormatException e) {
            scan.verdicts.add(new DumpVerdict.Truncated(e.line(), e.getMessage()));
        } catch (EOFException | ZipException e) {
            scan.verdicts.add(new DumpVerdict.Truncated(splitter.currentLine(), "the gzip stream ends early or is corrupt ("
                    + e.getMessage() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dump " + sourceName + ": " + e.getMessage(), e);
        } finally {
            closeSourced(statements);
        }
        if (input.nulLine() > 0) {
            scan.verdicts.add(new DumpVerdict.NotSql(input.nulLine(), "line " + input.nulLine() + " holds a NUL byte, which"
                    + " the mariadb client refuses (it stops there, after loading the statements before it); dump tools"
                    + " write it as \\0, so the file is damaged or not a dump"));
        }
                if (splitter.sandboxMarkerLine() > 0) {
            scan.verdicts.add(0, new DumpVerdict.SandboxMarker(splitter.sandboxMarkerLine()));
        }
        if (scan.fileOrderLine == 0 && scan.autocommitOff && scan.uncommittedLine > 0) {
            scan.fileOrderLine = scan.uncommittedLine; // the client rolls those rows back when it exits
        }
        scan.checkAgainstTarget();
        return new DumpReport(sourceName, targetDatabase, splitter.bytesRead(), splitter.currentLine(),
                splitter.statementsRead(), Duration.ofNanos(System.nanoTime() - started), scan.databases,
                scan.collations, scan.definers, List.copyOf(scan.tables.values()), scan.otherStatements, scan.verdicts,
                input.gzip(), scan.keepsExistingRows, scan.databaseCollation, scan.fileOrderLine);
    }

    /** Closes the files {@code source} commands opened (and the script, which the caller of {@link #inspect(Path)} closes anyway). */
    private static void closeSourced(ScriptFiles statements) {
        if (statements != null) {
            try {
                statements.close();
            } catch (IOException e) {
                LoggerFactory.getLogger(DumpInspector.class).debug("Closing sourced files: {}", e.getMessage());
            }
        }
    }

    /** The state of one scan. */
    private final class Scan {
        final List<DatabaseReference> databases = new ArrayList<>();
        final Map<String, Long> collations = new LinkedHashMap<>();
        final List<DefinerUse> definers = new ArrayList<>();
        /** The CREATE statement of each of {@link #definers}, in the same order, for the privilege check. */
        final List<String> definitions = new ArrayList<>();
        final Map<String, TableSummary> tables = new LinkedHashMap<>();
        /** For each table named, whether the first statement about it keeps a target table's rows. */
        final Map<String, Boolean> keepsExistingRows = new LinkedHashMap<>();
        final CreateConflicts createConflicts = new CreateConflicts();
        /** See {@link DumpReport#fileOrderLine()}. */
        long fileOrderLine;
        /** Whether the script turned autocommit off (and not on again). */
        boolean autocommitOff;
        /** With autocommit off, the first statement changing rows since the last commit, or 0. */
        long uncommittedLine;
        /** Whether a DROP DATABASE came: every table named after it starts empty, as in the client's load. */
        boolean databaseDropped;
        final Map<String, Long> otherStatements = new LinkedHashMap<>();
        final List<DumpVerdict> verdicts = new ArrayList<>();
        final List<Long> noAutoCreateUserLines = new ArrayList<>();
        /** Line of the LOCK TABLES in force, or -1. */
        long lockLine = -1;
        final Set<String> lockedTables = new LinkedHashSet<>();
        boolean lockReported;
        /** The target's max_allowed_packet, or no limit without a target. */
        final long packetLimit;
        long firstTooLargeLine;
        long firstTooLargeBytes;
        long largestTooLarge;
        int tooLarge;
        /** The collation of the dump's first CREATE DATABASE, if it names one. */
        String databaseCollation;
        long databaseCollationLine;
        ScriptStatement stopped;

        /** The target, read once per inspection; null without one. */
        final TargetServer server;

        Scan(TargetServer server) {
            this.server = server;
            this.packetLimit = server == null ? Long.MAX_VALUE : server.maxAllowedPacket();
        }

        /** Records one statement; false to stop scanning (not SQL). */
        /**
         * The client keeps a dump's {@code LOCK TABLES} until its {@code UNLOCK TABLES} and stops at the first
         * DDL in between (error 1192 or 1100), after loading what came before; cutkit ignores the locks, so
         * such a dump (a line lost) is refused, once.
         */
        private void checkLock(ScriptStatement s, StatementHead head) {
            StatementKind kind = head.kind();
            if (kind == StatementKind.LOCK_TABLES || kind == StatementKind.UNLOCK_TABLES) {
                lockLine = kind == StatementKind.LOCK_TABLES ? s.line() : -1;
                lockedTables.clear();
                Matcher m = LOCKED_TABLE.matcher(s.text());
                while (kind == StatementKind.LOCK_TABLES && m.find()) {
                    lockedTables.add(m.group(1).replace("``", "`"));
                }
                return;
            }
            // only backtick-quoted names (as dump tools write them) are read; an unread list checks nothing
            boolean outsideLock = TABLE_DATA.contains(kind) && head.name() != null && !lockedTables.isEmpty()
                    && !lockedTables.contains(head.name());
            if (lockLine > 0 && !lockReported && (FAILS_UNDER_LOCK.contains(kind) || outsideLock)) {
                lockReported = true;
                verdicts.add(new DumpVerdict.NotSql(s.line(), "the LOCK TABLES of line " + lockLine + " is still in force at"
                        + " line " + s.line() + (outsideLock ? ", which names a table it does not lock" : " (its UNLOCK TABLES"
                        + " is missing)") + ", where the mariadb client stops with error 1192 or 1100 after loading the"
                        + " statements before it"));
            }
        }

        boolean take(ScriptStatement s) {
            if (s.length() + 1 > packetLimit) { // the client sends the statement plus a command byte as one packet
                if (tooLarge++ == 0) {
                    firstTooLargeLine = s.line();
                    firstTooLargeBytes = s.length();
                }
                largestTooLarge = Math.max(largestTooLarge, s.length());
            }
            StatementHead head = s.head();
            checkLock(s, head);
            noteFirstUse(s, head);
            if (fileOrderLine == 0 && dependsOnConnectionState(s, head)) {
                fileOrderLine = s.line();
            }
            followAutocommit(s, head);
            switch (head.kind()) {
                case INSERT -> {
                    landsElsewhere(s, head.schema());
                    long rows = s.topLevelGroups() - (hasColumnList(s) ? 1 : 0);
                    if (head.name() != null) { // no table name: the server rejects the statement, there is no table to count
                        tables.compute(head.name(), (k, t) -> (t == null ? new TableSummary(k, 0, 0, 0, 0) : t)
                                .withInsert(Math.max(rows, 0), s.length()));
                    }
                }
                case USE, CREATE_DATABASE, ALTER_DATABASE, DROP_DATABASE -> {
                    if (head.name() != null) {
                        databases.add(new DatabaseReference(s.line(), head.kind(), head.name()));
                        landsElsewhere(s, head.name());
                    }
                    if (head.kind() == StatementKind.CREATE_DATABASE && databaseCollation == null && s.complete()) {
                        Matcher m = COLLATE.matcher(s.text());
                        if (m.find()) {
                            databaseCollation = m.group(1);
                            databaseCollationLine = s.line();
                        }
                    }
                    collationsOf(s);
                }
                case CREATE_TABLE -> {
                    landsElsewhere(s, head.schema());
                    if (head.name() != null) {
                        tables.compute(head.name(), (k, t) -> t == null ? new TableSummary(k, s.line(), 0, 0, 0)
                                : new TableSummary(k, s.line(), t.insertStatements(), t.approximateRows(), t.dataBytes()));
                    }
                    collationsOf(s);
                }
                case SET -> set(s);
                case CREATE_VIEW, CREATE_TRIGGER, CREATE_ROUTINE, CREATE_EVENT -> {
                    DefinerPolicy.Clause.find(s.text()).ifPresent(d -> {
                        definers.add(new DefinerUse(s.line(), d[0], d[1], head.kind(), head.name()));
                        definitions.add(s.text());
                    });
                    collationsOf(s);
                }
                case NOT_SQL -> {
                    verdicts.add(new DumpVerdict.NotSql(s.line(), "the statement at " + s.file().map(f -> f + " ").orElse("")
                            + "line " + s.line() + " does not start with a SQL keyword: \"" + printable(s.preview(60)) + "\""));
                    stopped = s;
                    return false;
                }
                case SOURCE -> {
                    verdicts.add(new DumpVerdict.NotSql(s.line(), "line " + s.line() + " runs another file (source " + head.name()
                            + "), which cutkit follows only in a script read from a file: give the script's path"));
                    stopped = s;
                    return false;
                }
                case OTHER -> other(s, head);
                default -> collationsOf(s);
            }
            return true;
        }

        /**
         * Whether {@code s} gives a user variable a value that depends on the connection's earlier
         * statements, or rolls them back, see {@link DumpReport#fileOrderLine()}.
         */
        private static boolean dependsOnConnectionState(ScriptStatement s, StatementHead head) {
            if (head.kind() == StatementKind.OTHER && head.verb().equals("ROLLBACK")) {
                return true; // it undoes the rows before it only on the connection that inserted them
            }
            String text = s.text();
            boolean assigns = switch (head.kind()) {
                case SET -> USER_VARIABLE_SET.matcher(text).find();
                case OTHER -> text.contains(":=") || INTO_USER_VARIABLE.matcher(text).find();
                case INSERT -> LAST_INSERT_ID.matcher(text).find();
                default -> false;
            };
            // mysqldump's own probes of the server's catalogs (its rocksdb lines) read no data the script wrote
            return assigns && READS_STATE.matcher(text).find() && !SERVER_CATALOGS.matcher(text).find();
        }

        /**
         * Follows {@code SET autocommit}, the statements that commit (COMMIT, BEGIN, DDL) and those that
         * change rows, for {@link #uncommittedLine}.
         */
        private void followAutocommit(ScriptStatement s, StatementHead head) {
            Matcher autocommit = head.kind() == StatementKind.SET ? AUTOCOMMIT.matcher(s.text()) : null;
            if (autocommit != null && autocommit.find()) {
                autocommitOff = autocommit.group(1).equals("0") || autocommit.group(1).equalsIgnoreCase("OFF")
                        || autocommit.group(1).equalsIgnoreCase("FALSE");
                uncommittedLine = 0;
            } else if (COMMITTING_VERBS.contains(head.verb()) || head.verb().startsWith("CREATE ")
                    || head.verb().startsWith("DROP ") || head.verb().startsWith("ALTER ") || head.verb().startsWith("RENAME")) {
                uncommittedLine = 0;
            } else if (autocommitOff && uncommittedLine == 0 && (head.kind() == StatementKind.INSERT
                    || ROW_CHANGING_VERBS.contains(head.verb()))) {
                uncommittedLine = s.line();
            }
        }

        /** Records whether the first statement naming a table keeps the rows a target table of that name holds. */
        private void noteFirstUse(ScriptStatement s, StatementHead head) {
            String table = head.kind() == StatementKind.CREATE_TRIGGER ? ParallelLoader.triggerTable(s.text()) : head.name();
            boolean ownDatabase = head.kind() == StatementKind.CREATE_TRIGGER || head.schema() == null
                    || databases.stream().anyMatch(d -> head.schema().equals(d.database()));
            createConflicts.note(s, head, ownDatabase);
            if (head.kind() == StatementKind.DROP_DATABASE) {
                keepsExistingRows.replaceAll((name, keeps) -> false); // the client finds none of them after this
                databaseDropped = true;
                return;
            }
            Boolean keeps = switch (head.kind()) {
                case INSERT, ALTER_TABLE, ALTER_TABLE_KEYS, CREATE_TRIGGER -> true;
                case DROP_TABLE -> false;
                case CREATE_TABLE -> TEMPORARY.matcher(s.text()).lookingAt() ? null : IF_NOT_EXISTS.matcher(s.text()).lookingAt();
                default -> null;
            };
            if (keeps != null && table != null && ownDatabase) {
                keepsExistingRows.putIfAbsent(table, keeps && !databaseDropped);
            }
        }

        /** A statement cutkit runs as it is, in file order: counted by its verb. */
        private void other(ScriptStatement s, StatementHead head) {
            otherStatements.merge(head.verb(), 1L, Long::sum);
            if (SUPER_ONLY_STARTS.contains(head.verb())) {
                verdicts.add(new DumpVerdict.ManagedInstanceRejects(s.line(), printable(s.preview(120)),
                        "replication or server administration statement"));
            }
            collationsOf(s);
        }

        private void set(ScriptStatement s) {
            String text = s.text();
            if (GTID_PURGED.matcher(text).find()) {
                verdicts.add(new DumpVerdict.ManagedInstanceRejects(s.line(), printable(s.preview(120)),
                        "sets GTID_PURGED"));
            } else if (SQL_LOG_BIN.matcher(text).find()) {
                verdicts.add(new DumpVerdict.ManagedInstanceRejects(s.line(), printable(s.preview(120)),
                        "sets SQL_LOG_BIN"));
            } else if (SET_GLOBAL.matcher(text).find()) {
                verdicts.add(new DumpVerdict.ManagedInstanceRejects(s.line(), printable(s.preview(120)),
                        "sets a global variable"));
            }
            if (NO_AUTO_CREATE_USER.matcher(text).find()) {
                noAutoCreateUserLines.add(s.line());
            }
            collationsOf(s);
        }

        private void landsElsewhere(ScriptStatement s, String database) {
            if (database != null && targetDatabase != null && !database.equals(targetDatabase)) {
                verdicts.add(new DumpVerdict.LandsElsewhere(s.line(), s.head().kind(), database, targetDatabase));
            }
        }

        private void collationsOf(ScriptStatement s) {
            if (!s.complete()) {
                return;
            }
            Matcher m = COLLATE.matcher(s.text());
            while (m.find()) {
                collations.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), s.line());
            }
        }

        void checkAgainstTarget() {
            for (long line : noAutoCreateUserLines) {
                verdicts.add(new DumpVerdict.NoAutoCreateUser(line, server == null || server.rejectsNoAutoCreateUser()));
            }
            if (server == null) {
                definers.forEach(d -> verdicts.add(
                        new DumpVerdict.MissingDefiner(d.line(), d.account(), d.object(), d.objectName(), false)));
                return;
            }
            if (tooLarge > 0) {
                verdicts.add(new DumpVerdict.StatementTooLarge(firstTooLargeLine, firstTooLargeBytes, largestTooLarge, tooLarge,
                        packetLimit));
            }
            if (databaseCollation != null && targetDatabase != null) {
                server.databaseCollation(targetDatabase).filter(existing -> !existing.equalsIgnoreCase(databaseCollation))
                        .ifPresent(existing -> verdicts.add(new DumpVerdict.TargetCollationDiffers(databaseCollationLine,
                                targetDatabase, existing, databaseCollation)));
            }
            if (targetDatabase != null) {
                verdicts.addAll(createConflicts.against(server, targetDatabase));
            }
            collations.forEach((collation, line) -> {
                if (!server.supportsCollation(collation)) {
                    verdicts.add(new DumpVerdict.UnknownCollation(line, collation));
                }
            });
            List<StoredObject> existing = new ArrayList<>();
            Map<String, DefinerUse> byObject = new LinkedHashMap<>();
            for (int i = 0; i < definers.size(); i++) {
                DefinerUse d = definers.get(i);
                TargetServer.AccountStatus status = server.account(d.user(), d.host());
                if (status != TargetServer.AccountStatus.EXISTS) {
                    verdicts.add(new DumpVerdict.MissingDefiner(d.line(), d.account(), d.object(), d.objectName(),
                            status == TargetServer.AccountStatus.MISSING));
                } else if (d.objectName() != null) {
                    String type = objectType(d, definitions.get(i));
                    StoredObject object = new StoredObject(new AccountName(d.user(), d.host()), type, d.objectName(),
                            DefinerNeeds.of(type, definitions.get(i)));
                    existing.add(object);
                    byObject.put(object.objectType() + " " + object.objectName(), d);
                }
            }
            checkDefinerPrivileges(existing, byObject);
        }

        /** Definers that exist must also hold what their objects need in the database the dump lands in. */
        private void checkDefinerPrivileges(List<StoredObject> objects, Map<String, DefinerUse> byObject) {
            Set<String> named = new LinkedHashSet<>();
            databases.forEach(d -> named.add(d.database()));
            String database = targetDatabase != null ? targetDatabase : named.stream().findFirst().orElse(null);
            if (objects.isEmpty() || database == null) {
                return;
            }
            try {
                for (DefinerPrivilegeGap gap : DefinerPrivilegeCheck.of(targetServer).check(database, named, objects)) {
                    DefinerUse d = byObject.get(gap.objectType() + " " + gap.objectName());
                    verdicts.add(new DumpVerdict.DefinerLacksPrivileges(d.line(), gap));
                }
            } catch (AccountException unreadable) {
                LOG.warn("Could not check the privileges of the dump's DEFINER accounts: {}", unreadable.getMessage());
            }
        }
    }

    private static String objectType(DefinerUse d, String definition) {
        return switch (d.object()) {
            case CREATE_VIEW -> "VIEW";
            case CREATE_TRIGGER -> "TRIGGER";
            case CREATE_EVENT -> "EVENT";
            default -> ROUTINE_TYPE.matcher(definition).results().findFirst()
                    .map(m -> m.group(1).toUpperCase(Locale.ROOT)).orElse("ROUTINE");
        };
    }

    private static boolean hasColumnList(ScriptStatement s) {
        String head = s.preview(StatementSplitter.HEAD_BYTES);
        int paren = head.indexOf('(');
        if (paren < 0) {
            return false;
        }
        return !VALUES_WORD.matcher(head.substring(0, paren)).find();
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0xfffd) {
                b.append(c == '\n' ? " " : "?");
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    /** Configures a {@link DumpInspector}. */
    public static final class Builder {
        private String targetDatabase;
        private DataSource targetServer;

        private Builder() {
        }

        /** The database the dump is meant to land in; statements naming another are reported. */
        public Builder targetDatabase(String name) {
            this.targetDatabase = name;
            return this;
        }

        /** The server the dump will be loaded into: collations and DEFINER accounts are checked there. */
        public Builder targetServer(DataSource dataSource) {
            this.targetServer = dataSource;
            return this;
        }

        public DumpInspector build() {
            return new DumpInspector(this);
        }
    }

    /** The definer accounts of a report that are missing on the target, as {@code `user`@`host`}. */
    public static List<String> missingDefiners(DumpReport report) {
        return report.verdicts(DumpVerdict.MissingDefiner.class).stream().map(DumpVerdict.MissingDefiner::account)
                .distinct().toList();
    }
}
