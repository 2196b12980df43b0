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
 * {@code SET sql_mode} before the CREATE). One {@code server-variable} finding for all of them (the
 * objects in its evidence), P1: cutkit's importer
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
        List<Saved> saved = new ArrayList<>();
        read(connection, findings, saved, displayName, schema, "SELECT ROUTINE_NAME, ROUTINE_TYPE, SQL_MODE,"
                + " ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ? ORDER BY ROUTINE_NAME");
        read(connection, findings, saved, displayName, schema, "SELECT TRIGGER_NAME, 'TRIGGER', SQL_MODE,"
                + " ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ? ORDER BY TRIGGER_NAME");
        read(connection, findings, saved, displayName, schema, "SELECT EVENT_NAME, 'EVENT', SQL_MODE,"
                + " EVENT_DEFINITION FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ? ORDER BY EVENT_NAME");
        if (!saved.isEmpty()) {
            findings.add(savedWith(saved, displayName));
        }
        return findings;
    }

    private static boolean names(String text) {
        return text != null && text.toUpperCase(Locale.ROOT).contains(MODE);
    }

    /** One object saved with the mode: its kind, name and saved sql_mode. */
    private record Saved(String kind, String name, String sqlMode) {
    }

    private static void read(Connection c, List<Finding> findings, List<Saved> saved, String displayName, String schema,
            String sql) throws SQLException {
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
                        saved.add(new Saved(kind, name, rs.getString(3)));
                    }
                }
            }
        }
    }

    /** One finding for every object saved with the mode: a dump saves a whole schema's code under one session mode. */
    private static Finding savedWith(List<Saved> saved, String displayName) {
        Saved first = saved.get(0);
        boolean one = saved.size() == 1;
        return Finding.of(FindingClass.SERVER_VARIABLE,
                        (one ? "the " + first.kind() + " " + first.name() + " was"
                                : saved.size() + " routines, triggers and events were") + " saved with sql_mode " + MODE
                                + ", which MySQL 8 refuses: the dump's SET sql_mode before " + (one ? "its" : "each")
                                + " CREATE fails with error 1231 in a plain client import",
                        "import with cutkit (it removes " + MODE + " from the mode on a MySQL 8 target), or recreate "
                                + (one ? "the " + first.kind() : "them") + " on the source under a sql_mode without it"
                                + " before the export")
                .object(displayName + "." + first.name()).autofix("automatic: cutkit import on MySQL 8")
                .evidence("kind", first.kind()).evidence("sql_mode", first.sqlMode()).evidence("objects", saved.stream()
                        .map(o -> o.kind() + " " + o.name()).toList()).build();
    }
}
