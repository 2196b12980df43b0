package io.cutkit.mysql.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.PlanConflictException;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.migration.PlanReason;
import io.cutkit.mysql.testing.ChildJvm;
import io.cutkit.mysql.testing.DatabaseExtension;
import io.cutkit.mysql.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A migration run whose JVM is killed part-way: the next run refuses the half-applied migration, never repeats it. */
@ExtendWith(DatabaseExtension.class)
@Timeout(90)
class MigrationFaultsIT {

    @Test
    void aJvmKilledMidMigrationLeavesItRecordedAsStartedAndTheNextRunRefusesToRepeatIt(TestDatabase db,
            @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("001-ledger.sql"), "CREATE TABLE ledger (id INT AUTO_INCREMENT PRIMARY KEY, amount INT);");
        Files.writeString(dir.resolve("002-credit.sql"), "INSERT INTO ledger (amount) VALUES (100);\n"
                + "DO SLEEP(3);\nUPDATE ledger SET amount = amount + 50;\n");
        Files.writeString(dir.resolve("003-after.sql"), "CREATE TABLE after_credit (id INT PRIMARY KEY);");
        Map<String, String> environment = Map.of("CUTKIT_CHILD_URL", db.server().jdbcUrl(""),
                "CUTKIT_CHILD_USER", db.server().user(), "CUTKIT_CHILD_PASSWORD", db.server().password());
        try (ChildJvm child = ChildJvm.start(MigrationChild.class, environment, dir.toString(), db.name())) {
            child.awaitLine("migrating", Duration.ofSeconds(30));
            awaitStatement(db, "DO SLEEP");
            child.kill();
        }
        MySqlMigrationRunner runner = MySqlMigrationRunner.builder(db.dataSource())
                .source(MigrationSource.directory(dir)).lockWait(Duration.ofSeconds(20)).build();

        MigrationPlan plan = runner.plan();

        assertThat(plan.withReason(PlanReason.PREVIOUSLY_FAILED)).extracting(PlanEntry::name).containsExactly("002-credit");
        assertThat(plan.executable()).isFalse();
        assertThatThrownBy(runner::migrate).isInstanceOf(PlanConflictException.class)
                .hasMessageContaining("002-credit").hasMessageContaining("interrupted")
                .hasMessageContaining("STARTED row");
        assertThat(strings(db, "SELECT amount FROM ledger")).containsExactly("100");
        assertThat(strings(db, "SELECT outcome FROM cutkit_schema_history WHERE name = '002-credit'"))
                .containsExactly("STARTED");
        assertThat(strings(db, "SHOW TABLES LIKE 'after_credit'")).isEmpty();

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM ledger");
            s.execute("DELETE FROM cutkit_schema_history WHERE outcome = 'STARTED'");
        }
        runner.migrate();

        assertThat(strings(db, "SELECT amount FROM ledger")).containsExactly("150");
        assertThat(strings(db, "SELECT outcome FROM cutkit_schema_history ORDER BY id"))
                .containsExactly("SUCCESS", "SUCCESS", "SUCCESS");
    }

    private static void awaitStatement(TestDatabase db, String start) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (strings(db, "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE '" + start + "%'").isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no session ran " + start + "... within 30 s");
            }
            Thread.sleep(20);
        }
    }

    private static List<String> strings(TestDatabase db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
