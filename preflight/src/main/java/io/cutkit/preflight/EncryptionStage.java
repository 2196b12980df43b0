package io.cutkit.preflight;

import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.guard.ColumnScan;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretSource;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.KeyRing;
import io.cutkit.crypto.jdbc.JdbcCiphertextGuard;
import io.cutkit.crypto.preflight.EncryptionFindings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scans the imported copy's encrypted columns with the plan's key (wrong key, double encryption, legacy
 * plaintext) and its plaintext columns for envelopes ({@link JdbcCiphertextGuard#scan}, read only), after
 * checking that the key is no placeholder ({@link EncryptionFindings}). Without a key, plaintext columns are
 * still checked: envelopes are recognised by their shape.
 */
final class EncryptionStage implements Stage {

    @Override
    public String name() {
        return "encryption";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        boolean keyed = state.plan.key().isPresent() && !state.plan.encrypted().isEmpty();
        if (!keyed && state.plan.plaintext().isEmpty()) {
            return Optional.of("needs --key-file with --encrypted columns, or --plaintext columns");
        }
        return state.imported().isPresent() ? Optional.empty() : Optional.of("needs an imported copy");
    }

    @Override
    public String run(DryRunState state) {
        Optional<SecretSource> keySource = state.plan.key();
        if (keySource.isEmpty()) {
            try (KeyRing shapeOnly = KeyRing.of(EncryptionKey.generate())) {
                return scan(state, shapeOnly, List.of());
            }
        }
        String keyName = keySource.get().description();
        try (Secret text = keySource.get().read()) {
            var unusable = EncryptionFindings.unusableKey(keyName, text, state.plan.placeholderPolicy());
            if (unusable.isPresent()) {
                state.add(unusable.get());
                return "the key " + keyName + " is unusable; columns not scanned";
            }
            try (KeyRing ring = KeyRing.of(EncryptionKey.fromBase64(text))) {
                return scan(state, ring, state.plan.encrypted()) + ", key " + ring.current().fingerprint();
            }
        }
    }

    private static String scan(DryRunState state, KeyRing ring, List<ColumnRef> encrypted) {
        JdbcCiphertextGuard guard = JdbcCiphertextGuard.of(state.local.dataSource(state.localDatabase), ring);
        List<String> notes = new ArrayList<>();
        for (ColumnRef column : encrypted) {
            state.progress.accept("decrypting every value of " + column + " on the local copy");
            ColumnScan scan = guard.scan(column);
            state.addAll(EncryptionFindings.ofEncryptedColumn(scan, state.database + "." + column, ring));
            notes.add(column + " " + scan.decrypted() + "/" + scan.envelopes().count() + " decrypted");
        }
        for (ColumnRef column : state.plan.plaintext()) {
            ColumnScan scan = guard.scan(column);
            EncryptionFindings.ofPlaintextColumn(scan, state.database + "." + column).ifPresent(state::add);
            notes.add(column + " " + scan.envelopes().count() + " envelope(s)");
        }
        return String.join("; ", notes);
    }
}
