package io.cutkit.mysql.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A running MySQL or MariaDB server that tests talk to over JDBC: the embedded MariaDB of
 * {@link EmbeddedMariaDb}, a Testcontainers MySQL, or an existing server named by environment
 * variables (see {@link DatabaseServers#shared()}).
 *
 * <p>Connections are plain (no pool, SSL off, UTF-8 as {@code utf8mb4}). {@link #close()} stops a
 * server this JVM started and does nothing to one it merely points at. Methods that talk to the
 * server throw {@link DatabaseFixtureException} when it cannot be reached or refuses a statement.
 */
public interface DatabaseServer extends AutoCloseable {

    /** Host name or address to connect to. */
    String host();

    /** TCP port to connect to. */
    int port();

    /**
     * JDBC URL for mysql-connector-j with SSL off and UTF-8 ({@code utf8mb4}) on the wire.
     *
     * @param database database to select, or {@code null}/empty for none
     */
    String jdbcUrl(String database);

    /** Account with every privilege on the server. */
    String user();

    /** A throwaway test credential for {@link #user()}; may be empty. Never use it for real data. */
    String password();

    /** A non-pooled data source for {@code database} ({@code null}/empty for none); cheap to create. */
    DataSource dataSource(String database);

    /**
     * Opens a new connection to {@code database} ({@code null}/empty for none); the caller closes it.
     *
     * @throws SQLException when the server refuses the connection
     */
    Connection connect(String database) throws SQLException;

    /**
     * Creates a database with a unique name starting with {@code prefix} (letters, digits and
     * underscores are kept, anything else becomes {@code _}) using the server's default character
     * set and collation.
     *
     * @return the new database's name
     */
    String createDatabase(String prefix);

    /** Drops {@code name} if it exists. */
    void dropDatabase(String name);

    /** The server's default character set ({@code @@character_set_server}). */
    String defaultCharacterSet();

    /** The server's default collation ({@code @@collation_server}). */
    String defaultCollation();

    /** The server's version string ({@code SELECT VERSION()}), e.g. {@code 11.4.5-MariaDB}. */
    String version();

    /**
     * Absolute path of a client program shipped with this server, e.g. {@code mariadb} or
     * {@code mariadb-dump}; empty when the server is not embedded or ships no such program.
     */
    Optional<Path> clientBinary(String name);

    /** Stops the server if this JVM started it; pointing at an existing server closes nothing. */
    @Override
    void close();
}
