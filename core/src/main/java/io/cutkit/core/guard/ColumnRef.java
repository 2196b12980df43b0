package io.cutkit.core.guard;

import java.util.Objects;
import java.util.Optional;

/**
 * A column of a table, with the primary-key column that orders and identifies its rows. When the
 * primary key is not given, implementations discover it from the database's metadata.
 */
public record ColumnRef(String table, String column, Optional<String> primaryKey) {

    public ColumnRef {
        requireName("table", table);
        requireName("column", column);
        Objects.requireNonNull(primaryKey, "primaryKey");
        primaryKey.ifPresent(pk -> requireName("primaryKey", pk));
    }

    /** {@code table.column}, primary key discovered by the implementation. */
    public static ColumnRef of(String table, String column) {
        return new ColumnRef(table, column, Optional.empty());
    }

    /** {@code table.column} ordered and identified by {@code primaryKey}. */
    public static ColumnRef of(String table, String column, String primaryKey) {
        return new ColumnRef(table, column, Optional.of(primaryKey));
    }

    /** The same column identified by {@code primaryKeyColumn}. */
    public ColumnRef withPrimaryKey(String primaryKeyColumn) {
        return of(table, column, primaryKeyColumn);
    }

    private static void requireName(String what, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be blank");
        }
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
