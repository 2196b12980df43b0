package io.cutkit.mysql.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What {@link SchemaDriftGuard} found: narrowings with their live-data evidence and other
 * differences.
 *
 * @param database the live database compared
 * @param narrowings columns the code expects narrower than live, in table and column order
 * @param otherDifferences everything else that differs
 */
public record DriftReport(String database, List<ColumnNarrowing> narrowings, List<ColumnDifference> otherDifferences) {

    public DriftReport {
        narrowings = List.copyOf(narrowings);
        otherDifferences = List.copyOf(otherDifferences);
    }

    /** Narrowings that live rows would not survive. */
    public List<ColumnNarrowing> dataLosingNarrowings() {
        return narrowings.stream().filter(ColumnNarrowing::losesData).toList();
    }

    /**
     * Throws when applying the expected schema would lose or reject live data; use it as a guard
     * before a migration or a schema sync.
     *
     * @throws NarrowingWouldLoseDataException listing every offending column with its evidence
     */
    public void requireNoDataLoss() {
        List<ColumnNarrowing> losing = dataLosingNarrowings();
        if (!losing.isEmpty()) {
            throw new NarrowingWouldLoseDataException(database, losing);
        }
    }

    /** Multi-line text for consoles and logs. */
    public String toText() {
        if (narrowings.isEmpty() && otherDifferences.isEmpty()) {
            return "`" + database + "` matches the expected schema";
        }
        return narrowings.stream().map(n -> "NARROWING " + n.describe())
                .collect(Collectors.joining("\n"))
                + (narrowings.isEmpty() || otherDifferences.isEmpty() ? "" : "\n")
                + otherDifferences.stream()
                        .map(d -> "DIFFERENCE `" + d.table() + "`" + (d.column().isEmpty() ? "" : ".`" + d.column() + "`")
                                + ": " + d.description())
                        .collect(Collectors.joining("\n"));
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String describe() {
        return toText();
    }
}
