package io.cutkit.mysql.migration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationNamesTest {

    @Test
    void versionIsTheNumericPrefixAfterAnOptionalV() {
        assertThat(MigrationNames.version("046-add-dedup-hash")).hasValue(46);
        assertThat(MigrationNames.version("V3__create_table")).hasValue(3);
        assertThat(MigrationNames.version("20240101120000_create_users")).hasValue(20240101120000L);
        assertThat(MigrationNames.version("add-things")).isEmpty();
    }

    @Test
    void renumberKeepsTheWidthAndTheRestOfTheName() {
        assertThat(MigrationNames.renumber("046-add-dedup-hash", 55)).isEqualTo("055-add-dedup-hash");
        assertThat(MigrationNames.renumber("V3__x", 12)).isEqualTo("V12__x");
        assertThat(MigrationNames.renumber("9-x", 1000)).isEqualTo("1000-x");
    }

    @Test
    void logicalNameDropsScriptExtensionsOnly() {
        assertThat(MigrationNames.logicalName("001-create-users.js")).isEqualTo("001-create-users");
        assertThat(MigrationNames.logicalName("V1__init.sql")).isEqualTo("V1__init");
        assertThat(MigrationNames.logicalName("001-v1.2-users")).isEqualTo("001-v1.2-users");
    }
}
