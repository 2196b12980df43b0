package io.cutkit.mysql.dump;

import io.cutkit.core.data.SnapshotException;
import java.util.List;

/**
 * An import was refused before anything on the target was changed: the dump is truncated, not SQL,
 * needs a collation the target lacks, names another database under {@link ForeignDatabasePolicy#REFUSE},
 * keeps a DEFINER whose account the target lacks or
 * that lacks the privileges its object needs there, or a chunk's checksum does not match. {@link #reasons()} lists why; {@link #report()} is the
 * inspection, when there was one.
 */
public class ImportRefusedException extends SnapshotException {

    private final transient DumpReport report;
    private final List<String> reasons;

    public ImportRefusedException(String source, String target, List<String> reasons, DumpReport report) {
        super("Refusing to import " + source + " into `" + target + "`; nothing was changed:\n  - "
                + String.join("\n  - ", reasons));
        this.report = report;
        this.reasons = List.copyOf(reasons);
    }

    /** Why, one line each. */
    public List<String> reasons() {
        return reasons;
    }

    /** The inspection that led to the refusal (null when the refusal did not come from one). */
    public DumpReport report() {
        return report;
    }
}
