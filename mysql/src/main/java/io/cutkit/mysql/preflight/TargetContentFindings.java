package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads whether the target database already exists with tables in it: the import would mix old and
 * new rows or be refused, so that is a P0 {@code target-not-empty} naming the tables and their row
 * counts (counted exactly for the first {@value #COUNTED} tables).
 */
public final class TargetContentFindings {

    static final int COUNTED = 20;

    private TargetContentFindings() {
    }

    /** The finding for {@code database} on {@code target} (only read), if it holds tables. */
    public static Optional<Finding> of(DataSource target, String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = target.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            if (tables.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Long> rows = new LinkedHashMap<>();
            try (Statement st = c.createStatement()) {
                for (String table : tables.subList(0, Math.min(COUNTED, tables.size()))) {
                    try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + quote(database) + "." + quote(table))) {
                        rs.next();
                        rows.put(table, rs.getLong(1));
                    }
                }
            }
            long total = rows.values().stream().mapToLong(Long::longValue).sum();
            List<String> named = rows.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + " rows)").toList();
            return Optional.of(Finding.of(FindingClass.TARGET_NOT_EMPTY,
                            "the target database `" + database + "` already holds " + tables.size() + " table(s) with "
                                    + total + " row(s) counted: " + String.join(", ", named)
                                    + (tables.size() > COUNTED ? ", ..." : "") + "; the import would mix them or be refused",
                            "drop or rename `" + database + "` on the target after confirming nothing there is needed"
                                    + " (cutkit's DatabaseRecreator recreates it empty in the window), or import under"
                                    + " another --database")
                    .object(database).evidence("tables", tables.size()).evidence("rows", total)
                    .evidence("counted", named).build());
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
