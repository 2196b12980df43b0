package io.cutkit.mysql.schema;

import java.util.Objects;
import java.util.Optional;

/**
 * A table or column whose collation differs from the default it would otherwise inherit (the
 * database's for a table, the table's for a column). A recreate keeps these only if the dump or
 * export spells them out, so they are worth knowing before a move.
 *
 * @param table table name
 * @param column column name, empty for the table itself
 * @param collation its own collation
 * @param inherited the collation it would have inherited
 */
public record DifferingCollation(String table, Optional<String> column, String collation, String inherited) {

    public DifferingCollation {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(collation, "collation");
        Objects.requireNonNull(inherited, "inherited");
    }
}
