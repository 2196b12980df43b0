package io.cutkit.mysql.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The tables and columns application code expects: read from a database built by its migrations
 * ({@link #fromDatabase}) or declared in code ({@link #builder()}). Immutable. Table names are
 * compared exactly (they are case-sensitive on Linux servers), column names ignoring case.
 */
public final class ExpectedSchema {

    private final Map<String, Map<String, ColumnType>> tables;
    private final boolean complete;

    private ExpectedSchema(Map<String, Map<String, ColumnType>> tables, boolean complete) {
        this.complete = complete;
        Map<String, Map<String, ColumnType>> copy = new LinkedHashMap<>();
        tables.forEach((table, columns) -> copy.put(table, Collections.unmodifiableMap(new LinkedHashMap<>(columns))));
        this.tables = Collections.unmodifiableMap(copy);
    }

    /** Starts a declarative description. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads every base table's columns of {@code database} (one {@code information_schema} query).
     *
     * @throws SchemaInspectionException when the database cannot be read or does not exist
     */
    public static ExpectedSchema fromDatabase(DataSource source, String database) {
        Map<String, Map<String, ColumnType>> tables = LiveSchema.read(source, database);
        if (tables.isEmpty()) {
            throw new SchemaInspectionException("Database `" + database + "` has no tables (or does not exist);"
                    + " build it from the migrations first, or name the right database");
        }
        return new ExpectedSchema(tables, true);
    }

    /** Table name to (column name to type), in declaration order. */
    public Map<String, Map<String, ColumnType>> tables() {
        return tables;
    }

    /**
     * Whether this describes every table and column (read from a database), so live tables and
     * columns it lacks are worth reporting; a declarative description covers only what it names.
     */
    public boolean complete() {
        return complete;
    }

    /** Builds an {@link ExpectedSchema} column by column. */
    public static final class Builder {

        private final Map<String, Map<String, ColumnType>> tables = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Expects {@code table.column} to have {@code type}, e.g. {@code "VARCHAR(32)"} or
         * {@code "VARCHAR(32) CHARACTER SET utf8mb3"}.
         *
         * @throws IllegalArgumentException when {@code type} is not a column type
         */
        public Builder column(String table, String column, String type) {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(column, "column");
            tables.computeIfAbsent(table, name -> new LinkedHashMap<>()).put(column, ColumnType.parse(type));
            return this;
        }

        public ExpectedSchema build() {
            return new ExpectedSchema(tables, false);
        }
    }

    /** Reads column types from {@code information_schema}; shared by the guard and {@link #fromDatabase}. */
    static final class LiveSchema {

        private LiveSchema() {
        }

        static Map<String, Map<String, ColumnType>> read(DataSource source, String database) {
            String sql = "SELECT c.TABLE_NAME, c.COLUMN_NAME, c.COLUMN_TYPE, c.CHARACTER_SET_NAME"
                    + " FROM information_schema.COLUMNS c JOIN information_schema.TABLES t"
                    + " ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
                    + " WHERE c.TABLE_SCHEMA = ? AND t.TABLE_TYPE = 'BASE TABLE'"
                    + " ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";
            Map<String, Map<String, ColumnType>> tables = new LinkedHashMap<>();
            try (Connection connection = source.getConnection();
                 PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setString(1, database);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        tables.computeIfAbsent(rows.getString(1), name -> new LinkedHashMap<>())
                                .put(rows.getString(2), ColumnType.parse(rows.getString(3), rows.getString(4)));
                    }
                }
            } catch (SQLException e) {
                throw new SchemaInspectionException("Could not read the columns of `" + database + "`: "
                        + e.getMessage() + "; check the account may read information_schema", e);
            }
            return tables;
        }
    }
}
