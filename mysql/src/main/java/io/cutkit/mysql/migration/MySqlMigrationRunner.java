package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;
import io.cutkit.mysql.Redaction;
import io.cutkit.core.migration.GuardRefusedException;
import io.cutkit.core.migration.MigrationException;
import io.cutkit.core.migration.MigrationFailedException;
import io.cutkit.core.migration.MigrationLockTimeoutException;
import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.MigrationResult;
import io.cutkit.core.migration.MigrationRunner;
import io.cutkit.core.migration.PlanConflictException;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.migration.StalePlanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link MigrationRunner} for MySQL and MariaDB over JDBC. Reads one or more histories (the first is the
 * one it writes), plans with fork-aware identity (name plus content checksum), and applies under
 * {@code GET_LOCK} on one connection, so concurrent runners never apply the same migration twice. Each
 * migration runs with autocommit on (MySQL commits DDL implicitly anyway); every statement is recorded as
 * it succeeds, and a failure is recorded in histories that can hold one. Such a history also records each
 * migration's start, so one whose process was killed part-way is refused by the next plan instead of
 * being run again from its first statement.
 *
 * <pre>{@code
 * MigrationRunner runner = MySqlMigrationRunner.builder(dataSource)
 *     .source(MigrationSource.directory(Path.of("migrations")))
 *     .history(MigrationHistory.cutkit())
 *     .alsoRead(MigrationHistory.sequelizeMeta())
 *     .build();
 * MigrationPlan plan = runner.plan();
 * System.out.println(plan.toText());
 * runner.migrate(plan);
 * }</pre>
 */
