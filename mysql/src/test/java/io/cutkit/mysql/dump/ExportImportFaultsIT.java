package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.cutkit.core.data.Snapshot;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.mysql.testing.ChildJvm;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and import interrupted the hard way (the JVM killed, a reader's connection killed, the
 * target server stopped): each ends with nothing reported as done that is not, a destination or
 * target left as it was, and a next run that completes with every row.
 */
@Timeout(120)
class ExportImportFaultsIT {

    private static final int ROWS = 200_000;
    private static DatabaseServer server;
    private static ServerAddress address;
    private static String source;
    private static Path dump;

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sourceWithTwoHundredThousandRows() throws Exception {
        server = DatabaseServers.shared();
        address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
        source = server.createDatabase("fault_source");
        try (Connection c = server.connect(source); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (id INT PRIMARY KEY, note VARCHAR(100) NOT NULL)");
            s.execute("INSERT INTO big SELECT seq, CONCAT('lead ', seq, ' ', REPEAT('x', 60)) FROM seq_1_to_" + ROWS);
            s.execute("CREATE TABLE tail (id INT PRIMARY KEY)");
            s.execute("INSERT INTO tail VALUES (1), (2), (3)");
        }
        dump = shared.resolve("source.sql.gz");
        exporter().export(List.of(source), dump.toUri());
    }

    private static JdbcSnapshotExporter exporter() {
        return JdbcSnapshotExporter.builder(address).workers(2).build();
    }

    private static JdbcSnapshotImporter importer(ServerAddress into) {
        return JdbcSnapshotImporter.builder(into).workers(2).commitBytes(256 << 10).definers(DefinerPolicy.strip()).build();
    }

    private static Map<String, String> childEnvironment(DatabaseServer of) {
        return Map.of("CUTKIT_CHILD_URL", of.jdbcUrl(""), "CUTKIT_CHILD_USER", of.user(),
                "CUTKIT_CHILD_PASSWORD", of.password());
    }

    @Test
    void aJvmKilledMidExportLeavesNoFileAndTheNextExportToTheSamePathHasEveryRow() throws Exception {
        Path destination = tmp.resolve("killed.sql.gz");
        try (ChildJvm child = ChildJvm.start(ExportImportChild.class, childEnvironment(server),
                "export", source, destination.toString())) {
            child.awaitLine("exported ", Duration.ofSeconds(60));
            child.kill();
        }
        assertThat(destination).doesNotExist();
        awaitNoSessionReading("big");

        Snapshot snapshot = exporter().export(List.of(source), destination.toUri());

        assertThat(snapshot.location()).isEqualTo(destination.toUri());
        assertThat(tmp.resolve(".killed.sql.gz.cutkit-parts")).doesNotExist();
        String target = server.createDatabase("after_killed_export");
        importer(address).importPath(destination, target);
        assertThat(rowCount(server, target, "big")).isEqualTo(ROWS);
        assertThat(rowCount(server, target, "tail")).isEqualTo(3);
    }

    @Test
    void aJvmKilledTheMomentTheExportFileAppearsLeavesItWholeOrAbsent() throws Exception {
        Path destination = tmp.resolve("assembled.sql");
        try (ChildJvm child = ChildJvm.start(ExportImportChild.class, childEnvironment(server),
                "export-through", source, destination.toString())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!Files.exists(destination) && child.isAlive() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            child.kill();
        }
        awaitNoSessionReading("big");

        assertThat(destination).exists();
        String text = Files.readString(destination, StandardCharsets.ISO_8859_1);
        assertThat(text.substring(Math.max(0, text.length() - 100))).contains("-- Dump completed");
    }

    @Test
    void aReaderConnectionKilledMidExportFailsItRemovesThePartialFileAndARetryHasEveryRow() throws Exception {
        Path destination = tmp.resolve("cut.sql");
        // the first progress report comes from a reading thread part-way through the rows: the readers are
        // killed from there, so the export cannot end first; one that ended within the first report's 250 ms
        // (a fast machine) runs again
        for (int attempt = 1; ; attempt++) {
            List<String> killedIds = new ArrayList<>();
            JdbcSnapshotExporter killing = JdbcSnapshotExporter.builder(address).workers(2).progress(p -> {
                if (killedIds.isEmpty() && p.rows() > 0 && p.rows() < ROWS) {
                    killedIds.addAll(killReadersOf("big", new AtomicBoolean(true)));
                }
            }).build();
            Throwable failure = catchThrowable(() -> killing.export(List.of(source), destination.toUri()));
            if (failure == null) {
                assertThat(attempt).as("the export finished before a reader could be killed, " + attempt + " times")
                        .isLessThan(10);
                Files.deleteIfExists(destination);
                continue;
            }
            assertThat(failure).isInstanceOf(SnapshotException.class)
                    .hasMessageContaining("the partial destination was removed");
            assertThat(killedIds).isNotEmpty();
            break;
        }
        assertThat(destination).doesNotExist();
        assertThat(tmp.resolve(".cut.sql.cutkit-parts")).doesNotExist();

        exporter().export(List.of(source), destination.toUri());
        String target = server.createDatabase("after_cut_export");
        importer(address).importPath(destination, target);
        assertThat(rowCount(server, target, "big")).isEqualTo(ROWS);
    }

