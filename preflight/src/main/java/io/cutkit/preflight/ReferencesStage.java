package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.mysql.dump.DatabaseReference;
import io.cutkit.mysql.preflight.StoredCodeFindings;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the imported copy's views, triggers, routines and events for databases they name that will
 * not be beside it on the target ({@link StoredCodeFindings}, {@code cross-schema-reference} findings):
 * known are the dump's databases and, with {@code --target}, the target's.
 */
final class ReferencesStage implements Stage {

    @Override
    public String name() {
        return "references";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.imported().isEmpty() ? Optional.of("needs an imported copy") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        Set<String> dumpDatabases = new TreeSet<>();
        state.inspection.databases().stream().map(DatabaseReference::database).forEach(dumpDatabases::add);
        Set<String> known = new TreeSet<>(dumpDatabases);
        if (state.targetPool != null) {
            try (Connection c = state.targetPool.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SHOW DATABASES")) {
                while (rs.next()) {
                    known.add(rs.getString(1));
                }
            }
        }
        List<Finding> found;
        try (Connection c = state.local.connect(null)) {
            found = StoredCodeFindings.of(c, state.localDatabase, state.database, null, null, known, dumpDatabases)
                    .stream().filter(f -> f.findingClass() == FindingClass.CROSS_SCHEMA_REFERENCE).toList();
        }
        state.addAll(found);
        return found.size() + " reference(s) to databases that will not be there"
                + (state.targetPool == null ? " (the target's databases unknown without --target)" : "");
    }
}
