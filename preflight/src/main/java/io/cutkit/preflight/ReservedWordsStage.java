package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.mysql.preflight.ReservedWords;
import io.cutkit.mysql.preflight.StoredCodeFindings;
import io.cutkit.core.preflight.FindingClass;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the imported copy's stored code for words the target flavour reserves and the rehearsal server
 * (MariaDB 11.4) does not ({@link StoredCodeFindings}, {@code reserved-word} findings only).
 */
final class ReservedWordsStage implements Stage {

    @Override
    public String name() {
        return "reserved-words";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.imported().isEmpty()) {
            return Optional.of("needs an imported copy");
        }
        return state.targetFlavor().isEmpty() ? Optional.of("needs --target or --target-flavor") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        TargetFlavor flavor = state.targetFlavor().orElseThrow();
        List<Finding> found;
        try (Connection c = state.local.connect(null)) {
            found = StoredCodeFindings.of(c, state.localDatabase, state.database, ReservedWords.of(flavor.id()),
                    ReservedWords.of(TargetFlavor.MARIADB_11_4.id()), Set.of(), Set.of()).stream()
                    .filter(f -> f.findingClass() == FindingClass.RESERVED_WORD).toList();
        }
        state.addAll(found);
        return found.size() + " object(s) using words " + flavor.id() + " reserves";
    }
}
