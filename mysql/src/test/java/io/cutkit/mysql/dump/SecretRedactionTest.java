package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.mysql.script.ScriptStatement;
import io.cutkit.mysql.script.StatementSplitter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class SecretRedactionTest {

    @Test
    void serverAddressNeverShowsAPasswordWrittenIntoItsUrl() {
        assertThat(ServerAddress.of("jdbc:mysql://db:3306/?user=app&password=hunter2", "app", "other-secret").toString())
                .doesNotContain("hunter2").doesNotContain("other-secret").contains("password=***");
        assertThat(ServerAddress.of("jdbc:mysql://app:hunter2@db:3306/", "app", "x").toString()).doesNotContain("hunter2");
    }

    @Test
    void theNotAConnectorUrlErrorDoesNotEchoThePassword() {
        assertThatThrownBy(() -> ServerAddress.of("jdbc:mariadb://db/?password=hunter2", "app", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a mysql-connector-j URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aFailingCreateUserStatementIsQuotedWithoutItsPassword() throws Exception {
        String sql = "CREATE USER 'app'@'%' IDENTIFIED BY 'hunter2';\n";
        ScriptStatement statement;
        try (StatementSplitter splitter = StatementSplitter.over(new ByteArrayInputStream(sql.getBytes(StandardCharsets.UTF_8)))) {
            statement = splitter.next();
        }
        SQLException server = new SQLException("You have an error in your SQL syntax near 'IDENTIFIED BY 'hunter2''",
                "42000", 1064);

        StatementFailedException e = new StatementFailedException("dump.sql", statement, server);

        assertThat(e.getMessage()).doesNotContain("hunter2").contains("IDENTIFIED BY '***'");
        assertThat(e.statementPreview()).doesNotContain("hunter2");
        assertThat(e.getCause().getMessage()).doesNotContain("hunter2");
        assertThat(e.withTargetState("the target `crm` is unchanged", "crm~cutkit-staging", "crm").getMessage()).doesNotContain("hunter2");
    }
}
