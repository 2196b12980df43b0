package io.cutkit.mysql.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseServersTest {

    @Test
    void existingServerUrlGivesHostPortAndCleanJdbcUrl() {
        DatabaseServer server = DatabaseServers.existing("jdbc:mysql://db.internal:3307/ignored?x=1", "ci", "pw");
        assertThat(server.host()).isEqualTo("db.internal");
        assertThat(server.port()).isEqualTo(3307);
        assertThat(server.jdbcUrl("crm")).startsWith("jdbc:mysql://db.internal:3307/crm?").contains("useSSL=false");
        assertThat(server.toString()).doesNotContain("pw");
    }

    @Test
    void existingServerUrlWithoutPortUsesMysqlDefault() {
        assertThat(DatabaseServers.existing("jdbc:mysql://db/", "root", "").port()).isEqualTo(3306);
    }

    @Test
    void refusesUrlOfAnotherDriverNamingTheVariable() {
        assertThatThrownBy(() -> DatabaseServers.existing("jdbc:postgresql://db/x", "root", ""))
                .isInstanceOf(DatabaseFixtureException.class)
                .hasMessageContaining(DatabaseServers.URL_VARIABLE);
    }

    @Test
    void uniqueNamesAreValidIdentifiersWithinMysqlLimit() {
        String name = JdbcDatabaseServer.uniqueName("weird-prefix with spaces and a very long tail that goes on and on");
        assertThat(name).matches("[A-Za-z0-9_]+").hasSizeLessThanOrEqualTo(48);
        assertThat(JdbcDatabaseServer.uniqueName("x")).isNotEqualTo(JdbcDatabaseServer.uniqueName("x"));
    }
}
