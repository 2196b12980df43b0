package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Compares the source database's collation (as the dump creates it) with the one the target database
 * will have: a collation the plan states that differs is P0 (the field report's blocker 4: sorting,
 * comparisons and unique keys change); a target whose default differs is P1 (create the database
 * with the source's collation explicitly, as cutkit's importer and recreator do).
 */
final class CollationStage implements Stage {

    @Override
    public String name() {
        return "collation";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.imported().isEmpty()) {
            return Optional.of("needs an imported copy");
        }
        if (state.plan.targetCollation().isEmpty() && state.targetPool == null && state.plan.targetFlavor().isEmpty()) {
            return Optional.of("needs --target, --target-collation or --target-flavor");
        }
        return Optional.empty();
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        String source = query(state.local.connect(null), "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                + " WHERE SCHEMA_NAME = '" + state.localDatabase.replace("'", "''") + "'");
        Optional<String> planned = state.plan.targetCollation();
        if (planned.isPresent()) {
            if (!planned.get().equalsIgnoreCase(source)) {
                state.add(Finding.of(FindingClass.COLLATION,
                                "the target database `" + state.database + "` is planned with collation " + planned.get()
                                        + " but the source's is " + source + ": sorting, comparisons and unique keys change",
                                "create the target database with COLLATE " + source
                                        + " (cutkit's DatabaseRecreator recreates it like the source)")
                        .object(state.database).evidence("source_collation", source)
                        .evidence("planned_collation", planned.get()).build());
            }
            return "source " + source + ", planned " + planned.get();
        }
        String targetDefault = state.targetPool != null ? query(state.targetPool.getConnection(), "SELECT @@collation_server")
                : state.plan.targetFlavor().orElseThrow().defaultCollation();
        if (!targetDefault.equalsIgnoreCase(source)) {
            state.add(Finding.of(FindingClass.COLLATION,
                            "the target's default collation is " + targetDefault + ", the source database's " + source
                                    + ": a database created there without COLLATE gets the wrong one",
                            "create `" + state.database + "` with COLLATE " + source + " before the import (cutkit's importer"
                                    + " and DatabaseRecreator do), never with the server default")
                    .severity(Severity.P1).object(state.database).evidence("source_collation", source)
                    .evidence("target_default", targetDefault).build());
        }
        return "source " + source + ", target default " + targetDefault;
    }

    private static String query(Connection connection, String sql) throws SQLException {
        try (Connection c = connection; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : "";
        }
    }
}
