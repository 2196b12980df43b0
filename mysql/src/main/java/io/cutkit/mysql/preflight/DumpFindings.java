package io.cutkit.mysql.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.mysql.account.DefinerPrivilegeGap;
import io.cutkit.mysql.dump.DatabaseReference;
import io.cutkit.mysql.dump.DumpReport;
import io.cutkit.mysql.dump.DumpVerdict;
import io.cutkit.mysql.dump.ForeignDatabasePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a {@link DumpReport}'s verdicts into pre-flight {@link Finding}s, one per problem with the
 * dump line as evidence and the one fix. A dump that names only its own database is a P1
 * {@code use-mismatch} when the import rewrites it (cutkit's default; a plain client or
 * {@code gcloud sql import} follows it) and P0 when the import refuses it; a dump that names several
 * databases is P0, since no import puts it in one target.
 */
public final class DumpFindings {

    private DumpFindings() {
    }

    /**
     * The findings of {@code report}, a dump file named {@code file} (for {@code file:line} objects), for
     * an import that treats other databases by {@code policy}.
     */
    public static List<Finding> of(DumpReport report, String file, ForeignDatabasePolicy policy) {
        List<Finding> findings = new ArrayList<>();
        useMismatch(report, file, policy).ifPresent(findings::add);
        Map<String, List<DumpVerdict.MissingDefiner>> definers = new LinkedHashMap<>();
        List<DumpVerdict.NoAutoCreateUser> modeLines = new ArrayList<>();
        Map<String, List<DumpVerdict.ManagedInstanceRejects>> managed = new LinkedHashMap<>();
        for (DumpVerdict v : report.verdicts()) {
            String where = file + ":" + v.line();
            if (v instanceof DumpVerdict.MissingDefiner m) {
                definers.computeIfAbsent(m.account(), a -> new ArrayList<>()).add(m);
            } else if (v instanceof DumpVerdict.UnknownCollation u) {
                findings.add(Finding.of(FindingClass.COLLATION_UNAVAILABLE,
                                "the dump uses collation " + u.collation() + ", which the target does not have: CREATE"
                                        + " statements using it fail with error 1273",
                                "upgrade the target to a server that has " + u.collation()
                                        + ", or recreate the source objects with a collation both have")
                        .object(where).evidence("collation", u.collation()).evidence("line", u.line()).build());
            } else if (v instanceof DumpVerdict.StatementTooLarge t) {
                findings.add(Finding.of(FindingClass.PACKET_TOO_LARGE,
                                t.count() + " statement(s) longer than the target's max_allowed_packet ("
                                        + t.maxAllowedPacket() + " bytes), the largest " + t.largestBytes()
                                        + " bytes: error 1153 part-way through the import",
                                "raise max_allowed_packet on the target to at least " + (t.largestBytes() + 1024)
                                        + " (SET GLOBAL, or the managed instance's flag)")
                        .object(where).evidence("line", t.line()).evidence("statements", t.count())
                        .evidence("largest_bytes", t.largestBytes()).evidence("max_allowed_packet", t.maxAllowedPacket())
                        .build());
            } else if (v instanceof DumpVerdict.TargetCollationDiffers d) {
                findings.add(Finding.of(FindingClass.COLLATION,
                                "the target database `" + d.target() + "` exists with collation " + d.targetCollation()
                                        + ", the dump's database has " + d.dumpCollation() + ": tables created later"
                                        + " get the other one ('Illegal mix of collations')",
                                "recreate the target like the source (cutkit's DatabaseRecreator) or ALTER DATABASE `"
                                        + d.target() + "` COLLATE " + d.dumpCollation())
                        .severity(Severity.P1).object(d.target()).evidence("target_collation", d.targetCollation())
                        .evidence("dump_collation", d.dumpCollation()).build());
            } else if (v instanceof DumpVerdict.DefinerLacksPrivileges p) {
                DefinerPrivilegeGap gap = p.gap();
                findings.add(Finding.of(FindingClass.DEFINER_PRIVILEGES, gap.describe(),
                                "run " + gap.grantStatement() + " on the target before the import (cutkit's"
                                        + " DefinerAccounts.grantMissing)")
                        .object(gap.database() + "." + gap.objectName()).evidence("account", gap.account().toString())
                        .evidence("missing", gap.missing()).evidence("grant", gap.grantStatement())
                        .evidence("line", p.line()).build());
            } else if (v instanceof DumpVerdict.ManagedInstanceRejects r) {
                managed.computeIfAbsent(r.reason(), k -> new ArrayList<>()).add(r);
            } else if (v instanceof DumpVerdict.SandboxMarker s) {
                findings.add(Finding.of(FindingClass.OTHER,
                                "MariaDB's sandbox-mode first line: the MySQL 8 client stops at it (\"Unknown command '\\-'\")",
                                "import with cutkit (it ignores the line), or delete the first line before a mysql-client import")
                        .severity(Severity.P2).object(where).evidence("line", s.line()).build());
            } else if (v instanceof DumpVerdict.NoAutoCreateUser n) {
                modeLines.add(n);
            } else if (v instanceof DumpVerdict.Truncated t) {
                findings.add(Finding.of(FindingClass.OTHER,
                                "the dump is truncated: " + t.reason(), "re-create or re-download the dump")
                        .severity(Severity.P0).object(where).evidence("line", t.line()).build());
            } else if (v instanceof DumpVerdict.NotSql n) {
                findings.add(Finding.of(FindingClass.OTHER,
                                "not a SQL dump: " + n.reason(), "check that the right file was given")
                        .severity(Severity.P0).object(where).evidence("line", n.line()).build());
            }
        }
        definers.forEach((account, uses) -> findings.add(missingDefiner(account, uses, file)));
        managed.forEach((reason, statements) -> findings.add(managedInstance(reason, statements, file)));
        if (!modeLines.isEmpty()) {
            findings.add(noAutoCreateUser(modeLines, file));
        }
        List<DumpVerdict.ObjectExists> existing = report.verdicts(DumpVerdict.ObjectExists.class);
        if (!existing.isEmpty()) {
            findings.add(objectsExist(existing, file));
        }
        return findings;
    }

