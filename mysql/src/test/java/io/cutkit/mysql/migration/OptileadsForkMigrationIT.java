package io.cutkit.mysql.migration;

import io.cutkit.core.migration.GuardRefusedException;
import io.cutkit.core.migration.MigrationFailedException;
import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.MigrationResult;
import io.cutkit.core.migration.PlanConflictException;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.migration.PlanReason;
import tools.jackson.databind.JsonNode;
import io.cutkit.mysql.account.AccountName;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Field report blocker 2 on the real thing: refdata's database (SequelizeMeta written by umzug, 54 rows) and
 * the fork's migrations as SQL twins. Runs on its own server with grant tables, because migration 046's
 * UPDATE fires a trigger whose DEFINER account must exist.
 */
class OptileadsForkMigrationIT {

    private static final String FORK = "io/cutkit/mysql/migration/optileads-fork";

    private static DatabaseServer server;
    private static String pristine;

    @BeforeAll
    static void importRefdataOnce() {
        server = EmbeddedMariaDb.builder().grantTables(true).start();
        pristine = server.createDatabase("optileads_plan");
        Refdata.importWithClient(server, pristine);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static MySqlMigrationRunner.Builder runner(String database, MigrationSource source) {
        return MySqlMigrationRunner.builder(server.dataSource(database))
                .source(source)
                .history(MigrationHistory.cutkit())
                .alsoRead(MigrationHistory.sequelizeMeta());
    }

    private static long manifestSequelizeMetaRows() {
        return Refdata.number("sequelizeMetaRows");
    }

    /** The DEFINER of the manifest's UPDATE trigger on leads, which an UPDATE of leads runs as. */
    private static AccountName updateTriggerDefiner() {
        for (JsonNode trigger : Refdata.at("triggers")) {
            if ("leads".equals(trigger.path("tableName").asString()) && "UPDATE".equalsIgnoreCase(trigger.path("event").asString())) {
                return AccountName.parse(trigger.path("definer").asString());
            }
        }
        throw new IllegalStateException("refdata's manifest lists no UPDATE trigger on leads");
    }

    private static List<String> contractorNamesAbove(int version) throws IOException {
        try (Stream<Path> files = Files.list(Refdata.dir().resolve("migrations-contractor"))) {
            return files.map(p -> p.getFileName().toString().replaceFirst("\\.js$", ""))
                    .filter(n -> Integer.parseInt(n.substring(0, 3)) > version).sorted().toList();
        }
    }

    private static Path copyFork(Path dir) throws IOException {
        for (Migration m : MigrationSource.classpath(FORK).load()) {
            try (InputStream in = OptileadsForkMigrationIT.class.getClassLoader().getResourceAsStream(FORK + "/" + m.name() + ".sql")) {
                Files.copy(in, dir.resolve(m.name() + ".sql"));
            }
        }
        return dir;
    }

    private static boolean columnExists(String database, String table, String column) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                     + " AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static long count(String database, String sql) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String database, String... sql) throws SQLException {
        try (Connection c = server.connect(database); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        }
    }

    @Test
    void forkPlanShowsAppliedForeignAndTwoCollisionsWithTheNextFreeNumbers() throws Exception {
        MigrationPlan plan = runner(pristine, MigrationSource.classpath(FORK)).build().plan();
        System.out.println(plan.toText());

        assertThat(plan.historyRows()).isEqualTo(manifestSequelizeMetaRows());
        assertThat(plan.count(PlanReason.APPLIED)).isEqualTo(45);
        assertThat(plan.withReason(PlanReason.FOREIGN)).extracting(PlanEntry::name)
                .containsExactlyElementsOf(contractorNamesAbove(45));
        assertThat(plan.count(PlanReason.FOREIGN)).isEqualTo(9);
        assertThat(plan.conflicts()).hasSize(2);
        PlanEntry.Conflict dedup = plan.conflicts().get(0);
        PlanEntry.Conflict timezone = plan.conflicts().get(1);
        assertThat(dedup.name()).isEqualTo("046-add-dedup-hash");
        assertThat(dedup.conflictsWith()).hasValue("046-add-leads-utm-fields");
        assertThat(dedup.suggestedVersion()).hasValue(55);
        assertThat(dedup.suggestedName()).hasValue("055-add-dedup-hash");
        assertThat(timezone.name()).isEqualTo("047-add-timezone");
        assertThat(timezone.conflictsWith()).hasValue("047-create-call-transcripts");
        assertThat(timezone.suggestedVersion()).hasValue(56);
        assertThat(plan.toApply()).isEmpty();
        assertThat(plan.toJson()).contains("\"suggestedName\":\"055-add-dedup-hash\"")
                .contains("\"suggestedName\":\"056-add-timezone\"").contains("\"FOREIGN\":9");
    }

