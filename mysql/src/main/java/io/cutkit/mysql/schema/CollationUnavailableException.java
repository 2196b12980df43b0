package io.cutkit.mysql.schema;

import java.util.Optional;

/**
 * The target server does not know the source's collation (e.g. MySQL 8's {@code utf8mb4_0900_ai_ci}
 * on MariaDB before 11.4.5). Nothing was dropped. {@link #closest()} names the nearest collation the
 * server has: same character set, then same case and accent sensitivity, language and algorithm.
 */
public class CollationUnavailableException extends RecreateRefusedException {

    private static final long serialVersionUID = 1L;

    private final String characterSet;
    private final String collation;
    private final String closest;
    private final String serverVersion;

    public CollationUnavailableException(String characterSet, String collation, Optional<String> closest,
                                         String serverVersion) {
        super("Refusing to recreate: the target server (" + serverVersion + ") has no collation " + collation
                + " for character set " + characterSet + "."
                + closest.map(name -> " The closest it has is " + name + "; recreate with that collation"
                        + " explicitly if its sort and comparison rules are acceptable, or use a newer server.")
                        .orElse(" It has no collation for " + characterSet + " at all; use a server that supports it."));
        this.characterSet = characterSet;
        this.collation = collation;
        this.closest = closest.orElse(null);
        this.serverVersion = serverVersion;
    }

    public String characterSet() {
        return characterSet;
    }

    public String collation() {
        return collation;
    }

    public Optional<String> closest() {
        return Optional.ofNullable(closest);
    }

    public String serverVersion() {
        return serverVersion;
    }
}
