package io.cutkit.mysql.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * What to do with a migration whose version is already taken by an applied migration of another name (two
 * forks both shipped 046). {@link #fail()} (the default) makes it a conflict that names both migrations and
 * the next free number; {@link #newLineage(String)} applies it anyway, recorded under a lineage of its own.
 */
public record CollisionPolicy(Optional<String> lineage) {

    public CollisionPolicy {
        Objects.requireNonNull(lineage, "lineage");
        lineage.ifPresent(l -> {
            if (l.isBlank() || l.length() > 100) {
                throw new IllegalArgumentException("lineage must be 1-100 characters, got '" + l + "'");
            }
        });
    }

    /** Colliding migrations stop the run until renumbered. */
    public static CollisionPolicy fail() {
        return new CollisionPolicy(Optional.empty());
    }

    /** Colliding migrations are applied and recorded under {@code lineage}. */
    public static CollisionPolicy newLineage(String lineage) {
        return new CollisionPolicy(Optional.of(lineage));
    }
}
