package io.cutkit.mysql.verify;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Source against target, table by table, with the work done.
 *
 * @param tables every table found on either side, by name
 * @param sourceBytes bytes of canonical row encoding hashed on the source side
 * @param targetBytes the same on the target side
 * @param elapsed wall time of the whole comparison
 */
public record VerificationReport(List<TableComparison> tables, long sourceBytes, long targetBytes, Duration elapsed) {

    public VerificationReport {
        tables = List.copyOf(tables);
    }

    /** Whether every table matches. */
    public boolean matches() {
        return differences().isEmpty();
    }

    /** Tables that do not match. */
    public List<TableComparison> differences() {
        return tables.stream().filter(table -> table.verdict() != TableComparison.Verdict.MATCH).toList();
    }

    /** Source data verified per second, in MB (10^6 bytes); the target is read at the same time. */
    public double megabytesPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return sourceBytes / 1e6 / seconds;
    }

    /** Multi-line text: a summary line then one line per differing table. */
    public String toText() {
        String head = (matches() ? "MATCH" : differences().size() + " table(s) differ") + ": " + tables.size()
                + " table(s), " + String.format("%.1f MB in %.2f s (%.0f MB/s)", sourceBytes / 1e6,
                elapsed.toNanos() / 1e9, megabytesPerSecond());
        return differences().stream().map(TableComparison::describe)
                .collect(Collectors.joining("\n", head + (matches() ? "" : "\n"), ""));
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String describe() {
        return toText();
    }
}
