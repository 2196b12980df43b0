package io.cutkit.mysql.schema;

import io.cutkit.core.data.DatabaseSpec;
import java.util.List;
import java.util.Objects;

/**
 * A database's default character set and collation, with the tables and columns that use another.
 *
 * @param database the database's name, character set and collation
 * @param differing tables and columns whose collation differs from what they would inherit
 */
public record CollationSurvey(DatabaseSpec database, List<DifferingCollation> differing) {

    public CollationSurvey {
        Objects.requireNonNull(database, "database");
        differing = List.copyOf(differing);
    }
}
