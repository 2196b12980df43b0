package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;
import io.cutkit.core.migration.MigrationPlan;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.migration.PlanReason;
import io.cutkit.mysql.testing.DatabaseExtension;
import io.cutkit.mysql.testing.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** A history written by real Flyway (12.4.0 from Maven Central) is read correctly. */
@ExtendWith(DatabaseExtension.class)
class FlywayHistoryIT {

    private static void flywayMigrate(TestDatabase db, Path dir) {
        Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + dir.toAbsolutePath())
                .load().migrate();
    }

    private static Path flywayMigrations(Path dir) throws Exception {
        Files.writeString(dir.resolve("V1__create_users.sql"),
                "-- users\r\nCREATE TABLE `users` (\r\n  `id` INT PRIMARY KEY,\r\n  `email` VARCHAR(255)\r\n);\r\n");
        Files.writeString(dir.resolve("V2__add_leads.sql"), "\uFEFFCREATE TABLE `leads` (`id` INT PRIMARY KEY);\n"
                + "INSERT INTO `leads` VALUES (1), (2);\n");
        Files.writeString(dir.resolve("V3__widen_email.sql"), "ALTER TABLE `users` MODIFY `email` VARCHAR(320);\n");
        return dir;
    }

    @Test
    void readsNamesVersionsChecksumsAndOutcomeFromFlywaysOwnTable(TestDatabase db, @TempDir Path dir) throws Exception {
        flywayMigrate(db, flywayMigrations(dir));
        List<AppliedMigration> rows;
        try (Connection c = db.connect()) {
            rows = MigrationHistory.flyway().read(c);
        }
        assertThat(rows).extracting(AppliedMigration::name, r -> r.version().getAsLong(), AppliedMigration::succeeded)
                .containsExactly(tuple("V1__create_users", 1L, true), tuple("V2__add_leads", 2L, true),
                        tuple("V3__widen_email", 3L, true));
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT `checksum` FROM `flyway_schema_history` WHERE `version` = '1'")) {
            rs.next();
            assertThat(rows.get(0).checksum()).hasValue("crc32:" + rs.getInt(1));
        }
    }

    @Test
    void flywayAppliedFilesPlanAsAppliedWithVerifiedChecksumsAndNewOnesAsPending(TestDatabase db, @TempDir Path dir)
            throws Exception {
        flywayMigrate(db, flywayMigrations(dir));
        Files.writeString(dir.resolve("V4__add_notes.sql"), "ALTER TABLE `leads` ADD COLUMN `notes` TEXT;\n");
        MySqlMigrationRunner runner = MySqlMigrationRunner.builder(db.dataSource())
                .source(MigrationSource.directory(dir)).alsoRead(MigrationHistory.flyway()).build();

        MigrationPlan plan = runner.plan();

        assertThat(plan.entries()).extracting(PlanEntry::name, PlanEntry::reason).containsExactly(
                tuple("V1__create_users", PlanReason.APPLIED), tuple("V2__add_leads", PlanReason.APPLIED),
                tuple("V3__widen_email", PlanReason.APPLIED), tuple("V4__add_notes", PlanReason.PENDING));
        assertThat(plan.withReason(PlanReason.APPLIED)).allSatisfy(e -> assertThat(e.detail()).contains("checksum verified"));
        assertThat(runner.migrate(plan).applied()).extracting(a -> a.name()).containsExactly("V4__add_notes");
        assertThat(runner.plan().toApply()).isEmpty();
    }

    @Test
    void editedFlywayMigrationIsAChecksumConflictAndARenamedOneIsRecognised(TestDatabase db, @TempDir Path dir)
            throws Exception {
        flywayMigrate(db, flywayMigrations(dir));
        Files.writeString(dir.resolve("V3__widen_email.sql"), "ALTER TABLE `users` MODIFY `email` VARCHAR(400);\n");
        Files.move(dir.resolve("V2__add_leads.sql"), dir.resolve("V5__add_leads_again.sql"));

        MigrationPlan plan = MySqlMigrationRunner.builder(db.dataSource()).source(MigrationSource.directory(dir))
                .alsoRead(MigrationHistory.flyway()).build().plan();

        assertThat(plan.entries()).extracting(PlanEntry::name, PlanEntry::reason).containsExactly(
                tuple("V1__create_users", PlanReason.APPLIED), tuple("V3__widen_email", PlanReason.CHECKSUM_CHANGED),
                tuple("V5__add_leads_again", PlanReason.RENAMED));
        assertThat(((PlanEntry.Skip) plan.entries().get(2)).appliedAs()).isEqualTo(Optional.of("V2__add_leads"));
    }

    @Test
    void flywayHistoryCannotBeTheWrittenOne(TestDatabase db) {
        assertThatThrownBy(() -> MySqlMigrationRunner.builder(db.dataSource()).history(MigrationHistory.flyway())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alsoRead");
    }
}
