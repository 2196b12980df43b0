package io.cutkit.preflight;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A target server kind the dry-run can judge without reaching it: what collations it has and which
 * collation a database gets when none is named. The collation rules follow the servers' documented
 * families: MySQL 8.0 and 8.4 have the {@code _0900_} UCA collations and the older
 * general/unicode/unicode_520/bin ones, but none of MariaDB's {@code uca1400} or {@code nopad}
 * collations; MariaDB 11.4 has those and, from 11.4.5, accepts MySQL's {@code utf8mb4_0900_*} names.
 */
public enum TargetFlavor {
    MYSQL_8_0("mysql-8.0", "utf8mb4", "utf8mb4_0900_ai_ci"),
    MYSQL_8_4("mysql-8.4", "utf8mb4", "utf8mb4_0900_ai_ci"),
    MARIADB_11_4("mariadb-11.4", "latin1", "latin1_swedish_ci");

    private final String id;
    private final String defaultCharacterSet;
    private final String defaultCollation;

    TargetFlavor(String id, String defaultCharacterSet, String defaultCollation) {
        this.id = id;
        this.defaultCharacterSet = defaultCharacterSet;
        this.defaultCollation = defaultCollation;
    }

    /** The name on the command line and in plan files, e.g. {@code mysql-8.4}. */
    public String id() {
        return id;
    }

    /** The server's default character set out of the box. */
    public String defaultCharacterSet() {
        return defaultCharacterSet;
    }

    /** The collation a new database gets on this flavour out of the box. */
    public String defaultCollation() {
        return defaultCollation;
    }

    /** True when this flavour is MySQL (not MariaDB). */
    public boolean isMySql() {
        return this != MARIADB_11_4;
    }

    /** Whether a server of this flavour has {@code collation}, by the documented collation families. */
    public boolean supportsCollation(String collation) {
        String c = collation.toLowerCase(Locale.ROOT);
        if (isMySql()) {
            return !c.contains("uca1400") && !c.contains("nopad") && !c.startsWith("utf8mb4_general1400");
        }
        return !c.contains("_0900_") || c.startsWith("utf8mb4_0900_");
    }

    /** The flavour named {@code id} ({@code mysql-8.0}, {@code mysql-8.4}, {@code mariadb-11.4}). */
    public static Optional<TargetFlavor> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equalsIgnoreCase(id)).findFirst();
    }

    /** Every flavour's id, for usage messages. */
    public static String ids() {
        return Arrays.stream(values()).map(TargetFlavor::id).collect(Collectors.joining(", "));
    }
}