    /** The objects the dump creates over the target's own, which stop the import (cutkit's and the client's). */
    private static Finding objectsExist(List<DumpVerdict.ObjectExists> existing, String file) {
        DumpVerdict.ObjectExists first = existing.get(0);
        List<String> objects = existing.stream().map(e -> e.objectType().toLowerCase(java.util.Locale.ROOT) + " " + e.name()
                + " (line " + e.line() + ", error " + e.serverError() + ")").toList();
        return Finding.of(FindingClass.TARGET_NOT_EMPTY,
                        "the dump creates " + (existing.size() == 1 ? "an object" : existing.size() + " objects") + " the"
                                + " target `" + first.target() + "` already holds, without dropping "
                                + (existing.size() == 1 ? "it" : "them") + " first: " + String.join(", ", objects.subList(0,
                                Math.min(10, objects.size()))) + (objects.size() > 10 ? ", ..." : "") + "; the import stops"
                                + " there (cutkit refuses it before anything changes, the mariadb client fails part-way)",
                        "drop those objects on the target after confirming nothing there is needed, import into an empty"
                                + " database, or export with a tool that drops what it creates (mysqldump's defaults do)")
                .object(file + ":" + first.line()).evidence("objects", objects.stream().limit(10).toList())
                .evidence("lines", existing.stream().map(DumpVerdict.ObjectExists::line).limit(10).toList()).build();
    }

    /** One finding per kind of SUPER-only statement: a dump sets and restores SQL_LOG_BIN, for one. */
    private static Finding managedInstance(String reason, List<DumpVerdict.ManagedInstanceRejects> statements, String file) {
        DumpVerdict.ManagedInstanceRejects first = statements.get(0);
        return Finding.of(FindingClass.MANAGED_INSTANCE_STATEMENT,
                        (statements.size() == 1 ? reason : statements.size() + " statements " + reason.replaceFirst("^sets ", "set "))
                                + ": a managed instance (Cloud SQL, RDS) refuses " + (statements.size() == 1 ? "it" : "them")
                                + " for lack of SUPER",
                        "import with cutkit (it skips the statement), or remove it from the dump"
                                + " (mysqldump --set-gtid-purged=OFF for GTID_PURGED)")
                .object(file + ":" + first.line()).evidence("line", first.line()).evidence("statement", first.statement())
                .evidence("statements", statements.size())
                .evidence("lines", statements.stream().map(DumpVerdict.ManagedInstanceRejects::line).limit(10).toList())
                .build();
    }

