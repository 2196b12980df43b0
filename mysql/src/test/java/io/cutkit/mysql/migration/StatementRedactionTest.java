package io.cutkit.mysql.migration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementRedactionTest {

    @Test
    void blanksPasswordLiteralsInUserStatements() {
        assertThat(StatementRedaction.redact("CREATE USER 'app'@'%' IDENTIFIED BY 's3cr''et'"))
                .isEqualTo("CREATE USER 'app'@'%' IDENTIFIED BY '***'").doesNotContain("s3cr");
        assertThat(StatementRedaction.redact("ALTER USER app IDENTIFIED VIA mysql_native_password USING PASSWORD('hunter2')"))
                .doesNotContain("hunter2").endsWith("USING PASSWORD('***')");
        assertThat(StatementRedaction.redact("ALTER USER app IDENTIFIED WITH caching_sha2_password BY \"pa;ss\""))
                .doesNotContain("pa;ss");
        assertThat(StatementRedaction.redact("SET PASSWORD FOR 'app'@'%' = PASSWORD('topsecret')"))
                .doesNotContain("topsecret");
    }

    @Test
    void leavesOrdinaryStatementsAlone() {
        String sql = "UPDATE `users` SET `passwordHash` = 'x' WHERE `name` = 'identified by'";
        assertThat(StatementRedaction.redact(sql)).isEqualTo(sql);
    }
}
