package io.cutkit.crypto.preflight;

import io.cutkit.core.guard.ColumnScan;
import io.cutkit.core.guard.Occurrences;
import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.KeyRing;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns what the key and the columns show into pre-flight {@link Finding}s: a placeholder key (a stand-in word,
 * or all bytes the same) is a P0 {@code placeholder-secret}, text that is no AES-256 key a P0 {@code wrong-key};
 * from a full {@link ColumnScan} of an encrypted column, envelopes the key does not open are a P0
 * {@code wrong-key}, envelopes that decrypt to envelopes a P0 {@code double-encryption}, values never encrypted a
 * P1 {@code legacy-plaintext}; envelopes in a plaintext column are a P0 {@code ciphertext-in-plaintext}. Evidence
 * holds counts, primary keys and key fingerprints, never a key or a value.
 */
public final class EncryptionFindings {

    private EncryptionFindings() {
    }

    /**
     * Why the key text read from {@code keyName} cannot be the application's key, as a finding: a placeholder by
     * {@code policy}, not the base64 of 32 bytes, or a key whose bytes are all the same; empty when it may be real.
     */
    public static Optional<Finding> unusableKey(String keyName, Secret keyText, PlaceholderPolicy policy) {
        String placeholder = policy.reasonIfPlaceholder(keyText);
        if (placeholder == null) {
            try (EncryptionKey key = EncryptionKey.fromBase64(keyText)) {
                if (!key.isUniform()) {
                    return Optional.empty();
                }
                placeholder = "every byte of the key is the same (" + key.fingerprint() + ")";
            } catch (SecretException e) {
                return Optional.of(Finding.of(FindingClass.WRONG_KEY,
                                "the encryption key " + keyName + " is not an AES-256 key: " + e.getMessage(),
                                "set " + keyName + " to the source service's key (the base64 of 32 bytes), piped with"
                                        + " SecretPipe, and compare fingerprints")
                        .object(keyName).evidence("key", keyName).build());
            }
        }
        return Optional.of(Finding.of(FindingClass.PLACEHOLDER_SECRET,
                        "the encryption key " + keyName + " is a placeholder: " + placeholder,
                        "pipe the source service's key into " + keyName + " (SecretPipe) before anything starts on it;"
                                + " an application started on a placeholder key writes data no one can read later")
                .object(keyName).evidence("key", keyName).evidence("reason", placeholder).build());
    }

    /** The findings of a scan of a column that must hold envelopes, {@code object} naming it in reports. */
    public static List<Finding> ofEncryptedColumn(ColumnScan scan, String object, KeyRing ring) {
        List<Finding> findings = new ArrayList<>();
        String column = scan.column().toString();
        if (scan.wrongKey().count() > 0) {
            findings.add(counted(Finding.of(FindingClass.WRONG_KEY,
                            scan.wrongKey().count() + " of " + scan.envelopes().count() + " envelope(s) in " + column
                                    + " do not decrypt with " + String.join(", ", ring.fingerprints())
                                    + ": the data was encrypted with another key",
                            "pipe the source service's key into the new stack (SecretPipe), compare its fingerprint with"
                                    + " the source's, and run the dry-run again; do not start the application on this key"),
                    object, column, scan.wrongKey()).evidence("key_fingerprints", ring.fingerprints())
                    .evidence("decrypted", scan.decrypted()).build());
        }
        if (scan.doubleEncrypted().count() > 0) {
            findings.add(counted(Finding.of(FindingClass.DOUBLE_ENCRYPTION,
                            scan.doubleEncrypted().count() + " value(s) in " + column + " decrypt to another envelope:"
                                    + " something encrypted ciphertext again, and the application shows envelopes as text",
                            "decrypt those values once more and store the single-layer envelope before the window"),
                    object, column, scan.doubleEncrypted()).build());
        }
        if (scan.plaintext().count() > 0) {
            findings.add(counted(Finding.of(FindingClass.LEGACY_PLAINTEXT,
                            scan.plaintext().count() + " value(s) in " + column + " were never encrypted: a strict"
                                    + " decrypt fails on them and a hash or dedup migration treats them differently",
                            "encrypt them with the current key before the window, or add a runbook step that does, and"
                                    + " find the write path that skipped encryption"),
                    object, column, scan.plaintext()).build());
        }
        if (scan.malformed().count() > 0) {
            findings.add(counted(Finding.of(FindingClass.OTHER,
                            scan.malformed().count() + " value(s) in " + column + " look like envelopes but are malformed"
                                    + " (truncated or altered): they cannot be decrypted with any key",
                            "restore those values from a backup of the source, or clear them deliberately"),
                    object, column, scan.malformed()).build());
        }
        return findings;
    }

    /** The finding of a scan of a column that must hold plaintext, when it holds envelopes. */
    public static Optional<Finding> ofPlaintextColumn(ColumnScan scan, String object) {
        if (scan.envelopes().count() == 0) {
            return Optional.empty();
        }
        String column = scan.column().toString();
        return Optional.of(counted(Finding.of(FindingClass.CIPHERTEXT_IN_PLAINTEXT,
                        scan.envelopes().count() + " value(s) in " + column + ", which must hold plaintext, are encryption"
                                + " envelopes: a stack with the wrong key wrote what it could not decrypt, and a migration"
                                + " that hashes or copies this column would process ciphertext",
                        "find what wrote envelopes into " + column + " and restore the plaintext (decrypt with the source's"
                                + " key) before the window"),
                object, column, scan.envelopes()).evidence("double_encrypted", scan.doubleEncrypted().count()).build());
    }

    private static Finding.Builder counted(Finding.Builder finding, String object, String column, Occurrences found) {
        return finding.object(object).evidence("column", column).evidence("count", found.count())
                .evidence("first_ids", found.firstIds());
    }
}
