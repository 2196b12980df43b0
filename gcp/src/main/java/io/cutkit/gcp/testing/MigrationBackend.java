package io.cutkit.gcp.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.data.Snapshot;
import io.cutkit.core.secret.Secret;
import io.cutkit.mysql.dump.JdbcSnapshotExporter;
import io.cutkit.mysql.dump.JdbcSnapshotImporter;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.replication.NativeReplicationLink;
import io.cutkit.mysql.replication.ReplicationEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@link DmsStandIn} does to real servers: the FULL_DUMP phase (a consistent export of the
 * source's one user database, imported into the destination), the CDC phase (the destination
 * replicates from the dump's position through cutkit's native replication, read-only) and the
 * promotion (replication stopped and forgotten, the destination writable). MariaDB statements.
 */
public final class MigrationBackend {

    private static final List<String> SYSTEM_DATABASES = List.of("information_schema", "mysql", "performance_schema",
            "sys", "test");

    private MigrationBackend() {
    }

    /**
     * A server a connection profile can name.
     *
     * @param admin an administrator's address, for the stand-in's own statements
     * @param endpoint how the other server reaches this one for replication
     * @param user the account a source profile names (DMS reads the binary log with it); empty until then
     * @param password its password; never printed
     */
    public record Server(ServerAddress admin, ReplicationEndpoint endpoint, String user, String password) {

        /** A server reached by {@code admin}, at {@code endpoint} for its peer. */
        public static Server of(ServerAddress admin, ReplicationEndpoint endpoint) {
            return new Server(admin, endpoint, "", "");
        }

        Server withAccount(String account, String accountPassword) {
            return new Server(admin, endpoint, account, accountPassword);
        }

        @Override
        public String toString() {
            return "Server[" + endpoint + (user.isEmpty() ? "" : ", account " + user) + "]";
        }
    }

    /** A job's destination replicating from its source, until promoted or closed. */
    static final class Running implements AutoCloseable {
        private final NativeReplicationLink link;
        private final List<HikariDataSource> pools;
        private final Path dumpDir;

        private Running(NativeReplicationLink link, List<HikariDataSource> pools, Path dumpDir) {
            this.link = link;
            this.pools = pools;
            this.dumpDir = dumpDir;
        }

        /** The destination's replication error with the server's code; empty while it applies. */
        Optional<String> error() {
            return link.lag().error();
        }

        /** Stops replication and opens the destination; returns the failure, or null. */
        String promote() {
            Optional<String> error = error();
            if (error.isPresent()) {
                return "Replication into the destination failed: " + error.get();
            }
            try (Connection c = pools.get(1).getConnection(); Statement s = c.createStatement()) {
                s.execute("STOP SLAVE");
                s.execute("RESET SLAVE ALL");
                s.execute("SET GLOBAL read_only = 0");
                return null;
            } catch (SQLException e) {
                return "Promoting the destination failed: error " + e.getErrorCode() + ": " + e.getMessage();
            } finally {
                close();
            }
        }

        @Override
        public void close() {
            pools.forEach(HikariDataSource::close);
            deleteQuietly(dumpDir);
        }
    }

    static Running dumpAndReplicate(Server source, Server destination) {
        Path dir;
        try {
            dir = Files.createTempDirectory("dms-stand-in-dump");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the dump directory: " + e.getMessage(), e);
        }
        List<HikariDataSource> pools = new ArrayList<>();
        try {
            String database = userDatabase(source.admin());
            Snapshot snapshot = JdbcSnapshotExporter.builder(source.admin()).workers(2).build()
                    .export(List.of(database), dir.resolve("dump").toUri());
            JdbcSnapshotImporter.builder(destination.admin()).build().importInto(snapshot, database);
            pools.add(source.admin().dataSource(null, 4));
            pools.add(destination.admin().dataSource(null, 4));
            NativeReplicationLink link = NativeReplicationLink.builder()
                    .source(pools.get(0), source.endpoint())
                    .target(pools.get(1), destination.endpoint())
                    .replicationAccount(source.user(), Secret.copyOf(source.password().getBytes(StandardCharsets.UTF_8)))
                    .applicationAccount(source.user())
                    .databases(List.of(database))
                    .build();
            link.start(snapshot.position().orElseThrow(() -> new IllegalStateException(
                    "The source writes no binary log: DMS needs log_bin=ON and binlog_format=ROW")));
            return new Running(link, pools, dir);
        } catch (RuntimeException e) {
            pools.forEach(HikariDataSource::close);
            deleteQuietly(dir);
            throw new IllegalStateException("The full dump failed: " + e.getMessage(), e);
        }
    }

    private static String userDatabase(ServerAddress source) {
        List<String> found = new ArrayList<>();
        try (HikariDataSource pool = source.dataSource(null, 1); Connection c = pool.getConnection();
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")) {
            while (rs.next()) {
                if (!SYSTEM_DATABASES.contains(rs.getString(1).toLowerCase())) {
                    found.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the source's databases: " + e.getMessage(), e);
        }
        if (found.size() != 1) {
            throw new IllegalStateException("The stand-in migrates a source with exactly one user database, found "
                    + found);
        }
        return found.get(0);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary dump left behind costs disk space only
        }
    }
}