    @Test
    void collidingPlanIsRefusedAndTheDatabaseIsUntouched() throws Exception {
        MySqlMigrationRunner runner = runner(pristine, MigrationSource.classpath(FORK)).build();
        MigrationPlan plan = runner.plan();

        assertThatThrownBy(() -> runner.migrate(plan)).isInstanceOf(PlanConflictException.class)
                .hasMessageContaining("rename this migration to 055-add-dedup-hash");
        assertThatThrownBy(runner::migrate).isInstanceOf(PlanConflictException.class);
        assertThat(columnExists(pristine, "leads", "dedupHash")).isFalse();
        assertThat(count(pristine, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME = 'cutkit_schema_history'")).isZero();
    }

    @Test
    void renamedCopyOfAnAppliedMigrationIsRecognisedNotPending(@TempDir Path dir) throws Exception {
        copyFork(dir);
        Files.copy(dir.resolve("045-widen-leads-reference-id.sql"), dir.resolve("060-widen-reference-id-again.sql"));

        MigrationPlan plan = runner(pristine, MigrationSource.directory(dir)).build().plan();

        assertThat(plan.entries()).filteredOn(e -> e.name().equals("060-widen-reference-id-again")).singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(PlanReason.RENAMED);
                    assertThat(((PlanEntry.Skip) e).appliedAs()).hasValue("045-widen-leads-reference-id");
                });
    }

    @Test
    void movedMigrationIsRecognisedWhenTheOtherSidesFilesAreGivenAsReference(@TempDir Path dir) throws Exception {
        copyFork(dir);
        Files.move(dir.resolve("045-widen-leads-reference-id.sql"), dir.resolve("060-widen-reference-id.sql"));

        MigrationPlan blind = runner(pristine, MigrationSource.directory(dir)).build().plan();
        assertThat(blind.entries()).filteredOn(e -> e.name().equals("060-widen-reference-id")).singleElement()
                .extracting(PlanEntry::reason).isEqualTo(PlanReason.PENDING);
        assertThat(blind.notes()).anySatisfy(n -> assertThat(n).contains("referenceMigrations"));

        MigrationPlan informed = runner(pristine, MigrationSource.directory(dir))
                .referenceMigrations(MigrationSource.classpath(FORK)).build().plan();
        assertThat(informed.entries()).filteredOn(e -> e.name().equals("060-widen-reference-id")).singleElement()
                .extracting(PlanEntry::reason).isEqualTo(PlanReason.RENAMED);
        assertThat(informed.withReason(PlanReason.FOREIGN)).extracting(PlanEntry::name)
                .doesNotContain("045-widen-leads-reference-id");
    }

