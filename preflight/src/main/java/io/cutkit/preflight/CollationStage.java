package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Compares the source database's collation with the one the target database will have: a collation
 * the plan states that differs is P0 (the field report's blocker 4: sorting, comparisons and unique keys
 * change); a target whose default differs is P1 (create the database with the source's collation
 * explicitly, as cutkit's importer and recreator do). The source's collation is the live source's, else
 * the one the dump's CREATE DATABASE names; a dump that names none (a script, a phpMyAdmin export) tells
 * only its tables' collations, so the most used one stands for it and a difference is P1: the existing
 * tables keep theirs, tables created later without COLLATE get the target's.
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
        boolean named = state.plan.source().isPresent() || state.inspection.databaseCollation() != null;
        String source;
        String basis;
        if (state.plan.source().isPresent()) {
            source = query(state.sourcePool().getConnection(), "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                    + " WHERE SCHEMA_NAME = ?", state.plan.sourceDatabase().orElseThrow());
            basis = "source";
        } else if (named) {
            source = query(state.local.connect(null), "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                    + " WHERE SCHEMA_NAME = ?", state.localDatabase);
            basis = "source";
        } else {
            source = query(state.local.connect(null), "SELECT TABLE_COLLATION FROM information_schema.TABLES"
                    + " WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE' AND TABLE_COLLATION IS NOT NULL"
                    + " GROUP BY TABLE_COLLATION ORDER BY COUNT(*) DESC, TABLE_COLLATION LIMIT 1", state.localDatabase);
            if (source.isEmpty()) {
                return "the dump names no database collation and creates no table: nothing to compare";
            }
            basis = "the dump names no database collation; its tables'";
        }
        Optional<String> planned = state.plan.targetCollation();
        if (planned.isPresent()) {
            if (!planned.get().equalsIgnoreCase(source)) {
                state.add(Finding.of(FindingClass.COLLATION, named
                                        ? "the target database `" + state.database + "` is planned with collation "
                                                + planned.get() + " but the source's is " + source
                                                + ": sorting, comparisons and unique keys change"
                                        : unnamed(state, planned.get(), source, "is planned with"),
                                "create the target database with COLLATE " + source
                                        + " (cutkit's DatabaseRecreator recreates it like the source)")
                        .severity(named ? Severity.P0 : Severity.P1).object(state.database)
                        .evidence(named ? "source_collation" : "tables_collation", source)
                        .evidence("planned_collation", planned.get()).build());
            }
            return basis + " " + source + ", planned " + planned.get();
        }
        String targetDefault = state.targetPool != null
                ? query(state.targetPool.getConnection(), "SELECT @@collation_server", null)
                : state.plan.targetFlavor().orElseThrow().defaultCollation();
        if (!targetDefault.equalsIgnoreCase(source)) {
            state.add(Finding.of(FindingClass.COLLATION, named
                                    ? "the target's default collation is " + targetDefault + ", the source database's "
                                            + source + ": a database created there without COLLATE gets the wrong one"
                                    : unnamed(state, targetDefault, source, "gets the default"),
                            "create `" + state.database + "` with COLLATE " + source + " before the import (cutkit's importer"
                                    + " and DatabaseRecreator do), never with the server default")
                    .severity(Severity.P1).object(state.database)
                    .evidence(named ? "source_collation" : "tables_collation", source)
                    .evidence("target_default", targetDefault).build());
        }
        return basis + " " + source + ", target default " + targetDefault;
    }

    private static String unnamed(DryRunState state, String target, String tables, String how) {
        return "the dump names no database collation and its tables use " + tables + "; the target database `"
                + state.database + "` " + how + " " + target + ": tables created later without COLLATE get " + target
                + " (their columns compare and sort unlike the existing tables', or fail with 'Illegal mix of collations'"
                + " where both meet)";
    }

    private static String query(Connection connection, String sql, String parameter) throws SQLException {
        try (Connection c = connection; PreparedStatement st = c.prepareStatement(sql)) {
            if (parameter != null) {
                st.setString(1, parameter);
            }
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        }
    }
}
