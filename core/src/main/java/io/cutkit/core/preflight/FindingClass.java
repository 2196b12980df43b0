package io.cutkit.core.preflight;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of problem a pre-flight check can find, each with the identifier reports and waivers use
 * (e.g. {@code wrong-key}) and the severity it has unless a check says otherwise.
 */
public enum FindingClass {
    USE_MISMATCH("use-mismatch", Severity.P0,
            "the dump selects or creates another database than the target, so a plain import lands elsewhere"),
    COLLATION("collation", Severity.P0,
            "the target database would be created with another collation than the source's"),
    COLLATION_UNAVAILABLE("collation-unavailable", Severity.P0,
            "the dump needs a collation the target server or flavour does not have"),
    MIGRATION_COLLISION("migration-collision", Severity.P0,
            "a pending migration's number is already taken by another applied migration (forked histories)"),
    MIGRATION_CHECKSUM("migration-checksum", Severity.P1,
            "an applied migration's file changed, was renamed, or is unknown to the code being deployed"),
    NARROWING("narrowing", Severity.P0,
            "the new code's schema narrows a column below values the live data holds"),
    WRONG_KEY("wrong-key", Severity.P0,
            "the encryption key does not decrypt the data's envelopes"),
    PLACEHOLDER_SECRET("placeholder-secret", Severity.P0,
            "a secret holds a placeholder or template value instead of the real one"),
    MISSING_DEFINER("missing-definer", Severity.P0,
            "a view, trigger, routine or event runs as a DEFINER account the target lacks (error 1449)"),
    DEFINER_PRIVILEGES("definer-privileges", Severity.P0,
            "a DEFINER account exists on the target but lacks the privileges its objects need (error 1142)"),
    CIPHERTEXT_IN_PLAINTEXT("ciphertext-in-plaintext", Severity.P0,
            "a column that must hold plaintext holds encryption envelopes"),
    LEGACY_PLAINTEXT("legacy-plaintext", Severity.P1,
            "an encrypted column also holds values that were never encrypted"),
    DOUBLE_ENCRYPTION("double-encryption", Severity.P0,
            "an envelope decrypts to another envelope: the value was encrypted twice"),
    MANAGED_INSTANCE_STATEMENT("managed-instance-statement", Severity.P1,
            "the dump holds statements a managed instance refuses (GTID_PURGED, SUPER-only settings)"),
    PACKET_TOO_LARGE("packet-too-large", Severity.P0,
            "a statement is longer than the target's max_allowed_packet (error 1153 mid-load)"),
    NUMBER_OVERRIDE("number-override", Severity.P0,
            "a phone number's routing overrides its webhooks, so repointing would not move its traffic"),
    SECRET_MISMATCH("secret-mismatch", Severity.P0,
            "a destination secret's fingerprint differs from the source's"),
    OVER_BUDGET("over-budget", Severity.P1,
            "the estimated data move and migrations do not fit the window"),
    ENGINE("engine", Severity.P1,
            "a table uses another storage engine than InnoDB (no transactions, no consistent snapshot)"),
    MISSING_PRIMARY_KEY("missing-primary-key", Severity.P1,
            "a table has neither a primary key nor a NOT NULL unique key, so chunked export and verification fall back"),
    TARGET_NOT_EMPTY("target-not-empty", Severity.P0,
            "the target database already exists and holds tables or rows, or objects the dump creates without dropping"
                    + " them: the import would mix or be refused"),
    ROW_SIZE("row-size", Severity.P0,
            "a table's row can exceed InnoDB's limit for its row format (error 1118 on a strict target)"),
    RESERVED_WORD("reserved-word", Severity.P0,
            "stored code or a generated column uses, unquoted, a word the target flavour reserves (error 1064)"),
    CROSS_SCHEMA_REFERENCE("cross-schema-reference", Severity.P0,
            "a view, trigger, routine or event names a database that will not be there, or mysql / sys"),
    SERVER_VARIABLE("server-variable", Severity.P1,
            "a server setting that changes behaviour differs between the source and the target"),
    ACCOUNT("account", Severity.P0,
            "the application account cannot log in to the target or lacks what its migrations need"),
    REPLICATION_READINESS("replication-readiness", Severity.P2,
            "the source is not set up for binlog replication (log_bin, ROW format, FULL image, server_id, GTID, retention)"),
    OTHER("other", Severity.P1,
            "anything else a check found that would break or slow the cutover");

    private final String id;
    private final Severity defaultSeverity;
    private final String description;

    FindingClass(String id, Severity defaultSeverity, String description) {
        this.id = id;
        this.defaultSeverity = defaultSeverity;
        this.description = description;
    }

    /** The identifier in reports, waivers and on the command line, e.g. {@code wrong-key}. */
    public String id() {
        return id;
    }

    /** The severity findings of this class have unless the check that raises one says otherwise. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** One line on what this class of finding means. */
    public String description() {
        return description;
    }

    /** The class with identifier {@code id}, if there is one. */
    public static Optional<FindingClass> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }
}
