package io.cutkit.crypto.jdbc;

/**
 * A table or column could not be read or written (missing, no usable primary key, a database
 * error). Names the table and column and the database's error, never a stored value.
 */
public class ColumnAccessException extends RuntimeException {

    private final String table;
    private final String column;

    public ColumnAccessException(String table, String column, String message, Throwable cause) {
        super(message, cause);
        this.table = table;
        this.column = column;
    }

    public String table() {
        return table;
    }

    public String column() {
        return column;
    }
}
