package io.cutkit.mysql.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.data.Snapshot;
import io.cutkit.core.replication.ReplicationLag;
import io.cutkit.core.secret.Secret;
import io.cutkit.mysql.dump.JdbcSnapshotExporter;
import io.cutkit.mysql.dump.JdbcSnapshotImporter;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.testing.AcknowledgedWrites;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Two embedded MariaDB servers with binary logs (server ids 1 and 2), the same replication and
 * application accounts on both, and a {@value #DATABASE} database on the source with
 * {@value #ACCOUNTS} accounts and a {@code writes} table that has no unique key on {@code seq}.
 * Public for the other modules' replication tests.
 */
public final class ReplicatedPair implements AutoCloseable {

    public static final String DATABASE = "crm";
    public static final int ACCOUNTS = 2_000;
    public static final String REPLICATION_USER = "repl";
    public static final String APPLICATION_USER = "crm_app";

    public final EmbeddedMariaDb source;
    public final EmbeddedMariaDb target;
    public final String replicationPassword = "repl-" + UUID.randomUUID();
    public final String applicationPassword = "app-" + UUID.randomUUID();

    private ReplicatedPair(EmbeddedMariaDb source, EmbeddedMariaDb target) {
        this.source = source;
        this.target = target;
    }

    public static ReplicatedPair start() throws SQLException {
        EmbeddedMariaDb source = EmbeddedMariaDb.builder().binaryLog(1).start();
        EmbeddedMariaDb target;
        try {
            target = EmbeddedMariaDb.builder().binaryLog(2).start();
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        ReplicatedPair pair = new ReplicatedPair(source, target);
        for (EmbeddedMariaDb server : List.of(source, target)) {
            pair.accounts(server);
        }
        pair.seed();
        return pair;
    }

    private void accounts(EmbeddedMariaDb server) throws SQLException {
        try (Connection c = server.connect(null); Statement s = c.createStatement()) {
            s.execute("CREATE USER '" + REPLICATION_USER + "'@'%' IDENTIFIED BY '" + replicationPassword + "'");
            s.execute("GRANT REPLICATION SLAVE ON *.* TO '" + REPLICATION_USER + "'@'%'");
            s.execute("CREATE USER '" + APPLICATION_USER + "'@'%' IDENTIFIED BY '" + applicationPassword + "'");
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON `" + DATABASE + "`.* TO '" + APPLICATION_USER + "'@'%'");
        }
    }

    private void seed() throws SQLException {
        try (Connection c = source.connect(null); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + DATABASE);
            s.execute("CREATE TABLE " + DATABASE + ".accounts (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL,"
                    + " balance DECIMAL(12,2) NOT NULL)");
            s.execute("CREATE TABLE " + DATABASE + ".writes (id BIGINT AUTO_INCREMENT PRIMARY KEY, seq BIGINT NOT NULL,"
                    + " written_at TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), KEY (seq))");
            StringBuilder rows = new StringBuilder("INSERT INTO " + DATABASE + ".accounts VALUES ");
            for (int i = 1; i <= ACCOUNTS; i++) {
                rows.append(i == 1 ? "" : ",").append("(").append(i).append(", 'account ").append(i).append("', ")
                        .append(i * 3).append(".25)");
            }
            s.execute(rows.toString());
        }
    }

    /** Exports the source's database into {@code dir}, running {@code duringExport} while the rows are read. */
    Snapshot exportAndImport(Path dir, Runnable duringExport, Runnable afterExport) {
        Snapshot snapshot = JdbcSnapshotExporter.builder(address(source)).workers(2)
                .progress(p -> duringExport.run()).build()
                .export(List.of(DATABASE), dir.toUri());
        afterExport.run();
        JdbcSnapshotImporter.builder(address(target)).build().importInto(snapshot, DATABASE);
        return snapshot;
    }

    NativeReplicationLink.Builder link() {
        return NativeReplicationLink.builder()
                .source(source.dataSource(null), new ReplicationEndpoint("127.0.0.1", source.port(), false))
                .target(target.dataSource(null), new ReplicationEndpoint("127.0.0.1", target.port(), false))
                .replicationAccount(REPLICATION_USER, secret(replicationPassword))
                .applicationAccount(APPLICATION_USER)
                .databases(List.of(DATABASE))
                .freezeBudget(Duration.ofSeconds(5))
                .drainGrace(Duration.ofMillis(500));
    }

    /** Exports, imports and starts replication from the snapshot's position. */
    NativeReplicationLink replicating(Path dir) {
        Snapshot snapshot = exportAndImport(dir, () -> { }, () -> { });
        NativeReplicationLink link = link().build();
        link.start(snapshot.position().orElseThrow());
        return link;
    }

    /**
     * The application inserting into {@code writes} {@code perSecond} times a second on {@code primary},
     * started.
     */
    public AcknowledgedWrites writes(EmbeddedMariaDb primary, int perSecond) {
        return AcknowledgedWrites.of(url(primary), APPLICATION_USER, secret(applicationPassword), perSecond,
                (connection, seq) -> {
                    try (PreparedStatement s = connection.prepareStatement("INSERT INTO writes (seq) VALUES (?)")) {
                        s.setLong(1, seq);
                        s.executeUpdate();
                    }
                }).start();
    }

    /** The JDBC URL of the {@value #DATABASE} database on {@code server}. */
    public static String url(DatabaseServer server) {
        return server.jdbcUrl(DATABASE);
    }

    /** How often each sequence id is stored in {@code writes} on {@code server}. */
    public static Map<Long, Integer> stored(DatabaseServer server) throws SQLException {
        return AcknowledgedWrites.copies(server.dataSource(DATABASE), "writes");
    }

    /**
     * Asserts that more than {@code moreThan} writes were acknowledged, that each is stored once on
     * {@code server}, and that every write stored there was acknowledged or is in doubt; returns what
     * is stored.
     */
    public static Map<Long, Integer> assertEveryAcknowledgedWriteOnce(AcknowledgedWrites writes, DatabaseServer server,
                                                                      int moreThan) throws SQLException {
        Map<Long, Integer> stored = stored(server);
        assertThat(writes.acknowledged()).hasSizeGreaterThan(moreThan)
                .allSatisfy(seq -> assertThat(stored).containsEntry(seq, 1));
        assertThat(stored.values()).allSatisfy(copies -> assertThat(copies).isEqualTo(1));
        assertThat(stored.keySet()).allSatisfy(seq -> assertThat(writes.acknowledged().contains(seq)
                || writes.inDoubt().contains(seq)).isTrue());
        return stored;
    }

    public static Secret secret(String value) {
        return Secret.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    static void awaitCaughtUp(NativeReplicationLink link) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        ReplicationLag lag = link.lag();
        while (lag.transactions() > 0 || lag.error().isPresent()) {
            if (System.nanoTime() > deadline || lag.error().isPresent()) {
                throw new AssertionError("replica did not catch up: " + lag.describe());
            }
            Thread.sleep(50);
            lag = link.lag();
        }
    }

    public static void execute(EmbeddedMariaDb server, String sql) {
        try (Connection c = server.connect(null); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    public static String text(EmbeddedMariaDb server, String sql) {
        try (Connection c = server.connect(null); PreparedStatement s = c.prepareStatement(sql);
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    private static ServerAddress address(EmbeddedMariaDb server) {
        return ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
    }

    @Override
    public void close() {
        try {
            target.close();
        } finally {
            source.close();
        }
    }
}
