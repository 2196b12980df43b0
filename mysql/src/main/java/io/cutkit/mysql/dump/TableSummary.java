package io.cutkit.mysql.dump;

/** A table a dump creates or fills: where it is created, how many INSERT statements, rows (approximate: row groups) and bytes of data. */
public record TableSummary(String name, long createLine, long insertStatements, long approximateRows, long dataBytes) {

    TableSummary withInsert(long rows, long bytes) {
        return new TableSummary(name, createLine, insertStatements + 1, approximateRows + rows, dataBytes + bytes);
    }
}
