package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL every history adapter runs the same way: existence check, read loop, create, single-column insert. */
final class HistoryTables {

    private HistoryTables() {
    }

    /** Turns the current row into an applied migration, or into nothing for a row that records none (a marker row). */
    @FunctionalInterface
    interface RowMapper {
        Optional<AppliedMigration> map(ResultSet row) throws SQLException;
    }

    static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Runs {@code query} and maps each row in result order; empty without a query when {@code table} is missing. */
    static List<AppliedMigration> read(Connection connection, String table, String query, RowMapper mapper)
            throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        if (!exists(connection, table)) {
            return rows;
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery(query)) {
            while (rs.next()) {
                mapper.map(rs).ifPresent(rows::add);
            }
        }
        return rows;
    }

    /** {@code CREATE TABLE IF NOT EXISTS `table` <definition>}. */
    static void createIfMissing(Connection connection, String table, String definition) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + quote(table) + " " + definition);
        }
    }

    /** Inserts one row that sets a single column. */
    static void insertValue(Connection connection, String table, String column, String value) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "INSERT INTO " + quote(table) + " (" + quote(column) + ") VALUES (?)")) {
            ps.setString(1, value);
            ps.executeUpdate();
        }
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
