package io.cutkit.mysql.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabaseExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseExtensionIT {

    private static final List<String> SEEN = new ArrayList<>();

    @Test
    @Order(1)
    void eachTestGetsAFreshEmptyDatabase(TestDatabase db) throws SQLException {
        SEEN.add(db.name());
        assertThat(tableCount(db)).isZero();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE leads (id INT PRIMARY KEY, note VARCHAR(20))");
            statement.execute("INSERT INTO leads VALUES (1, 'snowman \u2603 and \uD83D\uDE00')");
            try (ResultSet rows = statement.executeQuery("SELECT note FROM leads")) {
                rows.next();
                assertThat(rows.getString(1)).isEqualTo("snowman \u2603 and \uD83D\uDE00");
            }
        }
    }

    @Test
    @Order(2)
    void previousTestsDatabaseIsGoneAndThisOneIsIsolated(TestDatabase db, DatabaseServer server) throws SQLException {
        assertThat(SEEN).hasSize(1).doesNotContain(db.name());
        assertThat(db.server()).isSameAs(server).isSameAs(DatabaseServers.shared());
        assertThat(tableCount(db)).isZero();
        assertThat(exists(server, SEEN.get(0))).isFalse();
        SEEN.add(db.name());
    }

    @Test
    @Order(3)
    void twoParametersGetTwoDatabases(TestDatabase first, TestDatabase second) throws SQLException {
        assertThat(first.name()).isNotEqualTo(second.name());
        try (Connection connection = first.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_here (id INT)");
        }
        assertThat(tableCount(first)).isEqualTo(1);
        assertThat(tableCount(second)).isZero();
        SEEN.add(first.name());
        SEEN.add(second.name());
    }

    @AfterAll
    static void everyDatabaseWasDropped() throws SQLException {
        for (String name : SEEN) {
            assertThat(exists(DatabaseServers.shared(), name)).as(name).isFalse();
        }
    }

    private static int tableCount(TestDatabase db) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean exists(DatabaseServer server, String name) throws SQLException {
        try (Connection connection = server.connect(null); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.SCHEMATA"
                     + " WHERE SCHEMA_NAME = '" + name + "'")) {
            rows.next();
            return rows.getInt(1) > 0;
        }
    }
}
