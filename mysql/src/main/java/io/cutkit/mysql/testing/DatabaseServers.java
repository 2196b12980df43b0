package io.cutkit.mysql.testing;

import java.net.URI;
import java.util.Locale;

/**
 * The one database server each test JVM shares, chosen once and started lazily:
 * <ol>
 *   <li>an existing server when the environment variable {@value #URL_VARIABLE} holds its JDBC URL
 *       ({@code jdbc:mysql://host:port/}); {@value #USER_VARIABLE} (default {@code root}) and
 *       {@value #PASSWORD_VARIABLE} (default empty) give the account, which must be allowed to
 *       create and drop databases;</li>
 *   <li>else Testcontainers' MySQL 8.4 when Testcontainers is on the class path and Docker
 *       answers;</li>
 *   <li>else an embedded MariaDB 11.4 ({@link EmbeddedMariaDb}) with {@code utf8mb4} and
 *       {@code utf8mb4_unicode_ci}, with grant tables, as a real target has them (without them the
 *       server refuses event statements, so dumps with events could not be loaded).</li>
 * </ol>
 * The shared server is stopped by a JVM shutdown hook; callers must not close it.
 */
public final class DatabaseServers {

    /** JDBC URL of an existing server to test against instead of starting one. */
    public static final String URL_VARIABLE = "CUTKIT_TEST_JDBC_URL";
    /** Account for {@link #URL_VARIABLE}; default {@code root}. */
    public static final String USER_VARIABLE = "CUTKIT_TEST_JDBC_USER";
    /** Password for {@link #USER_VARIABLE}; default empty. */
    public static final String PASSWORD_VARIABLE = "CUTKIT_TEST_JDBC_PASSWORD";

    private static DatabaseServer shared;

    private DatabaseServers() {
    }

    /**
     * The JVM's shared server, started on first use (a few seconds for an embedded server, longer
     * for a container).
     *
     * @throws DatabaseFixtureException when no server can be started or reached
     */
    public static synchronized DatabaseServer shared() {
        if (shared == null) {
            DatabaseServer server = choose();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "cutkit-shared-database-stop"));
            shared = server;
        }
        return shared;
    }

    private static DatabaseServer choose() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            String user = System.getenv(USER_VARIABLE);
            String password = System.getenv(PASSWORD_VARIABLE);
            return existing(url.trim(), user == null || user.isBlank() ? "root" : user,
                    password == null ? "" : password);
        }
        if (ContainerMySql.dockerAvailable()) {
            return ContainerMySql.start();
        }
        return EmbeddedMariaDb.builder().start();
    }

    static DatabaseServer existing(String url, String user, String password) {
        String prefix = "jdbc:mysql://";
        if (!url.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            throw new DatabaseFixtureException(URL_VARIABLE + " must look like jdbc:mysql://host:3306/, got a"
                    + " value starting with '" + url.substring(0, Math.min(url.length(), 12)) + "'");
        }
        URI uri = URI.create("mysql://" + url.substring(prefix.length()));
        if (uri.getHost() == null) {
            throw new DatabaseFixtureException(URL_VARIABLE + " has no host; use jdbc:mysql://host:3306/");
        }
        return new ExistingServer(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(), user, password);
    }

    /** A server this JVM did not start; closing it does nothing. */
    private static final class ExistingServer extends JdbcDatabaseServer {

        ExistingServer(String host, int port, String user, String password) {
            super(host, port, user, password);
        }

        @Override
        public void close() {
            // not ours to stop
        }

        @Override
        String describe() {
            return "existing server " + host() + ":" + port() + " (from " + URL_VARIABLE + ")";
        }
    }
}
