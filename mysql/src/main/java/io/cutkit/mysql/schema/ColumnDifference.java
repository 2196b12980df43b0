package io.cutkit.mysql.schema;

import java.util.Objects;

/**
 * A schema difference that is not a narrowing: a table or column missing on one side, a widening,
 * or a change between unrelated types (reported, not analysed against data).
 *
 * @param table table name
 * @param column column name, or empty for a whole table
 * @param description what differs
 */
public record ColumnDifference(String table, String column, String description) {

    public ColumnDifference {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(description, "description");
    }
}
