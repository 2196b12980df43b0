package io.cutkit.core.data;

import java.time.Duration;
import java.util.List;

/**
 * What an import did: where the data landed, how many statements and rows, how long it took, and
 * what it loaded that deserves a look ({@code warnings}, e.g. rows whose foreign key has no parent).
 */
public record ImportOutcome(String targetDatabase, long statements, long rows, Duration elapsed, List<String> warnings) {

    public ImportOutcome {
        warnings = List.copyOf(warnings);
    }

    /** An outcome without warnings. */
    public ImportOutcome(String targetDatabase, long statements, long rows, Duration elapsed) {
        this(targetDatabase, statements, rows, elapsed, List.of());
    }
}
