package io.cutkit.mysql.dump;

import io.cutkit.mysql.account.DefinerPrivilegeGap;
import io.cutkit.mysql.script.StatementHead;
import io.cutkit.mysql.script.StatementKind;
import java.util.List;

/**
 * One thing a {@link DumpInspector} found in a dump, with the line it starts at and what it means for
 * an import into the requested target. {@link #blocking()} verdicts stop {@link JdbcSnapshotImporter}
 * before it changes anything.
 */
public sealed interface DumpVerdict {

    /** 1-based line in the dump (0 when the whole file is concerned). */
    long line();

    /** True when importing this dump as it is would fail or put data in the wrong place. */
    boolean blocking();

    /** One readable sentence or two: what, where, consequence, what to do. */
    String message();

    /** A {@code USE} or {@code CREATE DATABASE} (or a qualified name) that would send data to another database than the target. */
    record LandsElsewhere(long line, StatementKind statement, String database, String target) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public String message() {
            return statement + " " + StatementHead.quote(database) + ": a plain client import would put what follows in "
                    + StatementHead.quote(database) + ", not in " + StatementHead.quote(target)
                    + ". Import with cutkit (ForeignDatabasePolicy.REWRITE_TO_TARGET) or remove the statement.";
        }
    }

    /** A collation the target server does not have. */
    record UnknownCollation(long line, String collation) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public String message() {
            return "collation " + collation + " is not supported by the target server: CREATE statements using it fail"
                    + " with error 1273. Upgrade the target, or rewrite the collation in the dump to one the target has.";
        }
    }

    /** A DEFINER account that does not exist on the target (or could not be checked). */
    record MissingDefiner(long line, String account, StatementKind object, String objectName, boolean checked)
            implements DumpVerdict {
        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public String message() {
            String what = object == StatementKind.CREATE_TRIGGER ? "trigger" : object == StatementKind.CREATE_VIEW ? "view"
                    : object == StatementKind.CREATE_EVENT ? "event" : "routine";
            return what + " " + DefinerUse.quoteName(objectName) + " runs as DEFINER " + account
                    + (checked ? ", which does not exist on the target" : ", which could not be checked on the target")
                    + ": after the import every use of it fails with error 1449 (\"The user specified as a definer does not"
                    + " exist\"). Create the account first, or import with DefinerPolicy.STRIP or rewrite(...).";
        }
    }

    /**
     * A DEFINER account that exists on the target but lacks privileges its object needs there
     * ({@link io.cutkit.mysql.account.DefinerPrivilegeCheck}): the import succeeds, then every use of the
     * object fails with error 1142. {@code DefinerAccounts.grantMissing} applies the gap's GRANT.
     */
    record DefinerLacksPrivileges(long line, DefinerPrivilegeGap gap) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public String message() {
            return gap.describe() + " (DefinerAccounts.grantMissing), or import with DefinerPolicy.rewrite(...).";
        }
    }

    /**
     * Statements longer than the target's {@code max_allowed_packet}: the server would drop the
     * connection (error 1153) part-way through the import.
     */
    record StatementTooLarge(long line, long bytes, long largestBytes, int count, long maxAllowedPacket) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public String message() {
            return (count == 1 ? "the statement at line " + line + " is " + bytes + " bytes"
                    : count + " statements (the first at line " + line + ", the largest " + largestBytes + " bytes) are")
                    + " longer than the target's max_allowed_packet (" + maxAllowedPacket + " bytes): the server would"
                    + " refuse it with error 1153 part-way through the import. Raise max_allowed_packet on the target"
                    + " to at least " + (largestBytes + 1024) + " (SET GLOBAL max_allowed_packet, or the managed"
                    + " instance's database flag) and import again.";
        }
    }

    /**
     * The target database already exists with another default collation than the dump's database:
     * the dump's tables keep their own, but what is created later without one gets the target's.
     */
    record TargetCollationDiffers(long line, String target, String targetCollation, String dumpCollation)
            implements DumpVerdict {
        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public String message() {
            return "the target " + StatementHead.quote(target) + " exists with default collation " + targetCollation
                    + ", the dump's database has " + dumpCollation + ": the imported tables keep the collations the"
                    + " dump gives them, but tables and columns created later without one get " + targetCollation
                    + ", and comparing those with imported ones fails with 'Illegal mix of collations'. Recreate the"
                    + " target like the source (DatabaseRecreator) or ALTER DATABASE " + StatementHead.quote(target)
                    + " COLLATE " + dumpCollation + ".";
        }
    }

    /**
     * The dump creates a table or view, routine, trigger or event without {@code OR REPLACE} or
     * {@code IF NOT EXISTS} and without dropping it first, and the target database already holds one
     * of that name: the client stops there with the server's "already exists" error.
     *
     * @param objectType {@code TABLE} (tables and views share one namespace), {@code PROCEDURE},
     *     {@code FUNCTION}, {@code TRIGGER} or {@code EVENT}
     */
    record ObjectExists(long line, String objectType, String name, String target) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return true;
        }

        /** The error the server gives the client's CREATE: 1050, 1304, 1359 or 1537. */
        public int serverError() {
            return switch (objectType) {
                case "TABLE" -> 1050;
                case "TRIGGER" -> 1359;
                case "EVENT" -> 1537;
                default -> 1304;
            };
        }

        @Override
        public String message() {
            return "the dump creates " + kind() + " " + StatementHead.quote(name) + " without dropping it first, and the"
                    + " target " + StatementHead.quote(target) + " already holds one of that name: the mariadb client stops"
                    + " there with error " + serverError() + " (already exists). Import into an empty database, drop the"
                    + " target's " + kind() + " first, or use a dump that drops what it creates (mysqldump's defaults do).";
        }

        /** Several of these as one sentence: each object with its line, the first ten named. */
        public static String describe(List<ObjectExists> all) {
            String objects = all.stream().limit(10).map(e -> e.kind() + " " + StatementHead.quote(e.name()) + " (line "
                    + e.line() + ", error " + e.serverError() + ")").collect(java.util.stream.Collectors.joining(", "));
            return "lines " + all.get(0).line() + "-" + all.get(all.size() - 1).line() + ": the dump creates " + all.size()
                    + " objects the target " + StatementHead.quote(all.get(0).target()) + " already holds, without dropping"
                    + " them first: " + objects + (all.size() > 10 ? " and " + (all.size() - 10) + " more" : "")
                    + "; the mariadb client stops at the first. Import into an empty database, drop them first, or use a"
                    + " dump that drops what it creates (mysqldump's defaults do).";
        }

        private String kind() {
            return objectType.equals("TABLE") ? "table or view" : objectType.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A statement a managed instance (Cloud SQL, RDS) rejects for lack of SUPER. */
    record ManagedInstanceRejects(long line, String statement, String reason) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public String message() {
            return reason + ": \"" + statement + "\". A managed instance rejects it (needs SUPER); cutkit's importer skips"
                    + " it, other tools need it removed.";
        }
    }

    /** MariaDB's sandbox-mode first line, which the MySQL 8 client rejects. */
    record SandboxMarker(long line) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public String message() {
            return "MariaDB sandbox-mode marker /*M!999999\\- enable the sandbox mode */: the mysql 8 client stops with"
                    + " 'ERROR at line 1: Unknown command '\\-''. cutkit's importer ignores it; for the mysql client delete"
                    + " the first line.";
        }
    }

    /** {@code NO_AUTO_CREATE_USER} in a sql_mode, which MySQL 8 rejects. */
    record NoAutoCreateUser(long line, boolean targetRejects) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return false;
        }

        @Override
        public String message() {
            return "sql_mode contains NO_AUTO_CREATE_USER, which MySQL 8 rejects (error 1231)"
                    + (targetRejects ? "; the target is MySQL 8 or later: cutkit's importer removes it from the mode"
                            : "; the target accepts it");
        }
    }

    /** The input ends early: inside a statement, or without the dump tool's closing line. */
    record Truncated(long line, String reason) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public String message() {
            return "the dump is truncated: " + reason + ". Re-create or re-download it; nothing was imported.";
        }
    }

    /** The input is not a SQL dump (or stops being one here). */
    record NotSql(long line, String reason) implements DumpVerdict {
        @Override
        public boolean blocking() {
            return true;
        }

        @Override
        public String message() {
            return "not a SQL dump: " + reason + ". Check that the right file was given.";
        }
    }
}
