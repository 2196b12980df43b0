package io.cutkit.mysql.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A column the code expects narrower than it is live, with the live-data evidence: how many rows
 * would not fit and the first of them by primary key.
 *
 * @param table table name
 * @param column column name
 * @param live the live type
 * @param expected the type the code expects
 * @param reasons what narrows, e.g. {@code "length 64 -> 32 characters"}
 * @param rowsThatDoNotFit rows whose value would be truncated, rounded, out of range or mangled
 * @param firstOffendingKey primary key of the first such row ({@code 150}, or {@code a=1, b=2} for a
 *     composite key); empty when no row offends or the table has no primary key
 */
public record ColumnNarrowing(String table, String column, ColumnType live, ColumnType expected,
                              List<String> reasons, long rowsThatDoNotFit, Optional<String> firstOffendingKey) {

    public ColumnNarrowing {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(firstOffendingKey, "firstOffendingKey");
    }

    /** Whether applying the expected type would lose or reject live data. */
    public boolean losesData() {
        return rowsThatDoNotFit > 0;
    }

    /** One line for reports and error messages. */
    public String describe() {
        String evidence = rowsThatDoNotFit == 0 ? "no live row is affected"
                : rowsThatDoNotFit + " row(s) would not fit"
                        + firstOffendingKey.map(key -> ", first at primary key " + key).orElse("");
        return "`" + table + "`.`" + column + "`: live " + live + ", code expects " + expected
                + " (" + String.join("; ", reasons) + "): " + evidence;
    }
}
