package io.cutkit.mysql.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The three lists load without their comment heads, with the counts and decisions docs/dry-run.md states. */
class ReservedWordsTest {

    @Test
    void eachListLoadsItsWordsAndNoneOfItsHead() {
        ReservedWords mysql80 = ReservedWords.of("mysql-8.0");
        ReservedWords mysql84 = ReservedWords.of("mysql-8.4");
        ReservedWords mariadb = ReservedWords.of("mariadb-11.4");

        assertThat(mysql80.words()).hasSize(262).allMatch(w -> w.matches("[A-Z_][A-Z0-9_]*"));
        assertThat(mysql84.words()).hasSize(266).allMatch(w -> w.matches("[A-Z_][A-Z0-9_]*"));
        assertThat(mariadb.words()).hasSize(247).allMatch(w -> w.matches("[A-Z_][A-Z0-9_]*"));
        assertThat(mysql80.contains("taken")).isFalse();
        assertThat(mysql84.notIn(mysql80)).containsExactly("MANUAL", "PARALLEL", "QUALIFY", "TABLESAMPLE");
        assertThat(mysql84.contains("cube")).isTrue();
        assertThat(mariadb.contains("portion")).isTrue();
        assertThat(mysql84.notIn(mariadb)).contains("DATABASE", "SCHEMA", "OPTION", "WINDOW", "RANK", "LEAD")
                .doesNotContain("SELECT", "POSITION");
    }

    @Test
    void aFlavourWithoutAListIsRefusedByName() {
        assertThatThrownBy(() -> ReservedWords.of("mysql-5.7")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mysql-5.7");
    }
}
