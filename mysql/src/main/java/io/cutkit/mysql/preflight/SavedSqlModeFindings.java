package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the {@code sql_mode} each routine, trigger and event of one database was saved with
 * ({@code information_schema} ROUTINES, TRIGGERS, EVENTS) and reports the ones holding
 * {@code NO_AUTO_CREATE_USER}, which MySQL 8.0 and later refuse (error 1231 on the dump's
 * {@code SET sql_mode} before the CREATE). A {@code server-variable} finding, P1: cutkit's importer
 * removes the mode itself when it meets a MySQL 8 target, a plain client import stops there. A body
 * that names the mode itself (a {@code SET sql_mode} run each time the object runs) is P0: no import
 * can remove it, and every run fails on MySQL 8.
 */
public final class SavedSqlModeFindings {

    /** The mode MySQL 8 removed. */
    public static final String MODE = "NO_AUTO_CREATE_USER";

    private SavedSqlModeFindings() {
    }

    /**
     * The objects of database {@code schema}, read through {@code connection} (the source or the imported
     * copy), saved with {@link #MODE}; objects are named {@code displayName.object}.
     */
    public static List<Finding> of(Connection connection, String schema, String displayName) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        read(connection, findings, displayName, schema, "SELECT ROUTINE_NAME, ROUTINE_TYPE, SQL_MODE,"
                + " ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_NAME");
        read(connection, findings, displayName, schema, "SELECT TRIGGER_NAME, 'TRIGGER', SQL_MODE,"
                + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY TRIGGER_NAME");
        read(connection, findings, displayName, schema, "SELECT EVENT_NAME, 'EVENT', SQL_MODE,"
                + " EVENT_DEFINITION FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME");
        return findings;
    }

    private static boolean names(String text) {
        return text != null && text.toUpperCase(Locale.ROOT).contains(MODE);
    }

    private static void read(Connection c, List<Finding> findings, String displayName, String schema, String sql)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String kind = rs.getString(2).toLowerCase(Locale.ROOT);
                    if (names(rs.getString(4))) {
                        findings.add(Finding.of(FindingClass.SERVER_VARIABLE,
                                        "the " + kind + " " + name + " sets a sql_mode with " + MODE + " in its body: on"
                                                + " MySQL 8 that SET fails with error 1231 each time the " + kind + " runs",
                                        "remove " + MODE + " from the SET in the " + kind + "'s body on the source (or"
                                                + " recreate it so on the target) before the cutover")
                                .severity(Severity.P0).object(displayName + "." + name).evidence("kind", kind)
                                .evidence("in_body", true).build());
                    }
                    if (names(rs.getString(3))) {
                        findings.add(Finding.of(FindingClass.SERVER_VARIABLE,
                                        "the " + kind + " " + name + " was saved with sql_mode " + MODE + ", which MySQL 8"
                                                + " refuses: the dump's SET sql_mode before its CREATE fails with error"
                                                + " 1231 in a plain client import",
                                        "import with cutkit (it removes " + MODE + " from the mode on a MySQL 8 target), or"
                                                + " recreate the " + kind + " on the source under a sql_mode without it"
                                                + " before the export")
                                .object(displayName + "." + name).autofix("automatic: cutkit import on MySQL 8")
                                .evidence("kind", kind).evidence("sql_mode", rs.getString(3)).build());
                    }
                }
            }
        }
    }
}
