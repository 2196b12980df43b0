package io.cutkit.crypto.jdbc;

import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.crypto.KeyRing;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * A leads-shaped table ({@code id}, encrypted {@code name}, {@code email}, {@code phone}, plain
 * {@code notes}) filled with generated plaintext, some NULLs and encrypted empty strings.
 */
final class LeadsTable {

    static final String[] COLUMNS = {"name", "email", "phone"};

    private LeadsTable() {
    }

    static void create(DataSource dataSource, String table) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE `" + table + "` (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name TEXT, email TEXT, "
                    + "phone TEXT, status VARCHAR(32) NOT NULL DEFAULT 'new', notes MEDIUMTEXT)"
                    + " CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci");
        }
    }

    /** The plaintext lead {@code id} has in {@code column} ({@code null} for SQL NULL). */
    static String plaintext(long id, int column) {
        if ((id * 7 + column) % 53 == 0) {
            return null;
        }
        if ((id * 11 + column) % 97 == 0) {
            return "";
        }
        return switch (column) {
            case 0 -> "Lead Nümber " + id;
            case 1 -> "lead" + id + "@example.com";
            default -> "+1 555 " + String.format("%07d", id);
        };
    }

    /** Inserts rows {@code 1..rows} with every value encrypted by {@code ring}'s current key. */
    static void fill(DataSource dataSource, String table, int rows, KeyRing ring) throws SQLException {
        EnvelopeCodec codec = EnvelopeCodec.of(ring);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO `" + table
                    + "` (id, name, email, phone, notes) VALUES (?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= rows; id++) {
                    insert.setInt(1, id);
                    for (int col = 0; col < 3; col++) {
                        String plain = plaintext(id, col);
                        insert.setString(col + 2, plain == null ? null : codec.encrypt(plain));
                    }
                    insert.setString(5, "note " + id);
                    insert.addBatch();
                    if (id % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
        }
    }

    /** Every row's stored values, by id. */
    static Map<Long, String[]> stored(DataSource dataSource, String table) throws SQLException {
        Map<Long, String[]> rows = new HashMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, email, phone FROM `" + table + "`")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
            }
        }
        return rows;
    }
}
