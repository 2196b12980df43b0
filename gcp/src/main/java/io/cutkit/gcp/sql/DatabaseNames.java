package io.cutkit.gcp.sql;

import java.util.regex.Pattern;

/** Checks database, character set and collation names before they reach an API call. */
final class DatabaseNames {

    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$\\-]{1,64}");
    private static final Pattern CHARSET_OR_COLLATION = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private DatabaseNames() {
    }

    static String database(String name) {
        if (name == null || !DATABASE.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a database name Cloud SQL accepts "
                    + "(1-64 letters, digits, _, $ or -)");
        }
        return name;
    }

    static String charsetOrCollation(String what, String name) {
        if (name == null || !CHARSET_OR_COLLATION.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a " + what + " name");
        }
        return name;
    }
}
