package io.cutkit.core.replication;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table that differs between primary and replica at the verified position, with the primary
 * keys of the rows that differ.
 *
 * @param database database name
 * @param table table name
 * @param finding what differs, e.g. {@code CONTENT_DIFFERS} or {@code ROW_COUNT_DIFFERS}
 * @param sourceRows rows on the primary (-1 when the table is missing there)
 * @param targetRows rows on the replica (-1 when the table is missing there)
 * @param differingKeys primary keys of rows that differ or exist on one side only, in key order, at
 *     most the link's limit; empty when the table has no primary key
 * @param differingKeyCount how many keys differ in all, at least {@code differingKeys.size()}
 */
public record TableDifference(String database, String table, String finding, long sourceRows, long targetRows,
                              List<String> differingKeys, long differingKeyCount) {

    public TableDifference {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(finding, "finding");
        differingKeys = List.copyOf(differingKeys);
        if (differingKeyCount < differingKeys.size()) {
            throw new IllegalArgumentException("differingKeyCount " + differingKeyCount + " is below the "
                    + differingKeys.size() + " keys listed");
        }
    }

    /** The first differing key in key order; empty when none was found. */
    public Optional<String> firstDifferingKey() {
        return differingKeys.stream().findFirst();
    }

    /** Whether more keys differ than {@link #differingKeys()} lists. */
    public boolean keysTruncated() {
        return differingKeyCount > differingKeys.size();
    }

    /** One line for the table, then one indented line per differing key, and how many were left out. */
    public String describe() {
        StringBuilder text = new StringBuilder("`" + database + "`.`" + table + "`: " + finding + " (source " + sourceRows
                + " rows, target " + targetRows + " rows, " + differingKeyCount + " differing key(s)"
                + (keysTruncated() ? ", first " + differingKeys.size() + " listed" : "") + ")");
        differingKeys.forEach(key -> text.append("\n    key ").append(key));
        if (keysTruncated()) {
            text.append("\n    ... and ").append(differingKeyCount - differingKeys.size()).append(" more");
        }
        return text.toString();
    }
}
