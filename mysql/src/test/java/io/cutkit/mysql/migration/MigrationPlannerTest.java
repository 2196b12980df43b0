package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.migration.PlanReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationPlannerTest {

    private static Migration sql(String name, String body) {
        return new SqlMigration(name, name + ".sql", body);
    }

    private static AppliedMigration byName(String name) {
        return new AppliedMigration(name, MigrationNames.version(name), Optional.empty(), "main",
                AppliedMigration.Identity.NAME, true, "`SequelizeMeta` (Sequelize)");
    }

    private static AppliedMigration withChecksum(Migration m) {
        return new AppliedMigration(m.name(), m.version(), Optional.of(m.checksum()), "main",
                AppliedMigration.Identity.NAME, true, "`cutkit_schema_history` (cutkit)");
    }

    private final MigrationPlanner failOnCollision = new MigrationPlanner(CollisionPolicy.fail(), false, "main");

    @Test
    void forkedHistoryGivesAppliedForeignAndCollisionsWithNextFreeNumbers() {
        List<Migration> local = new ArrayList<>();
        List<AppliedMigration> history = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            local.add(sql(String.format("%03d-common-%d", i, i), "DO " + i + ";"));
            history.add(byName(String.format("%03d-common-%d", i, i)));
        }
        for (int i = 6; i <= 9; i++) {
            history.add(byName(String.format("%03d-theirs-%d", i, i)));
        }
        local.add(sql("006-ours-a", "DO 100;"));
        local.add(sql("007-ours-b", "DO 101;"));

        MigrationPlanner.Result result = failOnCollision.plan(local, List.of(), history);

        assertThat(result.entries()).filteredOn(e -> e.reason() == PlanReason.APPLIED).hasSize(5);
        assertThat(result.entries()).filteredOn(e -> e.reason() == PlanReason.FOREIGN).extracting(PlanEntry::name)
                .containsExactly("006-theirs-6", "007-theirs-7", "008-theirs-8", "009-theirs-9");
        List<PlanEntry.Conflict> collisions = result.entries().stream().filter(PlanEntry.Conflict.class::isInstance)
                .map(PlanEntry.Conflict.class::cast).toList();
        assertThat(collisions).extracting(PlanEntry.Conflict::name).containsExactly("006-ours-a", "007-ours-b");
        assertThat(collisions).extracting(c -> c.conflictsWith().orElseThrow()).containsExactly("006-theirs-6", "007-theirs-7");
        assertThat(collisions).extracting(c -> c.suggestedVersion().getAsLong()).containsExactly(10L, 11L);
        assertThat(collisions).extracting(c -> c.suggestedName().orElseThrow()).containsExactly("010-ours-a", "011-ours-b");
    }

    @Test
    void newLineagePolicyAppliesCollidingMigrationsUnderThatLineage() {
        MigrationPlanner planner = new MigrationPlanner(CollisionPolicy.newLineage("fork"), false, "main");
        MigrationPlanner.Result result = planner.plan(List.of(sql("002-ours", "DO 1;")), List.of(),
                List.of(byName("001-a"), byName("002-theirs")));
        assertThat(result.entries()).filteredOn(PlanEntry.Apply.class::isInstance).singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(PlanReason.COLLISION);
                    assertThat(((PlanEntry.Apply) e).lineage()).isEqualTo("fork");
                });
    }

    @Test
    void renamedCopyOfAnAppliedMigrationIsRecognisedByContent() {
        Migration original = sql("003-add-index", "CREATE INDEX i ON t (c);");
        Migration renamed = sql("010-add-index-again", "CREATE INDEX i ON t (c);");
        MigrationPlanner.Result result = failOnCollision.plan(List.of(renamed), List.of(), List.of(withChecksum(original)));
        assertThat(result.entries()).filteredOn(e -> e.name().equals("010-add-index-again")).singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(PlanReason.RENAMED);
                    assertThat(((PlanEntry.Skip) e).appliedAs()).hasValue("003-add-index");
                });
        assertThat(result.entries()).noneMatch(e -> e.reason() == PlanReason.FOREIGN);
    }

    @Test
    void renameAgainstNameOnlyHistoryNeedsTheContentFromAReferenceSource() {
        Migration renamed = sql("010-add-index", "CREATE INDEX i ON t (c);");
        List<AppliedMigration> history = List.of(byName("003-add-index"));

        MigrationPlanner.Result blind = failOnCollision.plan(List.of(renamed), List.of(), history);
        assertThat(blind.entries()).filteredOn(e -> e.name().equals("010-add-index")).singleElement()
                .extracting(PlanEntry::reason).isEqualTo(PlanReason.PENDING);
        assertThat(blind.notes()).singleElement().asString().contains("003-add-index").contains("referenceMigrations");

        MigrationPlanner.Result informed = failOnCollision.plan(List.of(renamed),
                List.of(sql("003-add-index", "CREATE INDEX i ON t (c);")), history);
        assertThat(informed.entries()).filteredOn(e -> e.name().equals("010-add-index")).singleElement()
                .extracting(PlanEntry::reason).isEqualTo(PlanReason.RENAMED);
        assertThat(informed.notes()).isEmpty();
    }

    @Test
    void changedContentUnderAnAppliedNameIsAConflict() {
        Migration applied = sql("001-a", "DO 1;");
        MigrationPlanner.Result result = failOnCollision.plan(List.of(sql("001-a", "DO 2;")), List.of(),
                List.of(withChecksum(applied)));
        assertThat(result.entries()).singleElement().isInstanceOf(PlanEntry.Conflict.class)
                .extracting(PlanEntry::reason).isEqualTo(PlanReason.CHECKSUM_CHANGED);
    }

    @Test
    void migrationBelowTheHighestAppliedIsOutOfOrderUnlessAllowed() {
        List<Migration> local = List.of(sql("001-a", "DO 1;"), sql("002-late", "DO 2;"), sql("003-c", "DO 3;"));
        List<AppliedMigration> history = List.of(withChecksum(local.get(0)), withChecksum(local.get(2)));
        assertThat(failOnCollision.plan(local, List.of(), history).entries())
                .filteredOn(e -> e.name().equals("002-late")).singleElement()
                .isInstanceOf(PlanEntry.Conflict.class).extracting(PlanEntry::reason).isEqualTo(PlanReason.OUT_OF_ORDER);
        assertThat(new MigrationPlanner(CollisionPolicy.fail(), true, "main").plan(local, List.of(), history).entries())
                .filteredOn(e -> e.name().equals("002-late")).singleElement()
                .isInstanceOf(PlanEntry.Apply.class).extracting(PlanEntry::reason).isEqualTo(PlanReason.OUT_OF_ORDER);
    }

    @Test
    void versionOnlyHistoryMatchesByVersion() {
        AppliedMigration rails = new AppliedMigration("20240101000000", MigrationNames.version("20240101000000"),
                Optional.empty(), "main", AppliedMigration.Identity.VERSION, true, "`schema_migrations` (Rails)");
        AppliedMigration railsForeign = new AppliedMigration("20240301000000", MigrationNames.version("20240301000000"),
                Optional.empty(), "main", AppliedMigration.Identity.VERSION, true, "`schema_migrations` (Rails)");
        MigrationPlanner.Result result = failOnCollision.plan(
                List.of(sql("20240101000000_create_users", "DO 1;"), sql("20240401000000_add_x", "DO 2;")),
                List.of(), List.of(rails, railsForeign));
        assertThat(result.entries()).extracting(PlanEntry::reason)
                .containsExactly(PlanReason.APPLIED, PlanReason.FOREIGN, PlanReason.PENDING);
    }

    @Test
    void aFailedAttemptBlocksTheMigrationUntilReconciled() {
        Migration m = sql("001-a", "DO 1;");
        AppliedMigration failed = new AppliedMigration("001-a", m.version(), Optional.of(m.checksum()), "main",
                AppliedMigration.Identity.NAME, false, "`cutkit_schema_history` (cutkit)");
        assertThat(failOnCollision.plan(List.of(m), List.of(), List.of(failed)).entries()).singleElement()
                .extracting(PlanEntry::reason).isEqualTo(PlanReason.PREVIOUSLY_FAILED);
    }

    @Test
    void twoLocalMigrationsWithOneNumberCollideWithEachOther() {
        MigrationPlanner.Result result = failOnCollision.plan(List.of(sql("005-a", "DO 1;"), sql("005-b", "DO 2;")),
                List.of(), List.of());
        assertThat(result.entries()).extracting(PlanEntry::reason).containsExactly(PlanReason.PENDING, PlanReason.COLLISION);
        assertThat(((PlanEntry.Conflict) result.entries().get(1)).suggestedName()).hasValue("006-b");
    }
}
