package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Whether the account that reads a database may see its triggers and events. MySQL and MariaDB show a
 * trigger (SHOW TRIGGERS, information_schema.TRIGGERS, SHOW CREATE TRIGGER) only to an account with
 * TRIGGER on its table, and an event only to one with EVENT on its database; to any other account they
 * do not exist, so an export by it silently lacks them. The account's own grants ({@code SHOW GRANTS})
 * on {@code *.*} and on the database are read; privileges that come through roles or database-name
 * patterns are not followed, so such an account is reported as lacking them.
 */
public final class HiddenObjectFindings {

    /** The privileges that make triggers and events visible, in that order. */
    public static final List<String> NEEDED = List.of("TRIGGER", "EVENT");

    private static final Pattern GRANT = Pattern.compile("^GRANT (.+?) ON (\\S+) TO ", Pattern.CASE_INSENSITIVE);

    private HiddenObjectFindings() {
    }

    /** The privileges of {@link #NEEDED} the account connected through {@code source} lacks on {@code database}. */
    public static List<String> lacking(DataSource source, String database) throws SQLException {
        String own = "`" + database.replace("`", "``") + "`.*";
        List<String> held = new ArrayList<>();
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                Matcher m = GRANT.matcher(rs.getString(1));
                if (m.find() && (m.group(2).equals("*.*") || m.group(2).equals(own))) {
                    for (String privilege : m.group(1).split(",\\s*")) {
                        held.add(privilege.trim().toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        if (held.contains("ALL PRIVILEGES")) {
            return List.of();
        }
        return NEEDED.stream().filter(p -> !held.contains(p)).toList();
    }

    /** What {@code lacking} (from {@link #lacking}) hides: "triggers", "events" or "triggers and events". */
    public static String hidden(List<String> lacking) {
        return lacking.size() == 2 ? "triggers and events" : lacking.contains("TRIGGER") ? "triggers" : "events";
    }

    /**
     * One P1 finding naming the privileges {@code lacking} (from {@link #lacking}) that the account connected
     * through {@code source} lacks on {@code database}, or none when it lacks nothing.
     */
    public static List<Finding> of(DataSource source, String database, List<String> lacking) throws SQLException {
        if (lacking.isEmpty()) {
            return List.of();
        }
        String account = currentUser(source);
        String privileges = String.join(", ", lacking);
        String objects = hidden(lacking);
        return List.of(Finding.of(FindingClass.OTHER,
                        "the source account " + account + " lacks " + privileges + " on `" + database + "`: the server hides "
                                + objects + " from it, so they were skipped (not exported, and not checked)",
                        "GRANT " + privileges + " ON `" + database + "`.* TO " + account + " (they let it read those"
                                + " definitions; the dry-run's sessions stay read-only), or run the dry-run with an account that has them")
                .severity(Severity.P1).object(database).evidence("missing", lacking).evidence("skipped", objects).build());
    }

    private static String currentUser(DataSource source) throws SQLException {
        try (Connection c = source.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            String[] parts = rs.getString(1).split("@", 2);
            return "'" + parts[0] + "'@'" + (parts.length > 1 ? parts[1] : "%") + "'";
        }
    }
}
