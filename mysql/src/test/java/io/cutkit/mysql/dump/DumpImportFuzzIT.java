package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.script.FuzzSeed;
import io.cutkit.mysql.testing.ClientImport;
import io.cutkit.mysql.testing.DatabaseFixtureException;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Imports damaged dumps ({@link FuzzInputs}) with {@link JdbcSnapshotImporter} and with the real
 * {@code mariadb} client ({@link ClientImport}) from the same bytes: cutkit either loads exactly what the
 * client loads (schema, objects, every table's content) or refuses with a format, inspection or
 * statement error, and then the target is as before: absent when it was absent (the refdata slice
 * creates its database), unchanged when it existed (generated scripts), no staging database left.
 */
@AddLifecycleHook(FuzzSeed.class)
class DumpImportFuzzIT {

    private static final Set<String> SYSTEM = Set.of("information_schema", "mysql", "performance_schema", "sys", "test");
    private static final AtomicInteger CASES = new AtomicInteger();
    private static DatabaseServer server;
    private static JdbcSnapshotImporter importer;
    private static Path dir;

    @BeforeContainer
    static void start() throws Exception {
        server = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation(Refdata.text("database", "collation"))
                .grantTables(true).start();
        importer = JdbcSnapshotImporter.builder(ServerAddress.of(server.jdbcUrl(""), server.user(), server.password()))
                .workers(2).allowMissingDefiners(true).allowUnderprivilegedDefiners(true).build();
        dir = Files.createTempDirectory("dump-import-fuzz");
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
        Files.delete(dir);
    }

    @Property(tries = 30, edgeCases = EdgeCasesMode.NONE)
    void loadsWhatTheClientLoadsOrRefusesAndLeavesTheTargetAsItWas(@ForAll("damaged") FuzzInputs.Case damaged)
            throws Exception {
        int n = CASES.incrementAndGet();
        Path file = dir.resolve("case-" + n + (damaged.gzip() ? ".sql.gz" : ".sql"));
        Files.write(file, damaged.bytes());
        String byClient = server.createDatabase("fuzz_client");
        boolean targetExists = !"refdata".equals(damaged.source());
        String target = targetExists ? server.createDatabase("fuzz_target") : "fuzz_absent_" + n;
        try (Connection c = server.connect("")) {
            Map<String, String> before = targetExists ? DatabaseFingerprint.of(c, target) : Map.of();
            String clientFailure = null;
            try {
                ClientImport.load(server, file, byClient);
            } catch (DatabaseFixtureException e) {
                clientFailure = e.getMessage();
            }
            String outcome;
            try {
                importer.importPath(file, target);
                assertThat(clientFailure).as("the client fails where cutkit loads: %s", damaged).isNull();
                assertThat(DatabaseFingerprint.of(c, target)).as("what cutkit loaded from %s", damaged)
                        .isEqualTo(DatabaseFingerprint.of(c, byClient));
                outcome = "loaded identical";
            } catch (ImportRefusedException | DumpFormatException | StatementFailedException refused) {
                assertThat(refused.getMessage()).as("a clear error").isNotBlank();
                if (refused instanceof StatementFailedException failed) {
                    assertThat(failed.line()).isPositive();
                }
                if (targetExists) {
                    assertThat(DatabaseFingerprint.of(c, target)).as("target after %s", refused.getMessage()).isEqualTo(before);
                } else {
                    assertThat(databases(c)).as("after %s", refused.getMessage()).doesNotContain(target);
                }
                outcome = refused.getClass().getSimpleName() + (clientFailure == null ? ", client loads" : ", client fails");
            }
            assertThat(databases(c)).noneMatch(d -> d.contains(StagingArea.STAGING_MARKER));
            Statistics.label("damage").collect(damaged.damage());
            Statistics.label("outcome").collect(outcome);
            for (String d : databases(c)) {
                if (!SYSTEM.contains(d)) {
                    server.dropDatabase(d);
                }
            }
        }
        Files.delete(file);
    }

    @Provide
    Arbitrary<FuzzInputs.Case> damaged() {
        return FuzzInputs.cases();
    }

    private static List<String> databases(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW DATABASES")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
