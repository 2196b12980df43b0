package io.cutkit.preflight;

import io.cutkit.mysql.dump.DatabaseReference;
import io.cutkit.mysql.dump.TargetServer;
import io.cutkit.mysql.testing.ClientImport;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.VerificationReport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * Without a live source, verifies cutkit's import against the dump itself: the same dump is loaded by
 * the real {@code mariadb} client ({@link ClientImport}) into a scratch database on the local server,
 * created like the imported one (or, when the dump creates or selects one database of its own, into
 * that database, the dump loaded as written), and the two are compared table by table ({@link DatabaseVerifier});
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
        Optional<String> own = ownDatabase(state);
        String reference = own.orElse(state.localDatabase + "_client");
        try {
            if (own.isPresent()) {
                ClientImport.loadAsWritten(state.local, state.dump);
            } else {
                String collation = TargetServer.of(state.local.dataSource(null)).databaseCollation(state.localDatabase).orElseThrow();
                try (Connection c = state.local.connect(null); Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + ImportStage.quote(reference) + " COLLATE " + collation);
                }
                ClientImport.load(state.local, state.dump, reference);
            }
            VerificationReport report = DatabaseVerifier.builder().parallelism(2).build()
                    .compare(state.local.dataSource(reference), reference, state.local.dataSource(state.localDatabase),
                            state.localDatabase);
            return CopyDifferences.report(state, report, state.database, "the mariadb client's load of the dump");
        } finally {
            state.local.dropDatabase(reference);
        }
    }

    /**
     * The one database the dump creates or selects itself, when the scratch server does not hold it:
     * the client then loads the dump as written, so names the dump qualifies with it (a view over
     * {@code shop.orders}) resolve as they would for the team; otherwise the load is pointed at a
     * scratch database.
     */
    private static Optional<String> ownDatabase(DryRunState state) throws SQLException {
        if (state.inspection == null) {
            return Optional.empty();
        }
        List<String> named = state.inspection.databases().stream().map(DatabaseReference::database).distinct().toList();
        if (named.size() != 1 || named.get(0).equals(state.localDatabase)
                || TargetServer.of(state.local.dataSource(null)).databaseExists(named.get(0))) {
            return Optional.empty();
        }
        return Optional.of(named.get(0));
    }
}
