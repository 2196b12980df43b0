package io.cutkit.core.migration;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One row of a migration history as a planner sees it, whichever tool wrote it.
 *
 * @param name       the logical name (file name without extension); for version-only histories such as
 *                   Rails' {@code schema_migrations}, the version as text
 * @param version    the numeric prefix, when known
 * @param checksum   a content checksum prefixed with its algorithm ({@code sha256:...}, {@code crc32:...}),
 *                   empty when the history does not store one (SequelizeMeta, schema_migrations)
 * @param lineage    the line of development that applied it ({@code main} when the history has no such notion)
 * @param identity   whether this row identifies its migration by name or only by version
 * @param succeeded  false for a recorded failure (a partly applied migration)
 * @param store      which history it was read from, for messages
 */
public record AppliedMigration(String name, OptionalLong version, Optional<String> checksum, String lineage,
                               Identity identity, boolean succeeded, String store) {

    /** How a history row names its migration. */
    public enum Identity { NAME, VERSION }

    public AppliedMigration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(store, "store");
    }
}