    @Test
    void aJvmKilledMidImportLeavesTheTargetEmptyAndTheNextImportRemovesItsStagingAndLoadsEveryRow() throws Exception {
        String target = server.createDatabase("killed_import");
        String staging = target + StagingArea.STAGING_MARKER;
        try (ChildJvm child = ChildJvm.start(ExportImportChild.class, childEnvironment(server),
                "import", dump.toString(), target)) {
            awaitCommittedRows(server, staging);
            child.kill();
        }
        assertThat(databases(server)).contains(target, staging);
        assertThat(tables(server, target)).isEmpty();

        try (CapturedLog log = new CapturedLog()) {
            importer(address).importPath(dump, target);
            assertThat(log.text()).contains("removing `" + staging + "`");
        }

        assertThat(rowCount(server, target, "big")).isEqualTo(ROWS);
        assertThat(rowCount(server, target, "tail")).isEqualTo(3);
        assertThat(databases(server)).doesNotContain(staging);
    }

    @Test
    void theTargetServerStoppedMidImportKeepsTheTargetUnchangedAndAfterARestartTheNextImportLoadsEveryRow()
            throws Exception {
        try (EmbeddedMariaDb targetServer = EmbeddedMariaDb.builder().start()) {
            ServerAddress targetAddress = ServerAddress.of(targetServer.jdbcUrl(""), targetServer.user(),
                    targetServer.password());
            String target = targetServer.createDatabase("crm");
            try (Connection c = targetServer.connect(target); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE own (id INT PRIMARY KEY)");
                s.execute("INSERT INTO own VALUES (1), (2)");
            }
            CompletableFuture<?> load = CompletableFuture.runAsync(() -> importer(targetAddress).importPath(dump, target));
            awaitCommittedRows(targetServer, target + StagingArea.STAGING_MARKER);
            targetServer.stop();

            assertThatThrownBy(() -> load.get(60, TimeUnit.SECONDS)).hasCauseInstanceOf(SnapshotException.class);
            targetServer.restart();
            assertThat(tables(targetServer, target)).containsExactly("own");
            assertThat(rowCount(targetServer, target, "own")).isEqualTo(2);

            importer(targetAddress).importPath(dump, target);

            assertThat(tables(targetServer, target)).containsExactly("big", "own", "tail");
            assertThat(rowCount(targetServer, target, "big")).isEqualTo(ROWS);
            assertThat(databases(targetServer)).noneMatch(d -> d.contains(StagingArea.STAGING_MARKER));
        }
    }

    /**
     * Kills the sessions reading {@code table} as soon as one shows, unless {@code exportEnded} comes
     * first; returns the ids it killed (a session that ended before its KILL is not one of them).
     */
    private static List<String> killReadersOf(String table, AtomicBoolean exportEnded) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            List<String> readers = sessionsReading(table);
            while (readers.isEmpty() && !exportEnded.get() && System.nanoTime() < deadline) {
                readers = sessionsReading(table);
            }
            List<String> killed = new ArrayList<>();
            for (String id : readers) {
                try {
                    s.execute("KILL CONNECTION " + id);
                    killed.add(id);
                } catch (SQLException e) {
                    if (e.getErrorCode() != 1094) { // unknown thread id: its read ended first
                        throw e;
                    }
                }
            }
            return killed;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server ends the sessions of a killed process when it next writes to them; waits for that. */
    private static void awaitNoSessionReading(String table) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!sessionsReading(table).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sessions still reading " + table + " 30 s after their process died");
            }
            Thread.sleep(20);
        }
    }

    private static List<String> sessionsReading(String table) throws SQLException {
        return strings(server, "SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT%`" + table
                + "`%' AND ID <> CONNECTION_ID()");
    }

    /** Waits until the staging database's {@code big} table shows committed rows: the load is part-way. */
    private static void awaitCommittedRows(DatabaseServer on, String staging) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                long rows = rowCount(on, staging, "big");
                if (rows > 0) {
                    assertThat(rows).as("the load was still part-way").isLessThan(ROWS);
                    return;
                }
            } catch (SQLException notYetCreated) {
                // the staging database or table does not exist yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no rows reached " + staging + " within 60 s");
    }

    private static long rowCount(DatabaseServer on, String database, String table) throws SQLException {
        try (Connection c = on.connect(""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM `" + database + "`.`" + table + "`")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<String> databases(DatabaseServer on) throws SQLException {
        return strings(on, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA ORDER BY 1");
    }

    private static List<String> tables(DatabaseServer on, String database) throws SQLException {
        return strings(on, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + database
                + "' ORDER BY 1");
    }

    private static List<String> strings(DatabaseServer on, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = on.connect(""); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
