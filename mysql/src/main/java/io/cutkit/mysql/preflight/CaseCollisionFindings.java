package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Tables and views of one database whose names differ only in case, against a target that folds names
 * ({@code lower_case_table_names} 1 or 2): there they are one name, so the dump's DROP TABLE IF EXISTS
 * before the second drops the first, or the second CREATE fails (error 1050). A P0 {@code server-variable}
 * finding naming both objects.
 */
public final class CaseCollisionFindings {

    private CaseCollisionFindings() {
    }

    /** The target's {@code lower_case_table_names} (only read): 0 keeps case, 1 and 2 fold it. */
    public static int lowerCaseTableNames(DataSource target) throws SQLException {
        String value = ServerVariables.read(target, List.of("lower_case_table_names")).getOrDefault("lower_case_table_names", "0");
        return Integer.parseInt(value.trim());
    }

    /**
     * The groups of names in database {@code schema} (read through {@code connection}, named
     * {@code displayName.table}) that one target with {@code lowerCaseTableNames} cannot hold apart.
     */
    public static List<Finding> of(Connection connection, String schema, String displayName, int lowerCaseTableNames)
            throws SQLException {
        if (lowerCaseTableNames == 0) {
            return List.of();
        }
        Map<String, List<String>> byFolded = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT TABLE_NAME FROM information_schema.TABLES"
                + " WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    byFolded.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(name);
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        byFolded.forEach((folded, names) -> {
            if (names.size() > 1) {
                List<String> objects = names.stream().map(n -> displayName + "." + n).toList();
                findings.add(Finding.of(FindingClass.SERVER_VARIABLE,
                                "tables " + String.join(" and ", objects) + " differ only in case and the target has"
                                        + " lower_case_table_names=" + lowerCaseTableNames + ": there they are one name, so"
                                        + " the dump's DROP TABLE IF EXISTS before the second drops the first, or its"
                                        + " CREATE fails (error 1050)",
                                "rename one of them on the source (RENAME TABLE) and in the application before the export,"
                                        + " or move to a target initialised with lower_case_table_names=0")
                        .severity(Severity.P0).object(objects.get(0)).evidence("tables", objects)
                        .evidence("lower_case_table_names", lowerCaseTableNames).build());
            }
        });
        return findings;
    }
}
