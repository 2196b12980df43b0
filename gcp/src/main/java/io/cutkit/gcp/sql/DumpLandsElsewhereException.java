package io.cutkit.gcp.sql;

import io.cutkit.core.data.SnapshotException;
import java.net.URI;
import java.util.List;

/**
 * An import was refused before anything changed because the dump creates or selects another
 * database than the target (field report blocker 1: Cloud SQL's import ignores the requested
 * database when the dump says {@code USE Optileads}). Carries the dump, the target and the
 * statements that name other databases.
 */
public final class DumpLandsElsewhereException extends SnapshotException {

    private final URI dump;
    private final String target;
    private final List<DumpLanding.DatabaseMention> mentions;

    DumpLandsElsewhereException(URI dump, String target, List<DumpLanding.DatabaseMention> mentions) {
        super("Refusing to import " + dump + " into `" + target + "`: the dump " + describe(mentions)
                + ", so Cloud SQL would put the data there, not in `" + target + "`. Nothing was imported. Either "
                + "recreate `" + mentions.get(0).database() + "` with the source's collation and import with "
                + "followDump(true), or export again without CREATE DATABASE/USE statements.");
        this.dump = dump;
        this.target = target;
        this.mentions = List.copyOf(mentions);
    }

    private static String describe(List<DumpLanding.DatabaseMention> mentions) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < mentions.size() && i < 3; i++) {
            DumpLanding.DatabaseMention m = mentions.get(i);
            out.append(i == 0 ? "has " : ", ").append(m.statement()).append(" `").append(m.database())
                    .append("` at line ").append(m.line());
        }
        if (mentions.size() > 3) {
            out.append(" and ").append(mentions.size() - 3).append(" more");
        }
        return out.toString();
    }

    public URI dump() {
        return dump;
    }

    public String target() {
        return target;
    }

    public List<DumpLanding.DatabaseMention> mentions() {
        return mentions;
    }
}
