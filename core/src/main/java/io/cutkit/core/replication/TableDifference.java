package io.cutkit.core.replication;

import java.util.Objects;
import java.util.Optional;

/**
 * One table that differs between primary and replica at the verified position.
 *
 * @param database database name
 * @param table table name
 * @param finding what differs, e.g. {@code CONTENT_DIFFERS} or {@code ROW_COUNT_DIFFERS}
 * @param sourceRows rows on the primary (-1 when the table is missing there)
 * @param targetRows rows on the replica (-1 when the table is missing there)
 * @param firstDifferingKey primary key of the first row, in binary key order, that differs or exists
 *     on one side only; empty when the table has no primary key
 */
public record TableDifference(String database, String table, String finding, long sourceRows, long targetRows,
                              Optional<String> firstDifferingKey) {

    public TableDifference {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(firstDifferingKey, "firstDifferingKey");
    }

    /** One line for reports. */
    public String describe() {
        return "`" + database + "`.`" + table + "`: " + finding + " (source " + sourceRows + " rows, target "
                + targetRows + " rows" + firstDifferingKey.map(k -> ", first differing key " + k).orElse("") + ")";
    }
}
