package io.cutkit.preflight;

import io.cutkit.core.preflight.FindingClass;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every check of the dry-run: the finding class it reports and what it needs to run ({@code cutkit dry-run --list-checks}). */
public final class DryRunChecks {

    /** One check: its class (id, default severity, description) and the inputs it needs. */
    public record Check(FindingClass findingClass, List<String> needs) {
    }

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

    /** Every check, one per finding class, in the class list's order. */
    public static List<Check> all() {
        List<Check> checks = new ArrayList<>();
        for (FindingClass c : FindingClass.values()) {
            checks.add(new Check(c, NEEDS.getOrDefault(c, List.of("dump"))));
        }
        return checks;
    }
}
