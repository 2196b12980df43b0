package io.cutkit.core.migration;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code migrate()} will do, entry by entry, and the state of the history it was computed from.
 * The plan is binding: {@code migrate(plan)} refuses when the history's row count or hash no longer match
 * {@link #historyRows()} and {@link #historyHash()}. Renders as a console table ({@link #toTable()}) and
 * as JSON ({@link #toJson()}).
 *
 * @param target      the database the plan is for
 * @param histories   the history stores read, e.g. {@code SequelizeMeta (read/write)}
 * @param entries     local migrations in apply order, then foreign history rows
 * @param historyRows the number of history rows read
 * @param historyHash SHA-256 over every history row read, in a stable order
 * @param notes       things the reader should know that are not entries (e.g. why a rename cannot be detected)
 * @param createdAt   when the plan was made
 */
public record MigrationPlan(String target, List<String> histories, List<PlanEntry> entries, long historyRows,
                            String historyHash, List<String> notes, Instant createdAt) {

    public MigrationPlan {
        Objects.requireNonNull(target, "target");
        histories = List.copyOf(histories);
        entries = List.copyOf(entries);
        Objects.requireNonNull(historyHash, "historyHash");
        notes = List.copyOf(notes);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The entries that will run, in order. */
    public List<PlanEntry.Apply> toApply() {
        return entries.stream().filter(PlanEntry.Apply.class::isInstance).map(PlanEntry.Apply.class::cast).toList();
    }

    /** The entries that stop {@code migrate()} until resolved. */
    public List<PlanEntry.Conflict> conflicts() {
        return entries.stream().filter(PlanEntry.Conflict.class::isInstance).map(PlanEntry.Conflict.class::cast).toList();
    }

    /** The entries with the given reason, in plan order. */
    public List<PlanEntry> withReason(PlanReason reason) {
        return entries.stream().filter(e -> e.reason() == reason).toList();
    }

    /** How many entries have the given reason. */
    public long count(PlanReason reason) {
        return entries.stream().filter(e -> e.reason() == reason).count();
    }

    /** True when the plan has no conflicts, so {@code migrate(plan)} may proceed. */
    public boolean executable() {
        return conflicts().isEmpty();
    }

    /** A fixed-width table for a console: one row per entry, then a summary line and the notes. */
    public String toText() {
        return PlanRendering.table(this);
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String toTable() {
        return toText();
    }

    /** The plan as a JSON object (entries with their reasons, history row count and hash, notes). */
    public String toJson() {
        return PlanRendering.json(this);
    }

    @Override
    public String toString() {
        return "MigrationPlan[" + target + ", " + entries.size() + " entries, " + toApply().size() + " to apply, "
                + conflicts().size() + " conflicts, history " + historyRows + " rows]";
    }
}
