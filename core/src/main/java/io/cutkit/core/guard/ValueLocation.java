package io.cutkit.core.guard;

/**
 * Where a stored value lives: table, column and the row's primary key. Any part may be unknown
 * ({@code null}), for example when a codec decrypts a value handed to it without context.
 */
public record ValueLocation(String table, String column, String primaryKeyColumn, Object primaryKeyValue) {

    private static final ValueLocation UNKNOWN = new ValueLocation(null, null, null, null);

    /** A location with nothing known. */
    public static ValueLocation unknown() {
        return UNKNOWN;
    }

    /** The row of {@code column} whose primary key {@code column.primaryKey()} is {@code primaryKeyValue}. */
    public static ValueLocation of(String table, String column, String primaryKeyColumn, Object primaryKeyValue) {
        return new ValueLocation(table, column, primaryKeyColumn, primaryKeyValue);
    }

    /** Whether anything about the location is known. */
    public boolean isKnown() {
        return table != null || column != null || primaryKeyValue != null;
    }

    /** For messages: {@code leads.email (id=121)}, or {@code an unlocated value}. */
    public String describe() {
        if (!isKnown()) {
            return "a value (table, column and row not given)";
        }
        StringBuilder text = new StringBuilder();
        text.append(table == null ? "?" : table).append('.').append(column == null ? "?" : column);
        if (primaryKeyValue != null) {
            text.append(" (").append(primaryKeyColumn == null ? "row" : primaryKeyColumn).append('=')
                    .append(primaryKeyValue).append(')');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