public final class MySqlMigrationRunner implements MigrationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(MySqlMigrationRunner.class);

    private final DataSource dataSource;
    private final MigrationSource source;
    private final Optional<MigrationSource> reference;
    private final List<MigrationHistory> histories;
    private final MigrationPlanner planner;
    private final String lineage;
    private final Duration lockWait;
    private final Optional<String> lockName;
    private final List<MigrationHook> hooks;
    private final Optional<String> appliedBy;
    private final Clock clock;

    private MySqlMigrationRunner(Builder b) {
        this.dataSource = b.dataSource;
        this.source = Objects.requireNonNull(b.source, "source: call source(MigrationSource) on the builder");
        this.reference = Optional.ofNullable(b.reference);
        List<MigrationHistory> all = new ArrayList<>();
        all.add(b.history);
        all.addAll(b.alsoRead);
        this.histories = List.copyOf(all);
        this.planner = new MigrationPlanner(b.collisionPolicy, b.allowOutOfOrder, b.lineage);
        this.lineage = b.lineage;
        this.lockWait = b.lockWait;
        this.lockName = Optional.ofNullable(b.lockName);
        this.hooks = List.copyOf(b.hooks);
        this.appliedBy = Optional.ofNullable(b.appliedBy);
        this.clock = b.clock;
    }

    /** Starts a configuration for the database {@code dataSource} connects to. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public MigrationPlan plan() {
        List<Migration> local = source.load();
        try (Connection c = dataSource.getConnection()) {
            return plan(c, local);
        } catch (SQLException e) {
            throw new MigrationException("Cannot read the migration history: " + e.getMessage(), e);
        }
    }

    @Override
    public MigrationResult migrate(MigrationPlan plan) {
        Objects.requireNonNull(plan, "plan");
        if (!plan.executable()) {
            throw new PlanConflictException(plan.conflicts());
        }
        Map<String, Migration> byName = byName(source.load());
        for (PlanEntry.Apply a : plan.toApply()) {
            Migration m = byName.get(a.name());
            if (m == null || !m.checksum().equals(a.checksum())) {
                throw new MigrationException("Migration " + a.name() + (m == null ? " is no longer available"
                        : " changed (" + m.origin() + ")") + " since the plan was made; nothing was applied. Plan again.");
            }
        }
        return withLock(c -> {
            History now = readHistory(c);
            if (now.count() != plan.historyRows() || !now.hash().equals(plan.historyHash())) {
                throw new StalePlanException(plan.historyRows(), now.count(), plan.historyHash(), now.hash());
            }
            return run(c, plan, byName);
        });
    }

    @Override
    public MigrationResult migrate() {
        List<Migration> local = source.load();
        return withLock(c -> {
            MigrationPlan plan = plan(c, local);
            if (!plan.executable()) {
                throw new PlanConflictException(plan.conflicts());
            }
            return run(c, plan, byName(local));
        });
    }

    private MigrationPlan plan(Connection c, List<Migration> local) throws SQLException {
        History history = readHistory(c);
        List<Migration> ref = reference.map(MigrationSource::load).orElse(List.of());
        MigrationPlanner.Result result = planner.plan(local, ref, history.applied());
        return new MigrationPlan(database(c), histories.stream().map(MigrationHistory::describe).toList(),
                result.entries(), history.count(), history.hash(), result.notes(), clock.instant());
    }

    private record History(List<AppliedMigration> applied, String hash) {
        long count() {
            return applied.size();
        }
    }

    private History readHistory(Connection c) throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        for (MigrationHistory h : histories) {
            rows.addAll(h.read(c));
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (AppliedMigration r : rows) {
            lines.add(r.store() + '\u0000' + r.name() + '\u0000' + r.version() + '\u0000' + r.checksum().orElse("")
                    + '\u0000' + r.lineage() + '\u0000' + r.succeeded());
        }
        lines.sort(null);
        MessageDigest digest = Checksums.digest();
        for (String line : lines) {
            digest.update(line.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
        }
        return new History(rows, HexFormat.of().formatHex(digest.digest()));
    }

    private interface LockedWork {
        MigrationResult run(Connection c) throws SQLException;
    }

    private MigrationResult withLock(LockedWork work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            String lock = lockName.orElseGet(() -> defaultLockName(c));
            try (PreparedStatement ps = c.prepareStatement("SELECT GET_LOCK(?, ?)")) {
                ps.setString(1, lock);
                ps.setDouble(2, lockWait.toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int got = rs.getInt(1);
                    if (rs.wasNull() || got != 1) {
                        throw new MigrationLockTimeoutException(lock, lockWait);
                    }
                }
            }
            try {
                return work.run(c);
            } finally {
                try (PreparedStatement ps = c.prepareStatement("SELECT RELEASE_LOCK(?)")) {
                    ps.setString(1, lock);
                    ps.executeQuery().close();
                } catch (SQLException e) {
                    LOG.warn("Could not release migration lock {}; it is released when the connection closes: {}", lock, e.getMessage());
                }
            }
        } catch (SQLException e) {
            throw new MigrationException("Migration run failed on the database: " + e.getMessage(), e);
        }
    }

    private String defaultLockName(Connection c) {
        try {
            String name = "cutkit.migrate." + database(c);
            if (name.length() <= 64) {
                return name;
            }
            return "cutkit.migrate." + Checksums.sha256(name).substring(7, 7 + 40);
        } catch (SQLException e) {
            throw new MigrationException("Cannot name the migration lock: " + e.getMessage(), e);
        }
    }

    private static String database(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT DATABASE()")) {
            rs.next();
            String db = rs.getString(1);
            if (db == null) {
                throw new MigrationException("The connection has no current database; give the DataSource a database"
                        + " in its URL so the runner knows where the history lives.");
            }
            return db;
        }
    }

    private MigrationResult run(Connection c, MigrationPlan plan, Map<String, Migration> byName) throws SQLException {
        Instant started = clock.instant();
        for (MigrationHook hook : hooks) {
            try {
                hook.beforeRun(plan, c);
            } catch (Exception e) {
                throw new GuardRefusedException(hook.name(), Optional.empty(), e);
            }
        }
        MigrationHistory primary = histories.get(0);
        List<PlanEntry.Apply> toApply = plan.toApply();
        if (!toApply.isEmpty()) {
            primary.prepare(c);
        }
        String who = appliedBy.isPresent() ? appliedBy.get() : c.getMetaData().getUserName();
        List<MigrationResult.Applied> applied = new ArrayList<>();
        for (PlanEntry.Apply entry : toApply) {
            Migration m = byName.get(entry.name());
            for (MigrationHook hook : hooks) {
                try {
                    hook.beforeMigration(entry, c);
                } catch (Exception e) {
                    throw new GuardRefusedException(hook.name(), Optional.of(entry.name()), e);
                }
            }
            MigrationContext context = new MigrationContext(c, m.name());
            Instant at = clock.instant();
            primary.recordStart(c, new MigrationHistory.Entry(m, entry.lineage(), at, Duration.ZERO, who, 0,
                    "started; if this row stays, the run was interrupted part-way and some statements may have"
                            + " taken effect"));
            long t0 = System.nanoTime();
            try {
                m.apply(context);
            } catch (SQLException | RuntimeException e) {
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                throw failed(c, primary, m, entry, at, took, who, context, e);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            int statements = context.completed().size();
            primary.recordSuccess(c, new MigrationHistory.Entry(m, entry.lineage(), at, took, who, statements,
                    entry.reason().name().toLowerCase()));
            MigrationResult.Applied done = new MigrationResult.Applied(m.name(), m.version(), entry.lineage(), statements, took);
            applied.add(done);
            LOG.info("Applied migration {} ({} statement(s), {} ms)", m.name(), statements, took.toMillis());
            for (MigrationHook hook : hooks) {
                try {
                    hook.afterMigration(done, c);
                } catch (Exception e) {
                    throw new MigrationException("Hook '" + hook.name() + "' failed after migration " + m.name()
                            + ", which was applied and recorded; the run stopped there: " + e.getMessage(), e);
                }
            }
        }
        MigrationResult result = new MigrationResult(plan, applied, Duration.between(started, clock.instant()));
        for (MigrationHook hook : hooks) {
            try {
                hook.afterRun(result, c);
            } catch (Exception e) {
                throw new MigrationException("Hook '" + hook.name() + "' failed after the run, whose "
                        + applied.size() + " migration(s) were applied and recorded: " + e.getMessage(), e);
            }
        }
        return result;
    }

    private MigrationFailedException failed(Connection c, MigrationHistory primary, Migration m, PlanEntry.Apply entry,
                                            Instant at, Duration took, String who, MigrationContext context, Exception e) {
        int number;
        String statement;
        List<String> done;
        int code = 0;
        String state = null;
        if (e instanceof MigrationContext.StatementFailure f) {
            number = f.number;
            statement = f.statement;
            done = f.completedBefore;
            code = f.getErrorCode();
            state = f.getSQLState();
        } else {
            done = context.completed();
            number = done.size() + 1;
            statement = "(work done by " + m.origin() + " outside MigrationContext)";
            if (e instanceof SQLException s) {
                code = s.getErrorCode();
                state = s.getSQLState();
            }
        }
        MigrationFailedException failure = new MigrationFailedException(m.name(), number,
                Redaction.statement(statement), done.stream().map(Redaction::statement).toList(), code, state,
                redactedCause(e));
        try {
            primary.recordFailure(c, new MigrationHistory.Entry(m, entry.lineage(), at, took, who, done.size(),
                    failure.getMessage()));
        } catch (SQLException recordError) {
            failure.addSuppressed(recordError);
        }
        LOG.error("{}", failure.getMessage());
        return failure;
    }

    /** The server's message may quote the statement ("near '...'"), so SQL causes are rebuilt with it redacted. */
    private static Throwable redactedCause(Exception e) {
        Throwable cause = e instanceof MigrationContext.StatementFailure ? e.getCause() : e;
        if (cause instanceof SQLException sql) {
            return Redaction.sqlException(sql);
        }
        return cause;
    }

    private static Map<String, Migration> byName(List<Migration> migrations) {
        Map<String, Migration> map = new HashMap<>();
        for (Migration m : migrations) {
            map.put(m.name(), m);
        }
        return map;
    }

    /** Configuration for {@link MySqlMigrationRunner}; defaults are the safe ones. */
    public static final class Builder {
        private final DataSource dataSource;
        private MigrationSource source;
        private MigrationSource reference;
        private MigrationHistory history = MigrationHistory.cutkit();
        private final List<MigrationHistory> alsoRead = new ArrayList<>();
        private CollisionPolicy collisionPolicy = CollisionPolicy.fail();
        private boolean allowOutOfOrder;
        private String lineage = "main";
        private Duration lockWait = Duration.ofSeconds(60);
        private String lockName;
        private final List<MigrationHook> hooks = new ArrayList<>();
        private String appliedBy;
        private Clock clock = Clock.systemUTC();

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Where the migrations to apply come from (required). */
        public Builder source(MigrationSource source) {
            this.source = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Migrations not to apply but whose content identifies history rows that record no checksum (e.g. the
         * other fork's folder), so renamed copies of them are recognised.
         */
        public Builder referenceMigrations(MigrationSource reference) {
            this.reference = Objects.requireNonNull(reference, "reference");
            return this;
        }

        /** The history read and written (default {@link MigrationHistory#cutkit()}). */
        public Builder history(MigrationHistory history) {
            this.history = Objects.requireNonNull(history, "history");
            if (!history.writable()) {
                throw new IllegalArgumentException(history.describe() + " is read only; pass it to alsoRead(...)"
                        + " and keep a writable history here, e.g. MigrationHistory.cutkit()");
            }
            return this;
        }

        /** Further histories to read (e.g. the one the previous tool wrote); never written. */
        public Builder alsoRead(MigrationHistory... histories) {
            for (MigrationHistory h : histories) {
                this.alsoRead.add(Objects.requireNonNull(h, "history"));
            }
            return this;
        }

        /** What to do when a migration's number is taken by another applied one (default {@link CollisionPolicy#fail()}). */
        public Builder collisionPolicy(CollisionPolicy policy) {
            this.collisionPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Whether migrations numbered below the highest applied one may run (default false: a conflict). */
        public Builder allowOutOfOrder(boolean allow) {
            this.allowOutOfOrder = allow;
            return this;
        }

        /** The lineage recorded for migrations this runner applies (default {@code main}). */
        public Builder lineage(String lineage) {
            if (lineage == null || lineage.isBlank() || lineage.length() > 100) {
                throw new IllegalArgumentException("lineage must be 1-100 characters, got '" + lineage + "'");
            }
            this.lineage = lineage;
            return this;
        }

        /** How long to wait for another runner's lock before giving up (default 60 s). */
        public Builder lockWait(Duration wait) {
            if (wait.isNegative()) {
                throw new IllegalArgumentException("lockWait must not be negative, got " + wait);
            }
            this.lockWait = wait;
            return this;
        }

        /** The {@code GET_LOCK} name (default {@code cutkit.migrate.<database>}; at most 64 characters). */
        public Builder lockName(String name) {
            if (name == null || name.isEmpty() || name.length() > 64) {
                throw new IllegalArgumentException("lock name must be 1-64 characters (a MySQL limit), got '" + name + "'");
            }
            this.lockName = name;
            return this;
        }

        /** Adds a hook or guard; hooks run in the order added. */
        public Builder hook(MigrationHook hook) {
            this.hooks.add(Objects.requireNonNull(hook, "hook"));
            return this;
        }

        /** Who is recorded as having applied migrations (default: the JDBC user name). */
        public Builder appliedBy(String appliedBy) {
            this.appliedBy = Objects.requireNonNull(appliedBy, "appliedBy");
            return this;
        }

        /** The clock for plan and history times (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public MySqlMigrationRunner build() {
            return new MySqlMigrationRunner(this);
        }
    }
}
