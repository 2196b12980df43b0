package io.cutkit.crypto.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Identifier quoting and primary-key discovery for MySQL and MariaDB. */
final class SqlNames {

    private SqlNames() {
    }

    /** {@code name} in backticks, inner backticks doubled: safe for reserved words and odd names. */
    static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * The single primary-key column of {@code table} in the connection's current database.
     *
     * @throws ColumnAccessException when the table has none or a composite one
     */
    static String primaryKeyOf(Connection connection, String table, String column) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        List<String> columns = new ArrayList<>();
        try (ResultSet keys = meta.getPrimaryKeys(connection.getCatalog(), connection.getSchema(), table)) {
            while (keys.next()) {
                columns.add(keys.getString("COLUMN_NAME"));
            }
        }
        if (columns.size() == 1) {
            return columns.get(0);
        }
        String problem = columns.isEmpty()
                ? "table " + quote(table) + " has no primary key (or does not exist in database " + connection.getCatalog() + ")"
                : "table " + quote(table) + " has a composite primary key " + columns;
        throw new ColumnAccessException(table, column, problem
                + "; name a unique, orderable key column explicitly: ColumnRef.of(table, column, keyColumn)", null);
    }
}
