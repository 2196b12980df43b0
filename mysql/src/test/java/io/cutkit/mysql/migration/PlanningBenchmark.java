package io.cutkit.mysql.migration;

import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.PlanReason;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Measures {@code plan()} end to end for 10,000 migrations: listing and hashing the files, reading two
 * histories (8,000 cutkit rows with checksums, 1,200 SequelizeMeta rows without) and planning. Prints the
 * figures; run it as a program, not as a test:
 * {@code java -cp <test classpath> io.cutkit.mysql.migration.PlanningBenchmark [count]}.
 */
public final class PlanningBenchmark {

    private PlanningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int withChecksum = count * 8 / 10;
        int nameOnly = count / 10;
        int foreign = count / 50;
        Path dir = Files.createTempDirectory("cutkit-plan-bench");
        DatabaseServer server = DatabaseServers.shared();
        String db = server.createDatabase("plan_bench");
        try {
            for (int i = 1; i <= count; i++) {
                Files.writeString(dir.resolve(String.format("%05d-create-table-%d.sql", i, i)),
                        "-- migration " + i + "\nCREATE TABLE `t" + i + "` (`id` BIGINT PRIMARY KEY, `v` VARCHAR(40));\n");
            }
            List<Migration> local = MigrationSource.directory(dir).load();
            MigrationHistory cutkit = MigrationHistory.cutkit();
            MigrationHistory sequelize = MigrationHistory.sequelizeMeta();
            try (Connection c = server.connect(db)) {
                cutkit.prepare(c);
                sequelize.prepare(c);
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO `cutkit_schema_history` (`name`, `version`,"
                        + " `checksum`, `lineage`, `applied_at`, `duration_ms`, `outcome`, `applied_by`, `statements_done`)"
                        + " VALUES (?, ?, ?, 'main', NOW(3), 1, 'SUCCESS', 'bench', 1)")) {
                    for (Migration m : local.subList(0, withChecksum)) {
                        ps.setString(1, m.name());
                        ps.setLong(2, m.version().getAsLong());
                        ps.setString(3, m.checksum());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO `SequelizeMeta` (`name`) VALUES (?)")) {
                    for (Migration m : local.subList(withChecksum, withChecksum + nameOnly)) {
                        ps.setString(1, m.name() + ".js");
                        ps.addBatch();
                    }
                    for (int i = 0; i < foreign; i++) {
                        ps.setString(1, String.format("%05d-theirs-%d.js", withChecksum + i + 1, i));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                c.commit();
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE TABLE `cutkit_schema_history`, `SequelizeMeta`");
                }
            }
            MySqlMigrationRunner runner = MySqlMigrationRunner.builder(server.dataSource(db))
                    .source(MigrationSource.directory(dir)).alsoRead(MigrationHistory.sequelizeMeta()).build();
            for (int i = 0; i < 3; i++) {
                runner.plan();
            }
            List<Duration> runs = new ArrayList<>();
            MigrationPlan plan = null;
            for (int i = 0; i < 7; i++) {
                Instant t0 = Instant.now();
                plan = runner.plan();
                runs.add(Duration.between(t0, Instant.now()));
            }
            runs.sort(Comparator.naturalOrder());
            System.out.printf("plan() of %d migrations against %d history rows: min %d ms, median %d ms, max %d ms%n",
                    count, plan.historyRows(), runs.get(0).toMillis(), runs.get(runs.size() / 2).toMillis(),
                    runs.get(runs.size() - 1).toMillis());
            System.out.printf("  entries: %d applied, %d foreign, %d collision, %d pending%n",
                    plan.count(PlanReason.APPLIED), plan.count(PlanReason.FOREIGN), plan.count(PlanReason.COLLISION),
                    plan.count(PlanReason.PENDING));
            Instant l0 = Instant.now();
            List<Migration> loaded = null;
            for (int i = 0; i < 5; i++) {
                loaded = MigrationSource.directory(dir).load();
            }
            System.out.printf("  of which listing, reading and hashing the files: %.1f ms per plan%n",
                    Duration.between(l0, Instant.now()).toNanos() / 5 / 1e6);
            MigrationPlanner planner = new MigrationPlanner(CollisionPolicy.fail(), false, "main");
            List<io.cutkit.core.migration.AppliedMigration> rows = new ArrayList<>();
            Instant r0 = Instant.now();
            for (int i = 0; i < 5; i++) {
                rows.clear();
                try (Connection c = server.connect(db)) {
                    rows.addAll(cutkit.read(c));
                    rows.addAll(sequelize.read(c));
                }
            }
            System.out.printf("  of which reading both histories: %.1f ms per plan%n",
                    Duration.between(r0, Instant.now()).toNanos() / 5 / 1e6);
            Instant p0 = Instant.now();
            for (int i = 0; i < 10; i++) {
                planner.plan(loaded, List.of(), rows);
            }
            System.out.printf("  of which the in-memory planning step: %.1f ms per plan%n",
                    Duration.between(p0, Instant.now()).toNanos() / 10 / 1e6);
            String json = plan.toJson();
            String table = plan.toText();
            System.out.printf("  rendered: JSON %d KiB, table %d KiB%n", json.length() / 1024, table.length() / 1024);
        } finally {
            server.dropDatabase(db);
            try (var files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
        // the shared test server's process pumps are not daemon threads
        System.exit(0);
    }
}
