package io.cutkit.preflight;

import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every check of the dry-run: the finding class it reports, what it needs to run, its severity and what it
 * finds ({@code cutkit dry-run --list-checks}). Each class is one check named after it; a class that several
 * distinct checks report (e.g. {@code server-variable}) is followed by those checks under their own names.
 */
public final class DryRunChecks {

    /**
     * One check.
     *
     * @param findingClass the class of its findings
     * @param name the check's name: the class id, or the name of a distinct check reporting that class
     * @param needs the inputs it needs ({@code dump}, {@code source}, {@code target}, ...)
     * @param severity its severity (the class default, or the check's own)
     * @param description one line on what it finds
     */
    public record Check(FindingClass findingClass, String name, List<String> needs, Severity severity,
            String description) {
    }

    /** The distinct checks reported under an existing class, listed after it. */
    private static final List<Check> EXTRA = List.of(
            new Check(FindingClass.SERVER_VARIABLE, "saved-sql-mode", List.of("dump", "target"), Severity.P1,
                    "a routine, trigger or event saved with sql_mode NO_AUTO_CREATE_USER, which MySQL 8 refuses"
                            + " (cutkit's import removes it; P0 when its body sets the mode)"),
            new Check(FindingClass.SERVER_VARIABLE, "named-time-zones", List.of("dump", "target"), Severity.P1,
                    "the source's time_zone or stored code's CONVERT_TZ uses named zones and the target has no time"
                            + " zone tables"),
            new Check(FindingClass.SERVER_VARIABLE, "case-only-table-names", List.of("dump", "target"), Severity.P0,
                    "tables whose names differ only in case, for a target with lower_case_table_names 1 or 2"),
            new Check(FindingClass.REPLICATION_READINESS, "binlog-retention", List.of("source"), Severity.P0,
                    "binlog retention shorter than 3 times the copy time measured here (P0 online, P2 otherwise)"));

    private static final Map<FindingClass, List<String>> NEEDS = new LinkedHashMap<>();

    static {
        NEEDS.put(FindingClass.USE_MISMATCH, List.of("dump"));
        NEEDS.put(FindingClass.COLLATION, List.of("dump", "target"));
        NEEDS.put(FindingClass.COLLATION_UNAVAILABLE, List.of("dump", "target"));
        NEEDS.put(FindingClass.MIGRATION_COLLISION, List.of("dump", "migrations"));
        NEEDS.put(FindingClass.MIGRATION_CHECKSUM, List.of("dump", "migrations"));
        NEEDS.put(FindingClass.NARROWING, List.of("dump", "migrations"));
        NEEDS.put(FindingClass.WRONG_KEY, List.of("dump", "key"));
        NEEDS.put(FindingClass.PLACEHOLDER_SECRET, List.of("secrets"));
        NEEDS.put(FindingClass.MISSING_DEFINER, List.of("dump", "target"));
        NEEDS.put(FindingClass.DEFINER_PRIVILEGES, List.of("dump", "target"));
        NEEDS.put(FindingClass.CIPHERTEXT_IN_PLAINTEXT, List.of("dump"));
        NEEDS.put(FindingClass.LEGACY_PLAINTEXT, List.of("dump", "key"));
        NEEDS.put(FindingClass.DOUBLE_ENCRYPTION, List.of("dump", "key"));
        NEEDS.put(FindingClass.MANAGED_INSTANCE_STATEMENT, List.of("dump"));
        NEEDS.put(FindingClass.PACKET_TOO_LARGE, List.of("dump", "target"));
        NEEDS.put(FindingClass.NUMBER_OVERRIDE, List.of("numbers"));
        NEEDS.put(FindingClass.SECRET_MISMATCH, List.of("secrets"));
        NEEDS.put(FindingClass.OVER_BUDGET, List.of("dump"));
        NEEDS.put(FindingClass.ENGINE, List.of("dump"));
        NEEDS.put(FindingClass.MISSING_PRIMARY_KEY, List.of("dump"));
        NEEDS.put(FindingClass.TARGET_NOT_EMPTY, List.of("target"));
        NEEDS.put(FindingClass.ROW_SIZE, List.of("dump"));
        NEEDS.put(FindingClass.RESERVED_WORD, List.of("dump", "target"));
        NEEDS.put(FindingClass.CROSS_SCHEMA_REFERENCE, List.of("dump"));
        NEEDS.put(FindingClass.SERVER_VARIABLE, List.of("source", "target"));
        NEEDS.put(FindingClass.ACCOUNT, List.of("target"));
        NEEDS.put(FindingClass.REPLICATION_READINESS, List.of("source"));
        NEEDS.put(FindingClass.OTHER, List.of("dump"));
    }

    private DryRunChecks() {
    }

    /** Every check: one per finding class in the class list's order, each followed by its class's distinct checks. */
    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        for (FindingClass c : FindingClass.values()) {
            checks.add(new Check(c, c.id(), NEEDS.getOrDefault(c, List.of("dump")), c.defaultSeverity(), c.description()));
            EXTRA.stream().filter(e -> e.findingClass() == c).forEach(checks::add);
        }
        return checks;
    }
}
