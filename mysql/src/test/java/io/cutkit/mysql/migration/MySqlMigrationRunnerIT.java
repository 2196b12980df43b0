package io.cutkit.mysql.migration;

import io.cutkit.core.migration.GuardRefusedException;
import io.cutkit.core.migration.MigrationException;
import io.cutkit.core.migration.MigrationFailedException;
import io.cutkit.core.migration.MigrationLockTimeoutException;
import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.MigrationResult;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.migration.PlanReason;
import io.cutkit.core.migration.StalePlanException;
import io.cutkit.mysql.testing.DatabaseExtension;
import io.cutkit.mysql.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(DatabaseExtension.class)
class MySqlMigrationRunnerIT {

    private static void write(Path dir, String name, String sql) throws Exception {
        Files.writeString(dir.resolve(name + ".sql"), sql);
    }

    private static Path tableMigrations(Path dir, int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            write(dir, String.format("%03d-create-t%d", i, i),
                    "CREATE TABLE `t" + i + "` (`id` INT PRIMARY KEY);\nDO SLEEP(0.02);\n");
        }
        return dir;
    }

    private static long count(TestDatabase db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean tableExists(TestDatabase db, String table) throws SQLException {
        return count(db, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '"
                + table + "'") == 1;
    }

    private static MySqlMigrationRunner.Builder runner(TestDatabase db, Path dir) {
        return MySqlMigrationRunner.builder(db.dataSource()).source(MigrationSource.directory(dir));
    }

    @Test
    void twoRunnersStartedAtOnceApplyEachMigrationExactlyOnce(TestDatabase db, @TempDir Path dir) throws Exception {
        tableMigrations(dir, 12);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<MigrationResult>> results = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                MySqlMigrationRunner runner = runner(db, dir).appliedBy("runner-" + i).build();
                Callable<MigrationResult> task = () -> {
                    start.await();
                    return runner.migrate();
                };
                results.add(pool.submit(task));
            }
            start.countDown();
            MigrationResult a = results.get(0).get(60, TimeUnit.SECONDS);
            MigrationResult b = results.get(1).get(60, TimeUnit.SECONDS);

            assertThat(a.applied().size() + b.applied().size()).isEqualTo(12);
            assertThat(List.of(a.noOp(), b.noOp())).containsExactlyInAnyOrder(true, false);
        } finally {
            pool.shutdownNow();
        }
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history` WHERE `outcome` = 'SUCCESS'")).isEqualTo(12);
        assertThat(count(db, "SELECT COUNT(DISTINCT `name`) FROM `cutkit_schema_history`")).isEqualTo(12);
        assertThat(count(db, "SELECT COUNT(DISTINCT `applied_by`) FROM `cutkit_schema_history`")).isEqualTo(1);
    }

    @Test
    void twoRunnersWithPlansMadeAtOnceApplyOnceAndTheSecondFindsItsPlanStale(TestDatabase db, @TempDir Path dir)
            throws Exception {
        tableMigrations(dir, 5);
        MySqlMigrationRunner first = runner(db, dir).build();
        MySqlMigrationRunner second = runner(db, dir).build();
        MigrationPlan firstPlan = first.plan();
        MigrationPlan secondPlan = second.plan();

        assertThat(first.migrate(firstPlan).applied()).hasSize(5);
        assertThatThrownBy(() -> second.migrate(secondPlan)).isInstanceOf(StalePlanException.class);
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history`")).isEqualTo(5);
    }

    @Test
    void historyChangedBetweenPlanAndMigrateStopsTheRunBeforeAnythingIsApplied(TestDatabase db, @TempDir Path dir)
            throws Exception {
        write(dir, "001-create-users", "CREATE TABLE `users` (`id` INT PRIMARY KEY);");
        write(dir, "002-create-leads", "CREATE TABLE `leads` (`id` INT PRIMARY KEY);");
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL PRIMARY KEY)");
            st.execute("INSERT INTO `SequelizeMeta` VALUES ('001-create-users.js')");
            st.execute("CREATE TABLE `users` (`id` INT PRIMARY KEY)");
        }
        MySqlMigrationRunner runner = runner(db, dir).history(MigrationHistory.sequelizeMeta()).build();
        MigrationPlan plan = runner.plan();
        assertThat(plan.toApply()).extracting(PlanEntry::name).containsExactly("002-create-leads");

        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO `SequelizeMeta` VALUES ('002-create-leads-elsewhere.js')");
        }
        assertThatThrownBy(() -> runner.migrate(plan)).isInstanceOfSatisfying(StalePlanException.class, e -> {
            assertThat(e.plannedRows()).isEqualTo(1);
            assertThat(e.actualRows()).isEqualTo(2);
        }).hasMessageContaining("Run plan() again");
        assertThat(tableExists(db, "leads")).isFalse();
        assertThat(count(db, "SELECT COUNT(*) FROM `SequelizeMeta`")).isEqualTo(2);
    }

    @Test
    void sequelizeMetaAsTheWrittenHistoryGetsNamesTheNodeRunnerRecognises(TestDatabase db, @TempDir Path dir)
            throws Exception {
        write(dir, "001-create-users", "CREATE TABLE `users` (`id` INT PRIMARY KEY);");
        runner(db, dir).history(MigrationHistory.sequelizeMeta()).build().migrate();
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT `name` FROM `SequelizeMeta`")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("001-create-users.js");
        }
    }

    @Test
    void failureMidMigrationNamesTheStatementAndWhatAlreadyTookEffect(TestDatabase db, @TempDir Path dir)
            throws Exception {
        write(dir, "001-ok", "CREATE TABLE `ok` (`id` INT PRIMARY KEY);");
        write(dir, "002-half", "CREATE TABLE `half_a` (`id` INT PRIMARY KEY);\n"
                + "CREATE TABLE `half_b` (`id` INT PRIMARY KEY);\n"
                + "ALTER TABLE `no_such_table` ADD COLUMN `x` INT;\n"
                + "CREATE TABLE `half_c` (`id` INT PRIMARY KEY);\n");
        write(dir, "003-after", "CREATE TABLE `after` (`id` INT PRIMARY KEY);");
        MySqlMigrationRunner runner = runner(db, dir).build();

        assertThatThrownBy(runner::migrate).isInstanceOfSatisfying(MigrationFailedException.class, e -> {
            assertThat(e.migration()).isEqualTo("002-half");
            assertThat(e.failedStatementNumber()).isEqualTo(3);
            assertThat(e.failedStatement()).isEqualTo("ALTER TABLE `no_such_table` ADD COLUMN `x` INT");
            assertThat(e.completedStatements()).containsExactly("CREATE TABLE `half_a` (`id` INT PRIMARY KEY)",
                    "CREATE TABLE `half_b` (`id` INT PRIMARY KEY)");
            assertThat(e.errorCode()).isEqualTo(1146);
        }).hasMessageContaining("statement 3").hasMessageContaining("half_b");
        assertThat(tableExists(db, "half_b")).isTrue();
        assertThat(tableExists(db, "half_c")).isFalse();
        assertThat(tableExists(db, "after")).isFalse();
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history` WHERE `name` = '002-half'"
                + " AND `outcome` = 'FAILED' AND `statements_done` = 2")).isEqualTo(1);
        MigrationPlan next = runner.plan();
        assertThat(next.withReason(PlanReason.PREVIOUSLY_FAILED)).extracting(PlanEntry::name).containsExactly("002-half");
        assertThat(next.executable()).isFalse();
    }

    @Test
    void failingGuardStopsTheRunBeforeItsMigrationStarts(TestDatabase db, @TempDir Path dir) throws Exception {
        tableMigrations(dir, 3);
        List<String> calls = new ArrayList<>();
        MySqlMigrationRunner runner = runner(db, dir)
                .hook(new MigrationHook() {
                    @Override
                    public void beforeRun(MigrationPlan plan, Connection c) {
                        calls.add("beforeRun " + plan.toApply().size());
                    }

                    @Override
                    public void afterMigration(MigrationResult.Applied applied, Connection c) {
                        calls.add("after " + applied.name());
                    }
                })
                .hook(MigrationHook.guard("no-t2", m -> m.name().equals("002-create-t2"), (c, m) -> {
                    throw new IllegalStateException("t2 is not allowed today");
                }))
                .build();

        assertThatThrownBy(runner::migrate).isInstanceOfSatisfying(GuardRefusedException.class, e -> {
            assertThat(e.guard()).isEqualTo("no-t2");
            assertThat(e.migration()).hasValue("002-create-t2");
        }).hasMessageContaining("t2 is not allowed today");
        assertThat(calls).containsExactly("beforeRun 3", "after 001-create-t1");
        assertThat(tableExists(db, "t1")).isTrue();
        assertThat(tableExists(db, "t2")).isFalse();
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history`")).isEqualTo(1);
    }

    @Test
    void lockHeldElsewhereTimesOutAfterTheConfiguredWait(TestDatabase db, @TempDir Path dir) throws Exception {
        tableMigrations(dir, 1);
        try (Connection holder = db.connect(); Statement st = holder.createStatement()) {
            String lock = "cutkit-test." + db.name().hashCode();
            st.executeQuery("SELECT GET_LOCK('" + lock + "', 0)").close();
            MySqlMigrationRunner runner = runner(db, dir).lockName(lock).lockWait(Duration.ofMillis(300)).build();
            long t0 = System.nanoTime();
            assertThatThrownBy(runner::migrate).isInstanceOf(MigrationLockTimeoutException.class)
                    .hasMessageContaining("lockWait");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
        assertThat(tableExists(db, "t1")).isFalse();
    }

    @Test
    void changedChecksumUnderAnAppliedNameIsAConflictAndMovedFileIsRenamed(TestDatabase db, @TempDir Path dir)
            throws Exception {
        tableMigrations(dir, 3);
        runner(db, dir).build().migrate();
        write(dir, "002-create-t2", "CREATE TABLE `t2` (`id` BIGINT PRIMARY KEY);");
        Files.move(dir.resolve("003-create-t3.sql"), dir.resolve("010-create-t3-moved.sql"));

        MigrationPlan plan = runner(db, dir).build().plan();

        assertThat(plan.entries()).extracting(PlanEntry::name, PlanEntry::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("001-create-t1", PlanReason.APPLIED),
                org.assertj.core.groups.Tuple.tuple("002-create-t2", PlanReason.CHECKSUM_CHANGED),
                org.assertj.core.groups.Tuple.tuple("010-create-t3-moved", PlanReason.RENAMED));
    }

    @Test
    void railsSchemaMigrationsIsReadByVersionAndWritten(TestDatabase db, @TempDir Path dir) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE `schema_migrations` (`version` VARCHAR(255) NOT NULL PRIMARY KEY)");
            st.execute("INSERT INTO `schema_migrations` VALUES ('20240101000000'), ('20240201000000')");
        }
        write(dir, "20240101000000_create_users", "CREATE TABLE `users` (`id` INT PRIMARY KEY);");
        write(dir, "20240301000000_create_leads", "CREATE TABLE `leads` (`id` INT PRIMARY KEY);");
        MySqlMigrationRunner runner = runner(db, dir).history(MigrationHistory.railsSchemaMigrations()).build();

        MigrationPlan plan = runner.plan();
        assertThat(plan.entries()).extracting(PlanEntry::reason)
                .containsExactly(PlanReason.APPLIED, PlanReason.FOREIGN, PlanReason.PENDING);
        runner.migrate(plan);
        assertThat(count(db, "SELECT COUNT(*) FROM `schema_migrations` WHERE `version` = '20240301000000'")).isEqualTo(1);
        assertThat(tableExists(db, "users")).isFalse();
    }

    @Test
    void classpathSourceLoadsSqlFilesAndJavaMigrationClasses(TestDatabase db) throws Exception {
        MigrationSource source = MigrationSource.classpath("io/cutkit/mysql/migration/javamigrations");
        assertThat(source.load()).extracting(Migration::name).containsExactly("V1__create_widgets", "V2_AddWidgetColour");

        MigrationResult result = MySqlMigrationRunner.builder(db.dataSource()).source(source).build().migrate();

        assertThat(result.applied()).extracting(MigrationResult.Applied::statements).containsExactly(1, 2);
        assertThat(count(db, "SELECT COUNT(*) FROM `widgets` WHERE `colour` = 'blue'")).isEqualTo(1);
    }

    @Test
    void sourceWithoutNumericPrefixIsRefusedBeforeTheDatabaseIsTouched(TestDatabase db, @TempDir Path dir)
            throws Exception {
        write(dir, "001-ok", "CREATE TABLE `ok` (`id` INT PRIMARY KEY);");
        write(dir, "add-things", "CREATE TABLE `things` (`id` INT PRIMARY KEY);");
        assertThatThrownBy(() -> runner(db, dir).build().migrate()).isInstanceOf(MigrationException.class)
                .hasMessageContaining("add-things").hasMessageContaining("numeric prefix");
        assertThat(tableExists(db, "ok")).isFalse();
        assertThat(tableExists(db, "cutkit_schema_history")).isFalse();
    }

    @Test
    void newLineagePolicyAppliesACollidingMigrationAndRecordsItsLineage(TestDatabase db, @TempDir Path dir)
            throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL PRIMARY KEY)");
            st.execute("INSERT INTO `SequelizeMeta` VALUES ('001-create-users.js'), ('002-theirs.js')");
        }
        write(dir, "001-create-users", "CREATE TABLE `users` (`id` INT PRIMARY KEY);");
        write(dir, "002-ours", "CREATE TABLE `ours` (`id` INT PRIMARY KEY);");
        MySqlMigrationRunner runner = runner(db, dir).alsoRead(MigrationHistory.sequelizeMeta())
                .collisionPolicy(CollisionPolicy.newLineage("fork")).build();

        MigrationPlan plan = runner.plan();
        assertThat(plan.toApply()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("002-ours");
            assertThat(a.reason()).isEqualTo(PlanReason.COLLISION);
            assertThat(a.lineage()).isEqualTo("fork");
        });
        runner.migrate(plan);

        assertThat(tableExists(db, "ours")).isTrue();
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history` WHERE `name` = '002-ours' AND `lineage` = 'fork'"))
                .isEqualTo(1);
        MigrationPlan after = runner.plan();
        assertThat(after.entries()).extracting(PlanEntry::name, PlanEntry::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("001-create-users", PlanReason.APPLIED),
                org.assertj.core.groups.Tuple.tuple("002-ours", PlanReason.APPLIED),
                org.assertj.core.groups.Tuple.tuple("002-theirs", PlanReason.FOREIGN));
    }

    @Test
    void hookRefusingTheRunStopsItBeforeTheFirstMigration(TestDatabase db, @TempDir Path dir) throws Exception {
        tableMigrations(dir, 2);
        MySqlMigrationRunner runner = runner(db, dir).hook(new MigrationHook() {
            @Override
            public String name() {
                return "maintenance-window";
            }

            @Override
            public void beforeRun(MigrationPlan plan, Connection c) {
                throw new IllegalStateException("outside the maintenance window");
            }
        }).build();

        assertThatThrownBy(runner::migrate).isInstanceOfSatisfying(GuardRefusedException.class, e -> {
            assertThat(e.guard()).isEqualTo("maintenance-window");
            assertThat(e.migration()).isEmpty();
        }).hasMessageContaining("outside the maintenance window");
        assertThat(tableExists(db, "t1")).isFalse();
        assertThat(tableExists(db, "cutkit_schema_history")).isFalse();
    }

    @Test
    void failedStatementWithAPasswordIsRedactedInTheExceptionAndTheHistory(TestDatabase db, @TempDir Path dir)
            throws Exception {
        write(dir, "001-app-user", "CREATE TABLE `before_user` (`id` INT PRIMARY KEY);\n"
                + "ALTER USER 'cutkit_no_such_user'@'%' IDENTIFIED BY 'pw-never-shown';\n");
        assertThatThrownBy(() -> runner(db, dir).build().migrate()).isInstanceOfSatisfying(MigrationFailedException.class,
                e -> {
                    assertThat(e.failedStatementNumber()).isEqualTo(2);
                    assertThat(e.failedStatement()).contains("IDENTIFIED BY '***'").doesNotContain("pw-never-shown");
                }).satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw-never-shown"));
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history` WHERE `detail` LIKE '%pw-never-shown%'")).isZero();
        assertThat(count(db, "SELECT COUNT(*) FROM `cutkit_schema_history` WHERE `outcome` = 'FAILED'")).isEqualTo(1);
    }
}
