package io.cutkit.mysql.dump;

import io.cutkit.core.data.SnapshotException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.secret.Secret;
import io.cutkit.mysql.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a MySQL or MariaDB server is and how to log in: a mysql-connector-j JDBC URL (its database
 * part is replaced per use), a user and a password held as a {@link Secret}. Neither
 * {@link #toString()} nor an exception shows the password, nor one written into the URL
 * ({@code ?password=}, {@code user:password@}).
 */
public record ServerAddress(String jdbcUrl, String user, Secret password) {

    private static final Pattern URL = Pattern.compile("^(jdbc:mysql://[^/?]+)(/[^?]*)?(\\?.*)?$");

    public ServerAddress {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (!URL.matcher(jdbcUrl).matches()) {
            throw new IllegalArgumentException("Not a mysql-connector-j URL (jdbc:mysql://host:port/...): "
                    + Redaction.url(jdbcUrl));
        }
    }

    /** An address from a plain-text password (a test credential); prefer the {@link Secret} constructor. */
    public static ServerAddress of(String jdbcUrl, String user, String password) {
        return new ServerAddress(jdbcUrl, user, Secret.copyOf(password.getBytes(StandardCharsets.UTF_8)));
    }

    /** The URL with its database part set to {@code database} (empty for none). */
    public String urlFor(String database) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalStateException(Redaction.url(jdbcUrl));
        }
        String db = database == null ? "" : java.net.URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        return m.group(1) + "/" + db + (m.group(3) == null ? "" : m.group(3));
    }

    /**
     * A pool of at most {@code connections} UTF-8 connections to {@code database} ({@code null} for
     * none), for callers that take a {@code DataSource} (verification, migrations, guards). The
     * caller closes it.
     */
    public HikariDataSource dataSource(String database, int connections) {
        return pool(database, connections, false);
    }

    /** {@link #urlFor(String)} without the URL's character-set options, which the pools set themselves. */
    private String poolUrlFor(String database) {
        String url = urlFor(database);
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        String kept = java.util.Arrays.stream(url.substring(q + 1).split("&"))
                .filter(p -> !p.toLowerCase(java.util.Locale.ROOT).matches(
                        "(characterencoding|charactersetresults|connectioncollation|customcharsetmapping)=.*"))
                .collect(java.util.stream.Collectors.joining("&"));
        return url.substring(0, q) + (kept.isEmpty() ? "" : "?" + kept);
    }

    /**
     * A pool of {@code size} connections to {@code database}. With {@code byteTransparent} the driver
     * encodes statement text as ISO-8859-1 (one byte per char), so dump bytes reach the server
     * unchanged and the session character set is whatever {@code SET NAMES} says, like the mysql client.
     */
    HikariDataSource pool(String database, int size, boolean byteTransparent) {
        return pool(database, size, byteTransparent, null);
    }

    /**
     * A pool of {@code size} connections to {@code database} (null for none) whose sessions are read-only
     * ({@code SET SESSION TRANSACTION READ ONLY}): every write through them fails with error 1792. For
     * checks that must not change the server they inspect, such as a dry-run. The caller closes it.
     */
    public HikariDataSource readOnlyPool(String database, int size) {
        HikariConfig config = config(database, size, false);
        config.setConnectionInitSql("SET SESSION TRANSACTION READ ONLY");
        config.setReadOnly(true);
        return open(config);
    }

    /**
     * {@link #pool(String, int, boolean)} whose connections may run {@code LOAD DATA LOCAL} through
     * {@link LocalDataLoad} when {@code localFilesJail} (an empty private directory) is given.
     */
    HikariDataSource pool(String database, int size, boolean byteTransparent, java.nio.file.Path localFilesJail) {
        HikariConfig config = config(database, size, byteTransparent);
        if (localFilesJail != null) {
            config.addDataSourceProperty("allowLoadLocalInfileInPath", localFilesJail.toString());
        }
        return open(config);
    }

    /** Starts the pool; a server that cannot be reached or refuses the account is named in a {@link SnapshotException}. */
    private HikariDataSource open(HikariConfig config) {
        try {
            return new HikariDataSource(config);
        } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new SnapshotException("Cannot connect to " + Redaction.url(jdbcUrl) + " as " + user + ": "
                    + Redaction.url(String.valueOf(cause.getMessage()).lines().findFirst().orElse(""))
                    + " (check the address, the account and its password)", e);
        }
    }

    private HikariConfig config(String database, int size, boolean byteTransparent) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(poolUrlFor(database));
        config.setUsername(user);
        config.setPassword(password.withBytes(b -> new String(b, StandardCharsets.UTF_8)));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setPoolName("cutkit-" + (database == null ? "server" : database));
        config.setConnectionTimeout(30_000);
        config.addDataSourceProperty("useSSL", "false");
        config.addDataSourceProperty("allowPublicKeyRetrieval", "true");
        config.addDataSourceProperty("useLocalSessionState", "true");
        config.addDataSourceProperty("elideSetAutoCommits", "true");
        config.addDataSourceProperty("useServerPrepStmts", "false");
        // dump text is sent as it is: JDBC {escape} rewriting would scan every byte and could alter data
        config.addDataSourceProperty("enableEscapeProcessing", "false");
        config.addDataSourceProperty("maxAllowedPacket", String.valueOf(1 << 30));
        config.addDataSourceProperty("characterEncoding", byteTransparent ? "ISO-8859-1" : "UTF-8");
        config.addDataSourceProperty("allowLoadLocalInfile", "false");
        return config;
    }

    @Override
    public String toString() {
        return "ServerAddress[" + Redaction.url(jdbcUrl) + ", user=" + user + ", password=(redacted)]";
    }
}
