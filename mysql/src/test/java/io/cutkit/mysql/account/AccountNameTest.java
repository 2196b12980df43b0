package io.cutkit.mysql.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountNameTest {

    @Test
    void parsesCatalogueAndDumpSpellings() {
        assertThat(AccountName.parse("optileads_app@%")).isEqualTo(new AccountName("optileads_app", "%"));
        assertThat(AccountName.parse("`optileads_app`@`%`")).isEqualTo(new AccountName("optileads_app", "%"));
        assertThat(AccountName.parse("'a@b'@'10.0.0.%'")).isEqualTo(new AccountName("a@b", "10.0.0.%"));
    }

    @Test
    void refusesTextWithoutHost() {
        assertThatThrownBy(() -> AccountName.parse("someone")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user@host");
    }

    @Test
    void refusesPrivilegeListsThatCouldInjectSql() {
        assertThatThrownBy(() -> Accounts.requirePrivileges("ALL; DROP DATABASE x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Accounts.requirePrivileges(" SELECT, INSERT ,UPDATE ")).isEqualTo("SELECT, INSERT ,UPDATE");
    }
}
