package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the bodies of one database's views, triggers, routines and events and its generated-column
 * expressions from {@code information_schema} and reports what fails on the target: a word the target
 * reserves that the rehearsal server does not, used unquoted as an identifier ({@code reserved-word},
 * P0: error 1064 when the object is created or first run), and a qualified name that points at a
 * database that will not be there ({@code cross-schema-reference}, P0; {@code mysql} / {@code sys},
 * which a managed target guards, and the dump's old name when the copy gets a new one, P1).
 */
public final class StoredCodeFindings {

    private static final Set<String> TABLE_POSITION = Set.of("FROM", "JOIN", "INTO", "UPDATE", "TABLE", "CALL");
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "performance_schema");
    private static final Set<String> GUARDED_SCHEMAS = Set.of("mysql", "sys");

    private final String displayName;
    private final Set<String> newlyReserved;
    private final Set<String> knownDatabases;
    private final Set<String> oldNames;
    private final List<Finding> findings = new ArrayList<>();

    private StoredCodeFindings(String displayName, Set<String> newlyReserved, Set<String> knownDatabases,
            Set<String> oldNames) {
        this.displayName = displayName;
        this.newlyReserved = newlyReserved;
        this.knownDatabases = knownDatabases;
        this.oldNames = oldNames;
    }

    /**
     * The findings for database {@code schema} read through {@code connection}, named {@code displayName}
     * on the new stack. {@code target} and {@code rehearsal} are the reserved words of the target flavour
     * and of the server the copy was loaded into (null target: no reserved-word check);
     * {@code knownDatabases} are those that will exist beside it (the dump's and the target's, any case)
     * and {@code oldNames} the dump's own names, which the import rewrites.
     */
    public static List<Finding> of(Connection connection, String schema, String displayName, ReservedWords target,
            ReservedWords rehearsal, Set<String> knownDatabases, Set<String> oldNames) throws SQLException {
        Set<String> known = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        known.addAll(knownDatabases);
        known.add(schema);
        known.add(displayName);
        Set<String> old = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        old.addAll(oldNames);
        old.remove(displayName);
        StoredCodeFindings result = new StoredCodeFindings(displayName,
                target == null ? Set.of() : target.notIn(rehearsal), known, old);
        result.read(connection, "SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION FROM information_schema.ROUTINES"
                + " WHERE ROUTINE_SCHEMA = ?", schema);
        result.read(connection, "SELECT TRIGGER_NAME, 'TRIGGER', ACTION_STATEMENT FROM information_schema.TRIGGERS"
                + " WHERE TRIGGER_SCHEMA = ?", schema);
        result.read(connection, "SELECT EVENT_NAME, 'EVENT', EVENT_DEFINITION FROM information_schema.EVENTS"
                + " WHERE EVENT_SCHEMA = ?", schema);
        result.read(connection, "SELECT TABLE_NAME, 'VIEW', VIEW_DEFINITION FROM information_schema.VIEWS"
                + " WHERE TABLE_SCHEMA = ?", schema);
        result.read(connection, "SELECT CONCAT(TABLE_NAME, '.', COLUMN_NAME), 'GENERATED COLUMN', GENERATION_EXPRESSION"
                + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND GENERATION_EXPRESSION <> ''", schema);
        return result.findings;
    }

    private void read(Connection c, String sql, String schema) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String body = rs.getString(3);
                    if (body != null) {
                        check(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT), SqlTokens.of(body));
                    }
                }
            }
        }
    }

    private void check(String name, String kind, List<SqlTokens.Token> tokens) {
        String object = displayName + "." + name;
        Set<String> reserved = new LinkedHashSet<>();
        Set<String> databases = new LinkedHashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            SqlTokens.Token t = tokens.get(i);
            boolean afterDot = i > 0 && tokens.get(i - 1).is(".");
            boolean beforeCall = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
            if (t.word() && !afterDot && !beforeCall && newlyReserved.contains(t.text().toUpperCase(Locale.ROOT))) {
                reserved.add(t.text());
            }
            if (t.name() && !afterDot && i + 2 < tokens.size() && tokens.get(i + 1).is(".") && tokens.get(i + 2).name()) {
                boolean threeParts = i + 4 < tokens.size() && tokens.get(i + 3).is(".") && tokens.get(i + 4).name();
                boolean tablePosition = i > 0 && tokens.get(i - 1).word()
                        && TABLE_POSITION.contains(tokens.get(i - 1).text().toUpperCase(Locale.ROOT));
                boolean qualifiedCall = i + 3 < tokens.size() && tokens.get(i + 3).is("(");
                if (threeParts || tablePosition || qualifiedCall) {
                    databases.add(t.text());
                }
            }
        }
        if (!reserved.isEmpty()) {
            findings.add(Finding.of(FindingClass.RESERVED_WORD,
                            "the " + kind + " " + name + " uses " + String.join(", ", reserved) + " unquoted, reserved on the"
                                    + " target: creating or running it fails with error 1064",
                            "quote " + String.join(", ", reserved.stream().map(w -> "`" + w + "`").toList()) + " in the "
                                    + kind + "'s definition on the source (or rename it) before the export")
                    .object(object).evidence("words", List.copyOf(reserved)).evidence("kind", kind).build());
        }
        for (String database : databases) {
            crossSchema(name, kind, object, database);
        }
    }

    private void crossSchema(String name, String kind, String object, String database) {
        String lower = database.toLowerCase(Locale.ROOT);
        if (SYSTEM_SCHEMAS.contains(lower) || (knownDatabases.contains(database) && !oldNames.contains(database)
                && !GUARDED_SCHEMAS.contains(lower))) {
            return;
        }
        String message;
        String fix;
        Severity severity = Severity.P0;
        if (GUARDED_SCHEMAS.contains(lower)) {
            severity = Severity.P1;
            message = "the " + kind + " " + name + " reads the " + lower + " schema, which a managed target guards"
                    + " (error 1109 / 1142 there)";
            fix = "replace the " + lower + " reference with an application table, or grant the account read access on a"
                    + " self-managed target";
        } else if (oldNames.contains(database)) {
            severity = Severity.P1;
            message = "the " + kind + " " + name + " names its own database as `" + database + "`, which the copy loses"
                    + " when it becomes `" + displayName + "`: it would read or fail on the old database";
            fix = "drop the `" + database + "`. qualifier from the " + kind + " on the source, or keep the name `"
                    + database + "` on the new stack";
        } else {
            message = "the " + kind + " " + name + " names database `" + database + "`, which is neither in the dump nor on"
                    + " the target: its creation or first use fails (error 1146 / 1049)";
            fix = "move `" + database + "` along, create it on the target first, or drop the reference from the " + kind;
        }
        findings.add(Finding.of(FindingClass.CROSS_SCHEMA_REFERENCE, message, fix).severity(severity).object(object)
                .evidence("database", database).evidence("kind", kind).build());
    }
}