    @Test
    void renumberedForkMigrationsApplyAfterGuardAndDefinerAreSortedOutThenASecondRunIsANoOp(@TempDir Path dir)
            throws Exception {
        String db = server.createDatabase("optileads_apply");
        Refdata.importWithClient(server, db);
        copyFork(dir);
        for (PlanEntry.Conflict c : runner(db, MigrationSource.directory(dir)).build().plan().conflicts()) {
            Files.move(dir.resolve(c.name() + ".sql"), dir.resolve(c.suggestedName().orElseThrow() + ".sql"));
        }
        MigrationSource renamed = MigrationSource.directory(dir);

        // A guard that refuses to hash ciphertext stops the run before 055 starts.
        MySqlMigrationRunner guarded = runner(db, renamed).hook(MigrationHook.guard("ciphertext",
                m -> m.name().contains("dedup"), (c, m) -> {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                            "SELECT `email` FROM `leads` WHERE `email` IS NOT NULL LIMIT 1")) {
                        if (rs.next() && rs.getString(1).startsWith("{\"v\":1,")) {
                            throw new IllegalStateException("leads.email holds ciphertext; hashing it would be wrong");
                        }
                    }
                })).build();
        assertThatThrownBy(guarded::migrate).isInstanceOfSatisfying(GuardRefusedException.class,
                e -> assertThat(e.migration()).hasValue("055-add-dedup-hash"));
        assertThat(columnExists(db, "leads", "dedupHash")).isFalse();

        // Without the trigger's DEFINER account, the UPDATE fails after two DDL statements took effect.
        MySqlMigrationRunner runner = runner(db, renamed).build();
        MigrationPlan plan = runner.plan();
        assertThat(plan.toApply()).extracting(PlanEntry::name).containsExactly("055-add-dedup-hash", "056-add-timezone");
        assertThatThrownBy(() -> runner.migrate(plan)).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.migration()).isEqualTo("055-add-dedup-hash");
            assertThat(e.failedStatementNumber()).isEqualTo(3);
            assertThat(e.failedStatement()).startsWith("UPDATE `leads`");
            assertThat(e.completedStatements()).hasSize(2);
            assertThat(e.errorCode()).isEqualTo(1449);
        });
        assertThat(columnExists(db, "leads", "dedupHash")).isTrue();
        assertThat(columnExists(db, "leads", "timezone")).isFalse();
        assertThat(runner.plan().withReason(PlanReason.PREVIOUSLY_FAILED)).extracting(PlanEntry::name)
                .containsExactly("055-add-dedup-hash");

        // Reconcile as the failure message says, create the account, and run again.
        AccountName definer = updateTriggerDefiner();
        String account = "'" + definer.user() + "'@'" + definer.host() + "'";
        execute(db, "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY 'test-only'",
                "GRANT ALL PRIVILEGES ON `" + db + "`.* TO " + account,
                "DROP INDEX `leads_dedup_hash` ON `leads`", "ALTER TABLE `leads` DROP COLUMN `dedupHash`",
                "DELETE FROM `cutkit_schema_history` WHERE `outcome` = 'FAILED'");
        MigrationPlan retry = runner.plan();
        MigrationResult result = runner.migrate(retry);

        assertThat(result.applied()).extracting(MigrationResult.Applied::name)
                .containsExactly("055-add-dedup-hash", "056-add-timezone");
        long eligible = count(db, "SELECT COUNT(*) FROM `leads` WHERE `email` IS NOT NULL AND `deletedAt` IS NULL");
        assertThat(eligible).isPositive();
        assertThat(count(db, "SELECT COUNT(*) FROM `leads` WHERE `dedupHash` = SHA2(LOWER(TRIM(`email`)), 256)"))
                .isEqualTo(eligible);
        assertThat(columnExists(db, "leads", "timezone")).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history` WHERE `outcome` = 'SUCCESS'"
                + " AND `lineage` = 'main' AND `checksum` LIKE 'sha256:%'")).isEqualTo(2);

        MigrationPlan after = runner.plan();
        assertThat(after.count(PlanReason.APPLIED)).isEqualTo(47);
        assertThat(after.count(PlanReason.FOREIGN)).isEqualTo(9);
        assertThat(after.toApply()).isEmpty();
        assertThat(runner.migrate().noOp()).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history`")).isEqualTo(2);
        server.dropDatabase(db);
    }
}
