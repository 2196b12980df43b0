package io.cutkit.preflight;

import io.cutkit.core.data.ImportOutcome;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.dump.DefinerUse;
import io.cutkit.mysql.dump.ForeignKeyOrphans;
import io.cutkit.mysql.dump.ForeignKeyViolationException;
import io.cutkit.mysql.dump.ImportRefusedException;
import io.cutkit.mysql.dump.JdbcSnapshotImporter;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.dump.StatementFailedException;
import io.cutkit.mysql.script.StatementKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Imports the dump into a fresh database on the local server with cutkit's importer, as the window
 * would: the dump's own database statements rewritten to it, DEFINERs kept (their accounts are made
 * on the local server, locked, so that triggers and views behave as on a prepared target). A statement
 * the server refuses is a P0 finding with its line and error.
 */
final class ImportStage implements Stage {

    private static final int ROW_SIZE_TOO_LARGE = 1118;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Override
    public String name() {
        return "import";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.inspection == null ? Optional.of("needs an inspected dump") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        String local = "cutkit_dry_run_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        boolean createsDatabase = state.inspection.databases().stream()
                .anyMatch(d -> d.statement() == StatementKind.CREATE_DATABASE);
        try (Connection c = state.local.connect(null); Statement st = c.createStatement()) {
            if (!createsDatabase) {
                // an export of a live source lands like importInto(snapshot): in a database of the source's collation
                String collation = state.sourceCollation != null ? state.sourceCollation : plannedCollation(state);
                st.execute("CREATE DATABASE " + quote(local) + (collation == null ? ""
                        : " COLLATE " + collation));
            }
            // a database-level grant needs no database yet, so the dump's CREATE DATABASE keeps its collation
            for (DefinerUse d : state.inspection.definers()) {
                st.execute("CREATE USER IF NOT EXISTS " + account(d) + " ACCOUNT LOCK");
                st.execute("GRANT ALL ON " + quote(local) + ".* TO " + account(d));
            }
        }
        state.localDatabase = local;
        state.progress.accept("importing " + state.dumpName + " into the local rehearsal server");
        ServerAddress address = ServerAddress.of(state.local.jdbcUrl(""), state.local.user(),
                state.local.password() == null ? "" : state.local.password());
        long started = System.nanoTime();
        try {
            ImportOutcome outcome = JdbcSnapshotImporter.builder(address).workers(2)
                    .foreignDatabases(state.plan.foreignDatabases()).build().importPath(state.dump, local);
            state.importTime = Duration.ofNanos(System.nanoTime() - started);
            return outcome.rows() + " rows, " + outcome.statements() + " statements in " + state.importTime.toMillis() + " ms";
        } catch (StatementFailedException e) {
            state.importTime = Duration.ofNanos(System.nanoTime() - started);
            state.add(Finding.of(e.errorCode() == ROW_SIZE_TOO_LARGE ? FindingClass.ROW_SIZE : FindingClass.OTHER,
                            "the import fails at line " + e.line() + " with error " + e.errorCode() + ": " + e.getMessage(),
                            "fix or remove the statement in the dump (or the source object it comes from) and run the dry-run again")
                    .severity(Severity.P0).object(state.dumpName + ":" + e.line()).evidence("error", e.errorCode())
                    .evidence("statement", e.statementPreview()).build());
            state.localDatabase = null;
            return "failed at line " + e.line();
        } catch (ImportRefusedException e) {
            state.localDatabase = null;
            return "refused: " + String.join("; ", e.reasons());
        } catch (ForeignKeyViolationException e) {
            state.importTime = Duration.ofNanos(System.nanoTime() - started);
            state.localDatabase = null;
            state.add(Finding.of(FindingClass.OTHER, "the import fails: " + e.getMessage(),
                            "load the parent rows (a dump of every table, in one consistent export), or turn the checks"
                                    + " off in the dump (SET FOREIGN_KEY_CHECKS=0) if the orphans are meant to stay")
                    .severity(Severity.P0).object(e.orphans().isEmpty() ? state.dumpName
                            : state.database + "." + e.orphans().get(0).table())
                    .evidence("constraints", e.orphans().stream().map(ForeignKeyOrphans::constraint).toList()).build());
            return "failed: rows violate " + e.orphans().size() + " foreign key(s)";
        } catch (RuntimeException e) {
            state.localDatabase = null; // no copy: the stages that read one are skipped, not failed
            throw e;
        }
    }

    /** The collation the target database gets: the plan's, the real target's default, or the flavour's. */
    static String plannedCollation(DryRunState state) {
        return state.plan.targetCollation().orElseGet(() -> state.plan.targetFlavor()
                .map(TargetFlavor::defaultCollation).orElse(null));
    }

    private static String account(DefinerUse d) {
        return "'" + d.user().replace("'", "''") + "'@'" + d.host().replace("'", "''") + "'";
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
