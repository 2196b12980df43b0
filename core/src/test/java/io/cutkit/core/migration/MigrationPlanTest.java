package io.cutkit.core.migration;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationPlanTest {

    private final MigrationPlan plan = new MigrationPlan("crm", List.of("`SequelizeMeta` (Sequelize)"), List.of(
            new PlanEntry.Skip("001-a", OptionalLong.of(1), PlanReason.APPLIED, Optional.of("001-a"), "recorded"),
            new PlanEntry.Conflict("002-\"quoted\"\\name", OptionalLong.of(2), PlanReason.COLLISION, Optional.of("002-theirs"),
                    OptionalLong.of(3), Optional.of("003-\"quoted\"\\name"), "line one\nline\ttwo"),
            new PlanEntry.Skip("002-theirs", OptionalLong.of(2), PlanReason.FOREIGN, Optional.empty(), "no file"),
            new PlanEntry.Apply("004-b", OptionalLong.of(4), "sha256:ab", "main", PlanReason.PENDING, "not applied yet")),
            3, "0123456789abcdef", List.of("a note"), Instant.parse("2026-11-24T16:00:00Z"));

    @Test
    void jsonEscapesNamesAndDetailsAndCarriesConflictSuggestions() {
        String json = plan.toJson();
        assertThat(json).contains("\"name\":\"002-\\\"quoted\\\"\\\\name\"")
                .contains("\"detail\":\"line one\\nline\\ttwo\"")
                .contains("\"suggestedVersion\":3")
                .contains("\"conflictsWith\":\"002-theirs\"")
                .contains("\"historyRows\":3")
                .contains("\"executable\":false")
                .contains("\"COLLISION\":1")
                .contains("\"notes\":[\"a note\"]");
        assertThat(json).doesNotContain("\n").doesNotContain("\t");
    }

    @Test
    void tableHasOneRowPerEntryAndASummary() {
        String table = plan.toText();
        assertThat(table.lines()).filteredOn(l -> l.contains("CONFLICT")).singleElement().asString()
                .contains("line one line two");
        assertThat(table.lines()).hasSize(9);
        assertThat(table).contains("004-b").contains("foreign").contains("1 applied, 1 pending, 1 collision, 1 foreign")
                .contains("migrate() will refuse").contains("note: a note");
    }

    @Test
    void countsAndSelectionsFollowTheEntries() {
        assertThat(plan.count(PlanReason.FOREIGN)).isEqualTo(1);
        assertThat(plan.toApply()).extracting(PlanEntry::name).containsExactly("004-b");
        assertThat(plan.conflicts()).hasSize(1);
        assertThat(plan.executable()).isFalse();
    }
}
