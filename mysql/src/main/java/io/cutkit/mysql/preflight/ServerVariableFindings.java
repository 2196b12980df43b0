package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Compares the source's and the target's server variables that change what the application sees
 * ({@code sql_mode}, {@code time_zone}, {@code lower_case_table_names}, {@code explicit_defaults_for_timestamp},
 * {@code character_set_server}, {@code collation_server}, {@code max_allowed_packet}, {@code local_infile}):
 * each difference is a P1 {@code server-variable} with what it changes and the one setting to make equal.
 */
public final class ServerVariableFindings {

    /** Each compared variable and what a difference changes. */
    static final Map<String, String> EFFECTS = new LinkedHashMap<>();

    static {
        EFFECTS.put("sql_mode", "which writes are refused or silently truncated, and how GROUP BY and dates behave");
        EFFECTS.put("time_zone", "what NOW() and TIMESTAMP columns return");
        EFFECTS.put("lower_case_table_names", "whether table names that differ only in case are one table or two");
        EFFECTS.put("explicit_defaults_for_timestamp", "the defaults TIMESTAMP columns get when created");
        EFFECTS.put("character_set_server", "the character set of databases and tables created without one");
        EFFECTS.put("collation_server", "the collation of databases created without one (sorting, unique keys)");
        EFFECTS.put("max_allowed_packet", "the largest statement or value the server accepts (error 1153)");
        EFFECTS.put("local_infile", "whether LOAD DATA LOCAL, cutkit's fast load path, is allowed");
    }

    private ServerVariableFindings() {
    }

    /** The differences between {@code source} and {@code target}, both only read. */
    public static List<Finding> of(DataSource source, DataSource target) throws SQLException {
        Map<String, String> from = ServerVariables.read(source, EFFECTS.keySet());
        Map<String, String> to = ServerVariables.read(target, EFFECTS.keySet());
        List<Finding> findings = new ArrayList<>();
        EFFECTS.forEach((name, effect) -> {
            String s = from.get(name);
            String t = to.get(name);
            if (s != null && t != null && !s.equalsIgnoreCase(t)) {
                String setting = "SET PERSIST " + name + " = '" + s + "'";
                findings.add(Finding.of(FindingClass.SERVER_VARIABLE,
                                name + " is '" + s + "' on the source and '" + t + "' on the target: it changes " + effect,
                                setting + " on the target (or the managed instance's flag"
                                        + (name.equals("lower_case_table_names") ? ", set only when it is initialised" : "")
                                        + "), unless the runbook decides the target's value is the intended one")
                        .object(name).evidence("source", s).evidence("target", t).evidence("setting", setting).build());
            }
        });
        return findings;
    }
}
