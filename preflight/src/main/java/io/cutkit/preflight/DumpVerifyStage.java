package io.cutkit.preflight;

import io.cutkit.mysql.dump.TargetServer;
import io.cutkit.mysql.testing.ClientImport;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.VerificationReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Without a live source, verifies cutkit's import against the dump itself: the same dump is loaded by
 * the real {@code mariadb} client ({@link ClientImport}) into a scratch database on the local server,
 * created like the imported one, and the two are compared table by table ({@link DatabaseVerifier});
 * a difference is P0 (cutkit's import changes or loses rows the plain client keeps). The scratch
 * database is dropped afterwards.
 */
final class DumpVerifyStage implements Stage {

    @Override
    public String name() {
        return "verify-dump";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        if (state.plan.source().isPresent()) {
            return Optional.of("the copy is verified against the live source (verify)");
        }
        if (state.imported().isEmpty()) {
            return Optional.of("needs an imported copy");
        }
        return ClientImport.available(state.local) ? Optional.empty()
                : Optional.of("the local server ships no mariadb client to load the reference copy with");
    }

    @Override
    public String run(DryRunState state) throws SQLException {
        state.progress.accept("loading " + state.dumpName + " with the mariadb client to verify the import against it");
        String reference = state.localDatabase + "_client";
        String collation = TargetServer.of(state.local.dataSource(null)).databaseCollation(state.localDatabase).orElseThrow();
        try (Connection c = state.local.connect(null); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + ImportStage.quote(reference) + " COLLATE " + collation);
        }
        try {
            ClientImport.load(state.local, state.dump, reference);
            VerificationReport report = DatabaseVerifier.builder().parallelism(2).build()
                    .compare(state.local.dataSource(reference), reference, state.local.dataSource(state.localDatabase),
                            state.localDatabase);
            return CopyDifferences.report(state, report, state.database, "the mariadb client's load of the dump");
        } finally {
            state.local.dropDatabase(reference);
        }
    }
}
