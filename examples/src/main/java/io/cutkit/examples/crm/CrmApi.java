package io.cutkit.examples.crm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The new stack's CRM API, small enough to read in one sitting: a JDK HTTP server on 127.0.0.1
 * that, like the real Node API, resolves its environment once at start (the encryption key and
 * the nine Twilio/SMTP/IMAP credentials) and serves {@code GET /health} and
 * {@code GET /leads/{id}}. Lead PII is decrypted with the key it started with; a value that does
 * not decrypt is rendered as stored, ciphertext and all, which is exactly the failure a smoke test
 * must catch. Restarting ({@link #restart()}) resolves the environment again.
 *
 * <p>Costs one database connection per request. Throws {@link IOException} when the port cannot
 * be bound.
 */
public final class CrmApi implements AutoCloseable {

    /** The credentials the API needs besides its key, by environment variable name. */
    public static final List<String> CREDENTIALS = List.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY",
            "SMTP_HOST", "SMTP_USER", "SMTP_PASS", "IMAP_HOST", "IMAP_USER", "IMAP_PASS");
    /** The variable holding the base64 text of the 32-byte encryption key. */
    public static final String KEY_VARIABLE = "ENCRYPTION_KEY";

    private final Function<String, Optional<Secret>> environment;
    private final PlaceholderPolicy placeholders;
    private final String jdbcUrl;
    private final String user;
    private final Secret password;
    private HttpServer server;
    private ExecutorService executor;
    private volatile Loaded loaded;

    /** What one start resolved: the codec (absent when the key is unusable) and how many credentials are real. */
    private record Loaded(Optional<EnvelopeCodec> codec, int realCredentials) {
    }

    private CrmApi(Function<String, Optional<Secret>> environment, PlaceholderPolicy placeholders, String jdbcUrl,
                   String user, Secret password) {
        this.environment = environment;
        this.placeholders = placeholders;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts the API. {@code environment} gives the value of a variable as the running revision sees
     * it; credentials that {@code placeholders} calls placeholders do not count as loaded; the
     * database is reached at {@code jdbcUrl} as {@code user} (the account may not exist yet:
     * {@code /health} then answers 503).
     */
    public static CrmApi start(Function<String, Optional<Secret>> environment, PlaceholderPolicy placeholders,
                               String jdbcUrl, String user, Secret password) throws IOException {
        CrmApi api = new CrmApi(Objects.requireNonNull(environment, "environment"),
                Objects.requireNonNull(placeholders, "placeholders"), jdbcUrl, user, Secret.copyOf(password.copyBytes()));
        api.startServer();
        return api;
    }

    /** Where the API listens, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stops the server and starts it again on the same port, resolving the environment anew. */
    public synchronized void restart() throws IOException {
        int port = server.getAddress().getPort();
        stopServer();
        bind(port);
    }

    private synchronized void startServer() throws IOException {
        bind(0);
    }

    private void bind(int port) throws IOException {
        loaded = load();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "crm-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/health", this::health);
        server.createContext("/leads/", this::lead);
        server.start();
    }

    private Loaded load() {
        Optional<EnvelopeCodec> codec;
        try (Secret key = environment.apply(KEY_VARIABLE).orElse(Secret.copyOf(new byte[0]))) {
            codec = Optional.of(EnvelopeCodec.of(EncryptionKey.fromBase64(key)));
        } catch (SecretException e) {
            codec = Optional.empty(); // like the Node API: it starts anyway and shows what it cannot decrypt
        }
        int real = 0;
        for (String name : CREDENTIALS) {
            Optional<Secret> value = environment.apply(name);
            if (value.isPresent()) {
                try (Secret secret = value.get()) {
                    real += placeholders.reasonIfPlaceholder(secret) == null ? 1 : 0;
                }
            }
        }
        return new Loaded(codec, real);
    }

    private void health(HttpExchange exchange) throws IOException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            respond(exchange, 200, "{\"status\":\"ok\",\"credentials\":\"" + loaded.realCredentials() + "/"
                    + CREDENTIALS.size() + "\"}");
        } catch (SQLException e) {
            respond(exchange, 503, "{\"status\":\"database unavailable\",\"error\":" + json(String.valueOf(e.getErrorCode())) + "}");
        }
    }

    private void lead(HttpExchange exchange) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/leads/".length());
        if (!id.matches("[0-9]{1,10}")) {
            respond(exchange, 400, "{\"error\":\"lead ids are numbers\"}");
            return;
        }
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT `id`, `referenceId`, `name`, `email`, `phone`, `company`, `status`, `notes` FROM `leads` WHERE `id` = ?")) {
            ps.setLong(1, Long.parseLong(id));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    respond(exchange, 404, "{\"error\":\"no such lead\"}");
                    return;
                }
                respond(exchange, 200, "{\"id\":" + rs.getLong(1) + ",\"referenceId\":" + json(rs.getString(2))
                        + ",\"name\":" + json(reveal(rs.getString(3))) + ",\"email\":" + json(reveal(rs.getString(4)))
                        + ",\"phone\":" + json(reveal(rs.getString(5))) + ",\"company\":" + json(rs.getString(6))
                        + ",\"status\":" + json(rs.getString(7)) + ",\"notes\":" + json(rs.getString(8)) + "}");
            }
        } catch (SQLException e) {
            respond(exchange, 503, "{\"status\":\"database unavailable\"}");
        }
    }

    /** The plaintext, or the stored value when it does not decrypt (the bug a smoke test must see). */
    private String reveal(String stored) {
        if (stored == null || loaded.codec().isEmpty()) {
            return stored;
        }
        try {
            return loaded.codec().get().decrypt(stored).plaintext();
        } catch (RuntimeException e) {
            return stored;
        }
    }

    private Connection connect() throws SQLException {
        try {
            return password.withBytes(p -> {
                try {
                    return DriverManager.getConnection(jdbcUrl, user, new String(p, StandardCharsets.UTF_8));
                } catch (SQLException e) {
                    throw new DatabaseUnavailable(e);
                }
            });
        } catch (DatabaseUnavailable e) {
            throw (SQLException) e.getCause();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String json(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            stopServer();
        }
        password.close();
    }

    private void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** Carries a connection failure out of the password lambda. */
    private static final class DatabaseUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DatabaseUnavailable(SQLException cause) {
            super(cause);
        }
    }
}
