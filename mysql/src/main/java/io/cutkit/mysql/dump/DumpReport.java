package io.cutkit.mysql.dump;

import io.cutkit.mysql.script.StatementHead;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What {@link DumpInspector} found in one dump: the databases it names, the collations and DEFINER
 * accounts it uses, the tables it fills, the other statements it runs as they are (counted by verb,
 * e.g. {@code "CREATE INDEX" -> 3}, in order of first appearance), and the {@link DumpVerdict verdicts}
 * for the requested target, and for each table it names whether its first statement about the table
 * keeps the rows a target table of that name already holds ({@link #keepsExistingRows}).
 * {@link #toText()} gives a readable text; {@link #blocking()} says whether an import should be refused.
 *
 * @param keepsExistingRows for each table the dump names (unqualified or in its own database), in
 *     order of first mention: true when the first statement about it keeps a target table's rows (an
 *     INSERT, ALTER TABLE, CREATE TRIGGER or CREATE TABLE IF NOT EXISTS, as the client would add to
 *     them), false when it replaces the table (DROP TABLE, CREATE [OR REPLACE] TABLE)
 * @param databaseCollation the collation the dump's first CREATE DATABASE names, or null when it creates
 *     no database or names none (the database then gets a server's default, which the dump does not tell)
 * @param fileOrderLine the line of the first statement that sets a user variable from a query or a
 *     function ({@code SET @id = LAST_INSERT_ID()}, {@code SELECT ... INTO @n}) or inserts
 *     {@code LAST_INSERT_ID()}, whose value depends on the statements run before it on the same
 *     connection, or that rolls a transaction back ({@code ROLLBACK}), or else of the first row change
 *     the script leaves uncommitted with autocommit off (the client rolls it back when it exits): an
 *     import then loads the whole script in file order on one connection; 0 when none
 */
public record DumpReport(
        String source, String targetDatabase, long bytes, long lines, long statements, Duration elapsed,
        List<DatabaseReference> databases, Map<String, Long> collations, List<DefinerUse> definers,
        List<TableSummary> tables, Map<String, Long> otherStatements, List<DumpVerdict> verdicts, boolean gzip,
        Map<String, Boolean> keepsExistingRows, String databaseCollation, long fileOrderLine) {

    public DumpReport {
        databases = List.copyOf(databases);
        collations = Map.copyOf(collations);
        definers = List.copyOf(definers);
        tables = List.copyOf(tables);
        otherStatements = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(otherStatements));
        verdicts = List.copyOf(verdicts);
        keepsExistingRows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(keepsExistingRows));
    }

    /**
     * Whether the dump drops its database ({@code DROP DATABASE}, as MySQL Workbench's scripts and
     * {@code mysqldump --add-drop-database} do): the client's load then holds only what the dump
     * creates after it, and an import replaces everything the target held.
     */
    public boolean dropsDatabase() {
        return databases.stream().anyMatch(d -> d.statement() == io.cutkit.mysql.script.StatementKind.DROP_DATABASE);
    }

    /** True when at least one verdict blocks an import as the dump stands. */
    public boolean blocking() {
        return verdicts.stream().anyMatch(DumpVerdict::blocking);
    }

    /** Verdicts that block an import. */
    public List<DumpVerdict> blockers() {
        return verdicts.stream().filter(DumpVerdict::blocking).toList();
    }

    /** Verdicts of one type. */
    public <T extends DumpVerdict> List<T> verdicts(Class<T> type) {
        return verdicts.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Scan speed in MB/s (uncompressed bytes). */
    public double megabytesPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return bytes / 1e6 / seconds;
    }

    /** A readable multi-line report. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("Dump ").append(source).append(gzip ? " (gzip)" : "").append(": ").append(bytes).append(" bytes, ")
                .append(lines).append(" lines, ").append(statements).append(" statements, scanned in ")
                .append(elapsed.toMillis()).append(" ms\n");
        b.append("Target database: ").append(targetDatabase == null ? "(not given)" : StatementHead.quote(targetDatabase))
                .append('\n');
        b.append("Databases named:\n");
        if (databases.isEmpty()) {
            b.append("  none (the data lands in the target database)\n");
        }
        databases.forEach(d -> b.append("  line ").append(d.line()).append(": ").append(d.statement()).append(' ')
                .append(StatementHead.quote(d.database())).append('\n'));
        b.append("Collations:");
        collations.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(' ').append(e.getKey()).append(" (line ").append(e.getValue()).append(')'));
        b.append('\n');
        b.append("DEFINERs:\n");
        definers.forEach(d -> b.append("  line ").append(d.line()).append(": ").append(d.account()).append(" on ")
                .append(d.object()).append(' ')
                .append(d.quotedObjectName())
                .append('\n'));
        b.append("Tables (").append(tables.size()).append("):\n");
        tables.forEach(t -> b.append(String.format("  %-40s created line %-8d ~%d rows, %d bytes%n",
                StatementHead.quote(t.name()), t.createLine(), t.approximateRows(), t.dataBytes())));
        b.append("Other statements, run as they are in file order:");
        if (otherStatements.isEmpty()) {
            b.append(" none");
        }
        otherStatements.forEach((verb, count) -> b.append(' ').append(verb).append(" (").append(count).append(')'));
        b.append('\n');
        b.append("Verdicts:\n");
        if (verdicts.isEmpty()) {
            b.append("  none: the dump can be imported as it is\n");
        }
        verdicts.forEach(v -> b.append("  ").append(v.blocking() ? "BLOCKER" : "warning").append(" line ")
                .append(v.line()).append(": ").append(v.message()).append('\n'));
        return b.toString();
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String render() {
        return toText();
    }
}
