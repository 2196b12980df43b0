package io.cutkit.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ContractorDatabaseTest {

    @Test
    void contractorsMigrationsCollideWithTheForksOriginalNumbers() {
        assertThat(ContractorDatabase.migrationName(46)).startsWith("046-").isNotEqualTo("046-add-dedup-hash.js");
        assertThat(ContractorDatabase.migrationName(47)).startsWith("047-").isNotEqualTo("047-add-timezone.js");
        assertThat(ContractorDatabase.migrationName(3)).matches("003-[a-z-]+\\.js");
    }

    @Test
    void refusesAHistoryTooShortForTheForkToCollideWith() {
        assertThatThrownBy(() -> ContractorDatabase.of(10, 2, 45, 1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("47 migrations");
    }
}
