package io.cutkit.mysql.migration;

import io.cutkit.core.migration.AppliedMigration;
import io.cutkit.core.migration.PlanEntry;
import io.cutkit.core.migration.PlanReason;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides, for every local migration and every history row, what a run does and why. Pure and linear in
 * the number of migrations plus rows (hash lookups only), so planning 10,000 migrations is cheap.
 *
 * <p>The rename rule. A history row's content is known when (1) the history recorded a checksum (cutkit:
 * SHA-256; Flyway: CRC32, which SQL migrations also compute), or else (2) a local migration has the row's
 * name (its content is taken as what ran: that is the premise of name identity), or (3) a reference source
 * (e.g. the other fork's folder) has a migration of that name. A local migration whose name is not in the
 * history but whose content equals a known content is RENAMED, not pending. Rows whose content is unknown
 * (SequelizeMeta or schema_migrations rows with no file here) cannot be recognised under a new name; the
 * plan says how many in a note.
 */
final class MigrationPlanner {

    record Result(List<PlanEntry> entries, List<String> notes) {
    }

    private final CollisionPolicy collisionPolicy;
    private final boolean allowOutOfOrder;
    private final String lineage;

    MigrationPlanner(CollisionPolicy collisionPolicy, boolean allowOutOfOrder, String lineage) {
        this.collisionPolicy = collisionPolicy;
        this.allowOutOfOrder = allowOutOfOrder;
        this.lineage = lineage;
    }

    Result plan(List<Migration> local, List<Migration> reference, List<AppliedMigration> history) {
        Map<String, AppliedMigration> appliedByName = new LinkedHashMap<>();
        Map<String, AppliedMigration> failedByName = new HashMap<>();
        Map<Long, AppliedMigration> appliedByVersionOnly = new HashMap<>();
        Map<Long, List<AppliedMigration>> appliedByVersion = new HashMap<>();
        long maxApplied = Long.MIN_VALUE;
        for (AppliedMigration row : history) {
            if (!row.succeeded()) {
                failedByName.put(row.name(), row);
                continue;
            }
            if (row.identity() == AppliedMigration.Identity.VERSION) {
                row.version().ifPresent(v -> appliedByVersionOnly.put(v, row));
            } else {
                appliedByName.putIfAbsent(row.name(), row);
                row.version().ifPresent(v -> appliedByVersion.computeIfAbsent(v, k -> new ArrayList<>()).add(row));
            }
            if (row.version().isPresent()) {
                maxApplied = Math.max(maxApplied, row.version().getAsLong());
            }
        }
        for (AppliedMigration failed : new ArrayList<>(failedByName.values())) {
            if (appliedByName.containsKey(failed.name())) {
                failedByName.remove(failed.name());
            }
        }

        Map<String, Migration> localByName = new HashMap<>();
        long maxKnown = maxApplied;
        for (Migration m : local) {
            localByName.put(m.name(), m);
            maxKnown = Math.max(maxKnown, m.version().orElse(Long.MIN_VALUE));
        }
        Map<String, Migration> referenceByName = new HashMap<>();
        for (Migration m : reference) {
            referenceByName.putIfAbsent(m.name(), m);
        }

        Map<String, String> appliedNameByContent = new HashMap<>();
        int unknownContent = 0;
        String unknownExample = null;
        for (AppliedMigration row : appliedByName.values()) {
            if (row.checksum().isPresent()) {
                appliedNameByContent.putIfAbsent(row.checksum().get(), row.name());
                continue;
            }
            Migration known = localByName.getOrDefault(row.name(), referenceByName.get(row.name()));
            if (known != null) {
                for (String c : known.checksums()) {
                    appliedNameByContent.putIfAbsent(c, row.name());
                }
            } else {
                unknownContent++;
                if (unknownExample == null) {
                    unknownExample = row.name();
                }
            }
        }

        List<PlanEntry> entries = new ArrayList<>(local.size() + history.size());
        Set<String> renamedFrom = new HashSet<>();
        Map<Long, String> pendingVersions = new HashMap<>();
        long nextFree = maxKnown == Long.MIN_VALUE ? 1 : maxKnown + 1;
        for (Migration m : local) {
            OptionalLong version = m.version();
            AppliedMigration row = appliedByName.get(m.name());
            if (row != null) {
                entries.add(appliedEntry(m, row));
                continue;
            }
            AppliedMigration failed = failedByName.get(m.name());
            if (failed != null) {
                entries.add(new PlanEntry.Conflict(m.name(), version, PlanReason.PREVIOUSLY_FAILED, Optional.of(failed.name()),
                        OptionalLong.empty(), Optional.empty(), "a previous attempt failed or was interrupted part-way (see "
                        + failed.store() + "); reconcile the schema by hand, delete its FAILED or STARTED row, then"
                        + " migrate again"));
                continue;
            }
            AppliedMigration byVersion = version.isPresent() ? appliedByVersionOnly.get(version.getAsLong()) : null;
            if (byVersion != null) {
                entries.add(new PlanEntry.Skip(m.name(), version, PlanReason.APPLIED, Optional.of(byVersion.name()),
                        "version " + byVersion.name() + " is recorded in " + byVersion.store() + " (version-only history)"));
                continue;
            }
            String sameContent = null;
            for (String c : m.checksums()) {
                sameContent = appliedNameByContent.get(c);
                if (sameContent != null) {
                    break;
                }
            }
            if (sameContent != null) {
                renamedFrom.add(sameContent);
                entries.add(new PlanEntry.Skip(m.name(), version, PlanReason.RENAMED, Optional.of(sameContent),
                        "same content as applied " + sameContent + "; not run again"));
                continue;
            }
            List<AppliedMigration> sameVersion = version.isPresent()
                    ? appliedByVersion.getOrDefault(version.getAsLong(), List.of()) : List.of();
            String pendingSameVersion = version.isPresent() ? pendingVersions.get(version.getAsLong()) : null;
            if (!sameVersion.isEmpty() || pendingSameVersion != null) {
                String other = !sameVersion.isEmpty() ? sameVersion.get(0).name() : pendingSameVersion;
                String where = !sameVersion.isEmpty() ? "applied " + other + " (" + sameVersion.get(0).store() + ")"
                        : "pending " + other + " (also here)";
                long suggested = nextFree++;
                String suggestedName = MigrationNames.renumber(m.name(), suggested);
                if (collisionPolicy.lineage().isPresent()) {
                    entries.add(new PlanEntry.Apply(m.name(), version, m.checksum(), collisionPolicy.lineage().get(),
                            PlanReason.COLLISION, "number " + MigrationNames.versionDigits(m.name()) + " is taken by "
                            + where + "; applied under lineage " + collisionPolicy.lineage().get()));
                } else {
                    entries.add(new PlanEntry.Conflict(m.name(), version, PlanReason.COLLISION, Optional.of(other),
                            OptionalLong.of(suggested), Optional.of(suggestedName), "number "
                            + MigrationNames.versionDigits(m.name()) + " is taken by " + where
                            + "; rename this migration to " + suggestedName));
                }
                continue;
            }
            version.ifPresent(v -> pendingVersions.put(v, m.name()));
            if (version.isPresent() && maxApplied != Long.MIN_VALUE && version.getAsLong() < maxApplied) {
                if (allowOutOfOrder) {
                    entries.add(new PlanEntry.Apply(m.name(), version, m.checksum(), lineage, PlanReason.OUT_OF_ORDER,
                            "below the highest applied version " + maxApplied + "; applied out of order as allowed"));
                } else {
                    entries.add(new PlanEntry.Conflict(m.name(), version, PlanReason.OUT_OF_ORDER, Optional.empty(),
                            OptionalLong.empty(), Optional.empty(), "below the highest applied version " + maxApplied
                            + "; allow out-of-order migrations or renumber it above " + maxApplied));
                }
                continue;
            }
            entries.add(new PlanEntry.Apply(m.name(), version, m.checksum(), lineage, PlanReason.PENDING, "not applied yet"));
        }

        for (AppliedMigration row : appliedByName.values()) {
            if (!localByName.containsKey(row.name()) && !renamedFrom.contains(row.name())) {
                entries.add(new PlanEntry.Skip(row.name(), row.version(), PlanReason.FOREIGN, Optional.empty(),
                        "recorded in " + row.store() + " but no migration of that name is here; skipped"));
            }
        }
        Set<Long> localVersions = new HashSet<>();
        for (Migration m : local) {
            m.version().ifPresent(localVersions::add);
        }
        for (AppliedMigration row : appliedByVersionOnly.values()) {
            if (!localVersions.contains(row.version().getAsLong())) {
                entries.add(new PlanEntry.Skip(row.name(), row.version(), PlanReason.FOREIGN, Optional.empty(),
                        "version recorded in " + row.store() + " but no migration with that version is here; skipped"));
            }
        }
        entries.sort(Comparator.comparingLong((PlanEntry e) -> e.version().orElse(Long.MAX_VALUE))
                .thenComparing(e -> e.reason() == PlanReason.FOREIGN));

        List<String> notes = new ArrayList<>();
        if (unknownContent > 0) {
            notes.add(unknownContent + " applied migration(s) (e.g. " + unknownExample + ") have no recorded checksum and"
                    + " no file here, so a renamed copy of one of them cannot be recognised; pass their files with"
                    + " referenceMigrations(...) to include them");
        }
        return new Result(entries, notes);
    }

    private static PlanEntry appliedEntry(Migration m, AppliedMigration row) {
        if (row.checksum().isEmpty()) {
            return new PlanEntry.Skip(m.name(), m.version(), PlanReason.APPLIED, Optional.of(row.name()),
                    "recorded in " + row.store() + " (no checksum there to verify)");
        }
        String recorded = row.checksum().get();
        String algorithm = recorded.substring(0, recorded.indexOf(':') + 1);
        Optional<String> mine = m.checksums().stream().filter(c -> c.startsWith(algorithm)).findFirst();
        if (mine.isEmpty()) {
            return new PlanEntry.Skip(m.name(), m.version(), PlanReason.APPLIED, Optional.of(row.name()),
                    "recorded in " + row.store() + " (its checksum kind cannot be compared here)");
        }
        if (!mine.get().equals(recorded)) {
            return new PlanEntry.Conflict(m.name(), m.version(), PlanReason.CHECKSUM_CHANGED, Optional.of(row.name()),
                    OptionalLong.empty(), Optional.empty(), "applied with checksum " + recorded + " (" + row.store()
                    + ") but the migration here has " + mine.get() + "; restore the applied content, or add the change"
                    + " as a new migration");
        }
        return new PlanEntry.Skip(m.name(), m.version(), PlanReason.APPLIED, Optional.of(row.name()),
                "recorded in " + row.store() + ", checksum verified");
    }
}