    /** One finding for every {@code SET sql_mode} naming the mode: a dump repeats it before each routine. */
    private static Finding noAutoCreateUser(List<DumpVerdict.NoAutoCreateUser> lines, String file) {
        boolean rejects = lines.get(0).targetRejects();
        return Finding.of(FindingClass.OTHER,
                        lines.size() + " SET sql_mode statement(s) with NO_AUTO_CREATE_USER, which MySQL 8 refuses (error 1231)"
                                + (rejects ? "" : "; the target accepts it"),
                        "import with cutkit (it removes the mode on MySQL 8), or drop it from the dump's sql_mode")
                .severity(rejects ? Severity.P1 : Severity.P2).object(file + ":" + lines.get(0).line())
                .evidence("line", lines.get(0).line()).evidence("statements", lines.size())
                .evidence("lines", lines.stream().map(DumpVerdict.NoAutoCreateUser::line).limit(10).toList())
                .evidence("sql_mode", SavedSqlModeFindings.MODE).build();
    }

    private static java.util.Optional<Finding> useMismatch(DumpReport report, String file, ForeignDatabasePolicy policy) {
        Set<String> named = new LinkedHashSet<>();
        List<Long> lines = new ArrayList<>();
        for (DumpVerdict.LandsElsewhere l : report.verdicts(DumpVerdict.LandsElsewhere.class)) {
            named.add(l.database());
            lines.add(l.line());
        }
        if (named.isEmpty()) {
            return java.util.Optional.empty();
        }
        String target = report.targetDatabase();
        long first = lines.get(0);
        if (named.size() > 1) {
            return java.util.Optional.of(Finding.of(FindingClass.USE_MISMATCH,
                            "the dump selects or creates several databases " + quoted(named) + ": no import puts it into `"
                                    + target + "`, and a plain import scatters it",
                            "dump one database per file (mysqldump --databases <one>), or remove the USE lines of the others")
                    .severity(Severity.P0).object(file + ":" + first).evidence("databases", List.copyOf(named))
                    .evidence("lines", lines.stream().limit(10).toList()).build());
        }
        String database = named.iterator().next();
        if (policy == ForeignDatabasePolicy.REFUSE) {
            return java.util.Optional.of(Finding.of(FindingClass.USE_MISMATCH,
                            "the dump creates and selects `" + database + "`, not `" + target + "`: the planned import"
                                    + " (ForeignDatabasePolicy.REFUSE) refuses it, and a plain client import puts the data"
                                    + " in `" + database + "`",
                            "import with ForeignDatabasePolicy.REWRITE_TO_TARGET (cutkit rewrites the dump's USE and CREATE"
                                    + " DATABASE to `" + target + "`), or export without USE (mysqldump without --databases)")
                    .object(file + ":" + first).autofix("foreign-databases=rewrite").evidence("database", database)
                    .evidence("target", target).evidence("lines", lines.stream().limit(10).toList()).build());
        }
        return java.util.Optional.of(Finding.of(FindingClass.USE_MISMATCH,
                        "the dump creates and selects `" + database + "`: gcloud sql import and the mysql client put the data"
                                + " there, not in `" + target + "`",
                        "import with cutkit (it rewrites the dump's USE and CREATE DATABASE to the target), or drop and"
                                + " recreate `" + database + "` on the target and point the application at it")
                .severity(Severity.P1).object(file + ":" + first).autofix("foreign-databases=rewrite")
                .evidence("database", database)
                .evidence("target", target).evidence("lines", lines.stream().limit(10).toList()).build());
    }

    private static Finding missingDefiner(String account, List<DumpVerdict.MissingDefiner> uses, String file) {
        boolean checked = uses.stream().anyMatch(DumpVerdict.MissingDefiner::checked);
        List<String> objects = uses.stream().map(u -> u.object().name().replace("CREATE_", "").toLowerCase(java.util.Locale.ROOT)
                + " " + u.objectName()).distinct().toList();
        return Finding.of(FindingClass.MISSING_DEFINER,
                        objects.size() + " object(s) run as DEFINER " + account
                                + (checked ? ", which does not exist on the target" : ", which could not be checked (no target)")
                                + ": every use of them fails with error 1449 after the import",
                        "create " + account + " on the target before the import (cutkit's DefinerAccounts.createMissing),"
                                + " or import with the DEFINERs stripped or rewritten (DefinerPolicy)")
                .severity(checked ? Severity.P0 : Severity.P1).object(file + ":" + uses.get(0).line()).autofix("definers=strip")
                .evidence("account", account).evidence("objects", objects).build();
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(n -> "`" + n + "`").collect(java.util.stream.Collectors.joining(", "));
    }
}
