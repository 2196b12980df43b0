package io.cutkit.preflight;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.preflight.Finding;
import io.cutkit.mysql.dump.DumpReport;
import io.cutkit.mysql.dump.TargetServer;
import io.cutkit.mysql.testing.DatabaseServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the stages of one dry-run share: the plan, the local rehearsal server and database, the dump
 * being rehearsed, read-only access to the real target, the findings so far and the measured times.
 */
final class DryRunState {

    final DryRunPlan plan;
    final DatabaseServer local;
    final Consumer<String> progress;
    final List<Finding> findings = new ArrayList<>();

    /** The dump being rehearsed: the plan's, or the export of the plan's source. */
    Path dump;
    /** The name the report uses for the dump in {@code file:line} objects. */
    String dumpName;
    DumpReport inspection;
    /** Read-only connections to the real target, when the plan names it. */
    HikariDataSource targetPool;
    TargetServer target;
    /** Read-only connections to the live source, opened by the first stage that reads it. */
    HikariDataSource sourcePool;
    /** The database the data was imported into on the local server, once imported. */
    String localDatabase;
    /** The database name on the new stack. */
    String database;
    Duration exportTime;
    /** The exported source database's collation, when the data came from a live source (its export names none). */
    String sourceCollation;
    Duration importTime;
    Duration migrationTime = Duration.ZERO;
    TimeEstimate estimate;
    /** Files and directories the dry-run made, deleted at its end (children before parents). */
    final List<Path> temporaryFiles = new ArrayList<>();

    DryRunState(DryRunPlan plan, DatabaseServer local, Consumer<String> progress) {
        this.plan = plan;
        this.local = local;
        this.progress = progress;
    }

    void add(Finding finding) {
        findings.add(finding);
    }

    void addAll(List<Finding> found) {
        findings.addAll(found);
    }

    /** The live source's read-only pool (the plan names a source). */
    HikariDataSource sourcePool() {
        if (sourcePool == null) {
            sourcePool = plan.source().orElseThrow().readOnlyPool(null, 2);
        }
        return sourcePool;
    }

    /** The target's flavour: the real target's kind when it was reached, else the plan's. */
    Optional<TargetFlavor> targetFlavor() {
        if (target != null) {
            return Optional.of(target.isMariaDb() ? TargetFlavor.MARIADB_11_4
                    : target.version().startsWith("8.0") ? TargetFlavor.MYSQL_8_0 : TargetFlavor.MYSQL_8_4);
        }
        return plan.targetFlavor();
    }

    /** The local database holding the imported data, when the import ran. */
    Optional<String> imported() {
        return Optional.ofNullable(localDatabase);
    }
}
