package io.cutkit.mysql.schema;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Applying the schema the code expects would truncate, round or reject live rows (field report
 * blocker 3: {@code Data too long for column 'referenceId' at row 150}). Nothing has been changed.
 */
public class NarrowingWouldLoseDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String database;
    private final transient List<ColumnNarrowing> narrowings;

    public NarrowingWouldLoseDataException(String database, List<ColumnNarrowing> narrowings) {
        super("Refusing: the expected schema would lose live data in `" + database + "`:\n"
                + narrowings.stream().map(ColumnNarrowing::describe).collect(Collectors.joining("\n"))
                + "\nWiden the column in the code's migrations (or fix the offending rows) before syncing the schema.");
        this.database = database;
        this.narrowings = List.copyOf(narrowings);
    }

    public String database() {
        return database;
    }

    public List<ColumnNarrowing> narrowings() {
        return narrowings;
    }
}
