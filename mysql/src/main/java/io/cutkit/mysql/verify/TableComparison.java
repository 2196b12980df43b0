package io.cutkit.mysql.verify;

import java.util.Objects;
import java.util.Optional;

/**
 * One table compared between source and target.
 *
 * @param table table name
 * @param verdict what was found
 * @param sourceRows rows in the source (-1 when the table is missing there)
 * @param targetRows rows in the target (-1 when the table is missing there)
 * @param sourceChecksum source checksum, empty when missing
 * @param targetChecksum target checksum, empty when missing
 * @param firstDifferingKey primary key of the first row (in key order) that differs or exists on one
 *     side only; empty when everything matches or the table has no primary key
 * @param note extra detail, e.g. columns present on one side only; empty when none
 */
public record TableComparison(String table, Verdict verdict, long sourceRows, long targetRows, String sourceChecksum,
                              String targetChecksum, Optional<String> firstDifferingKey, String note) {

    /** The outcome for one table. */
    public enum Verdict {
        /** Same row count and checksum. */
        MATCH,
        /** Row counts differ. */
        ROW_COUNT_DIFFERS,
        /** Same row count, different content. */
        CONTENT_DIFFERS,
        /** The table's columns differ by name; the common columns were compared. */
        COLUMNS_DIFFER,
        /** The table exists only in the source. */
        MISSING_IN_TARGET,
        /** The table exists only in the target. */
        MISSING_IN_SOURCE
    }

    public TableComparison {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(sourceChecksum, "sourceChecksum");
        Objects.requireNonNull(targetChecksum, "targetChecksum");
        Objects.requireNonNull(firstDifferingKey, "firstDifferingKey");
        Objects.requireNonNull(note, "note");
    }

    /** Signed difference target minus source, 0 when either side is missing. */
    public long rowCountDifference() {
        return sourceRows < 0 || targetRows < 0 ? 0 : targetRows - sourceRows;
    }

    /** One line for reports. */
    public String describe() {
        String base = "`" + table + "`: " + verdict;
        return switch (verdict) {
            case MATCH -> base + " (" + sourceRows + " rows, " + sourceChecksum + ")";
            case MISSING_IN_TARGET, MISSING_IN_SOURCE -> base;
            default -> base + " (source " + sourceRows + " rows, target " + targetRows + " rows, difference "
                    + rowCountDifference() + firstDifferingKey.map(key -> ", first differing primary key " + key).orElse("")
                    + (note.isEmpty() ? "" : "; " + note) + ")";
        };
    }
}
