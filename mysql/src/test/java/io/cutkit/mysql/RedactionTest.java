package io.cutkit.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void blanksPasswordLiteralsInUserStatements() {
        assertThat(Redaction.statement("CREATE USER 'app'@'%' IDENTIFIED BY 's3cr''et'"))
                .isEqualTo("CREATE USER 'app'@'%' IDENTIFIED BY '***'").doesNotContain("s3cr");
        assertThat(Redaction.statement("ALTER USER app IDENTIFIED VIA mysql_native_password USING PASSWORD('hunter2')"))
                .doesNotContain("hunter2").endsWith("USING PASSWORD('***')");
        assertThat(Redaction.statement("ALTER USER app IDENTIFIED WITH caching_sha2_password BY \"pa;ss\""))
                .doesNotContain("pa;ss");
        assertThat(Redaction.statement("ALTER USER app IDENTIFIED WITH mysql_native_password AS '*94BDCEBE19083CE2A1F959FD02F964C7AF4CFC29'"))
                .doesNotContain("94BDCEBE");
        assertThat(Redaction.statement("SET PASSWORD FOR 'app'@'%' = PASSWORD('topsecret')"))
                .doesNotContain("topsecret");
        assertThat(Redaction.statement("SET PASSWORD = 'plain-secret'")).doesNotContain("plain-secret");
        assertThat(Redaction.statement("CHANGE MASTER TO MASTER_HOST='db', MASTER_PASSWORD = 'replica-secret'"))
                .doesNotContain("replica-secret").contains("MASTER_HOST='db'");
    }

    @Test
    void blanksAPasswordLiteralThatAPreviewCutOff() {
        assertThat(Redaction.statement("CREATE USER 'app'@'%' IDENTIFIED BY 'a-very-long-secr"))
                .isEqualTo("CREATE USER 'app'@'%' IDENTIFIED BY '***'");
    }

    @Test
    void leavesOrdinaryStatementsAlone() {
        String sql = "UPDATE `users` SET `passwordHash` = 'x' WHERE `name` = 'identified by'";
        assertThat(Redaction.statement(sql)).isEqualTo(sql);
    }

    @Test
    void blanksPasswordsInJdbcUrls() {
        assertThat(Redaction.url("jdbc:mysql://db:3306/crm?user=app&password=hunter2&useSSL=true"))
                .isEqualTo("jdbc:mysql://db:3306/crm?user=app&password=***&useSSL=true");
        assertThat(Redaction.url("jdbc:mysql://db/?PASSWORD=hunter2")).doesNotContain("hunter2");
        assertThat(Redaction.url("jdbc:mysql://app:hunter2@db:3306/crm")).isEqualTo("jdbc:mysql://app:***@db:3306/crm");
        assertThat(Redaction.url("jdbc:mysql://db:3306/crm?useSSL=false")).isEqualTo("jdbc:mysql://db:3306/crm?useSSL=false");
    }
}
