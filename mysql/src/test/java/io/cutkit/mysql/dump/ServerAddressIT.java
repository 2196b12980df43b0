package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class ServerAddressIT {

    @Test
    void dataSourceConnectsToTheNamedDatabase() throws Exception {
        DatabaseServer server = DatabaseServers.shared();
        String database = server.createDatabase("address");
        ServerAddress address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
        try (HikariDataSource pool = address.dataSource(database, 2);
                Connection c = pool.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT DATABASE()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(database);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(2);
        } finally {
            server.dropDatabase(database);
        }
    }
}
