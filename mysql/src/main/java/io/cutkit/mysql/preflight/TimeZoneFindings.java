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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Named time zones against a target without time zone tables: the source's {@code time_zone} set to a
 * name (e.g. {@code Europe/Berlin}), and views, routines, triggers and events that call
 * {@code CONVERT_TZ} with named zones, which return NULL (or fail to set) on a target whose
 * {@code mysql.time_zone*} tables are empty. Whether the target has them is read with
 * {@code SELECT CONVERT_TZ(..., 'UTC', 'Europe/Berlin') IS NULL}, which needs no privilege beyond a
 * login. Each use is a P1 {@code server-variable} finding with how to load the tables.
 */
public final class TimeZoneFindings {

    private static final Pattern CONVERT_TZ = Pattern.compile("(?i)CONVERT_TZ\\s*\\(");
    private static final Pattern LITERAL = Pattern.compile("'([^']*)'");
    private static final Pattern NAMED_ZONE = Pattern.compile("[A-Za-z][A-Za-z0-9_+\\-]*(/[A-Za-z0-9_+\\-]+)*");
    private static final String FIX = "load the time zone tables on the target before the cutover: mysql_tzinfo_to_sql"
            + " /usr/share/zoneinfo | mysql -u root mysql (MariaDB: mariadb-tzinfo-to-sql); on a managed instance use"
            + " the provider's time zone flag (Cloud SQL's default_time_zone, RDS's time_zone parameter), or use"
            + " offsets such as '+01:00' instead of names";

    private TimeZoneFindings() {
    }

    /** Whether {@code target} (only read) resolves named zones, i.e. has its time zone tables loaded. */
    public static boolean namedZonesLoaded(DataSource target) throws SQLException {
        try (Connection c = target.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CONVERT_TZ('2000-01-01 00:00:00','UTC','Europe/Berlin') IS NULL")) {
            rs.next();
            return !rs.getBoolean(1);
        }
    }

    /** A finding when {@code source}'s global {@code time_zone} (only read) is a name, given the target lacks the tables. */
    public static List<Finding> ofSource(DataSource source) throws SQLException {
        String zone = ServerVariables.read(source, List.of("time_zone")).getOrDefault("time_zone", "SYSTEM");
        if (!isNamed(zone)) {
            return List.of();
        }
        return List.of(Finding.of(FindingClass.SERVER_VARIABLE,
                        "the source runs with time_zone = '" + zone + "', a named zone, and the target has no time zone"
                                + " tables: SET time_zone = '" + zone + "' fails there (error 1298) and NOW() and"
                                + " TIMESTAMP columns read differently",
                        FIX).object("time_zone").evidence("source", zone).evidence("target_zone_tables", false).build());
    }

    /**
     * A finding per view, routine, trigger or event of database {@code schema} (read through
     * {@code connection}, named {@code displayName.object}) that calls CONVERT_TZ with named zones,
     * given the target lacks the tables.
     */
    public static List<Finding> ofStoredCode(Connection connection, String schema, String displayName)
            throws SQLException {
        Map<String, Set<String>> uses = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (String sql : List.of(
                "SELECT ROUTINE_NAME, ROUTINE_TYPE, ROUTINE_DEFINITION FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?",
                "SELECT TRIGGER_NAME, 'TRIGGER', ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?",
                "SELECT EVENT_NAME, 'EVENT', EVENT_DEFINITION FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?",
                "SELECT TABLE_NAME, 'VIEW', VIEW_DEFINITION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = ?")) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Set<String> zones = namedZones(rs.getString(3));
                        if (!zones.isEmpty()) {
                            uses.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).addAll(zones);
                            kinds.put(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        List<Finding> findings = new ArrayList<>();
        uses.forEach((name, zones) -> findings.add(Finding.of(FindingClass.SERVER_VARIABLE,
                        "the " + kinds.get(name) + " " + name + " converts with the named zone(s) " + String.join(", ", zones)
                                + " and the target has no time zone tables: CONVERT_TZ returns NULL there",
                        FIX).object(displayName + "." + name).evidence("kind", kinds.get(name))
                .evidence("zones", List.copyOf(zones)).evidence("target_zone_tables", false).build()));
        return findings;
    }

    /** The named zones among the literals of {@code body}'s CONVERT_TZ calls. */
    static Set<String> namedZones(String body) {
        Set<String> zones = new LinkedHashSet<>();
        if (body == null) {
            return zones;
        }
        Matcher call = CONVERT_TZ.matcher(body);
        while (call.find()) {
            Matcher literal = LITERAL.matcher(arguments(body, call.end()));
            while (literal.find()) {
                if (isNamed(literal.group(1))) {
                    zones.add(literal.group(1));
                }
            }
        }
        return zones;
    }

    /** The text from {@code start} up to the parenthesis that closes the call opened just before it. */
    private static String arguments(String body, int start) {
        int depth = 1;
        boolean quoted = false;
        for (int i = start; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')' && --depth == 0) {
                return body.substring(start, i);
            }
        }
        return body.substring(start);
    }

    /** Whether {@code zone} is a zone name (not SYSTEM, not an offset such as {@code +01:00}). */
    static boolean isNamed(String zone) {
        return !zone.equalsIgnoreCase("SYSTEM") && NAMED_ZONE.matcher(zone).matches();
    }
}
