package io.cutkit.mysql.testing;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** What every kind of server shares: URLs, connections and database housekeeping over JDBC. */
abstract class JdbcDatabaseServer implements DatabaseServer {

    /** SSL off: the embedded server runs with {@code --skip-ssl}, and test traffic stays on loopback. */
    static final String URL_PARAMETERS =
            "useSSL=false&allowPublicKeyRetrieval=true&characterEncoding=UTF-8";

    private static final int MAX_PREFIX_LENGTH = 30;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    JdbcDatabaseServer(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String jdbcUrl(String database) {
        String path = database == null ? "" : database;
        return "jdbc:mysql://" + host + ":" + port + "/" + path + "?" + URL_PARAMETERS;
    }

    @Override
    public DataSource dataSource(String database) {
        MysqlDataSource source = new MysqlDataSource();
        source.setURL(jdbcUrl(database));
        source.setUser(user);
        source.setPassword(password);
        return source;
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), user, password);
    }

    @Override
    public String createDatabase(String prefix) {
        String name = uniqueName(prefix);
        execute("CREATE DATABASE " + quote(name));
        return name;
    }

    @Override
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS " + quote(name));
    }

    @Override
    public String defaultCharacterSet() {
        return queryString("SELECT @@character_set_server");
    }

    @Override
    public String defaultCollation() {
        return queryString("SELECT @@collation_server");
    }

    @Override
    public String version() {
        return queryString("SELECT VERSION()");
    }

    @Override
    public Optional<Path> clientBinary(String name) {
        return Optional.empty();
    }

    /** A short description for messages: kind and address, never the credential. */
    abstract String describe();

    @Override
    public String toString() {
        return describe();
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * A short unique name: at most {@value #MAX_PREFIX_LENGTH} characters of the prefix, a JVM-wide
     * sequence number and eight random base-36 characters. Names stay well under MySQL's 64-character
     * identifier limit so tests can embed them in other names (lock names, users).
     */
    static String uniqueName(String prefix) {
        String cleaned = (prefix == null || prefix.isBlank() ? "test" : prefix)
                .replaceAll("[^A-Za-z0-9_]", "_");
        if (cleaned.length() > MAX_PREFIX_LENGTH) {
            cleaned = cleaned.substring(0, MAX_PREFIX_LENGTH);
        }
        StringBuilder random = new StringBuilder(8);
        ThreadLocalRandom rng = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            random.append(Character.forDigit(rng.nextInt(36), 36));
        }
        return cleaned + "_" + SEQUENCE.incrementAndGet() + "_" + random;
    }

    void execute(String sql) {
        try (Connection connection = connect(null); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new DatabaseFixtureException("Statement failed on " + describe() + ": " + sql
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private String queryString(String sql) {
        try (Connection connection = connect(null);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new DatabaseFixtureException("Query failed on " + describe() + ": " + sql
                    + " (" + e.getMessage() + "); is the server still running?", e);
        }
    }
}
