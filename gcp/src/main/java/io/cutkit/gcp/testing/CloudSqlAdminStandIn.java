package io.cutkit.gcp.testing;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.sqladmin.SQLAdmin;
import com.google.api.services.sqladmin.model.Database;
import com.google.api.services.sqladmin.model.ExportContext;
import com.google.api.services.sqladmin.model.ImportContext;
import com.google.api.services.sqladmin.model.InstancesExportRequest;
import com.google.api.services.sqladmin.model.InstancesImportRequest;
import com.google.api.services.sqladmin.model.Operation;
import com.google.api.services.sqladmin.model.OperationError;
import com.google.api.services.sqladmin.model.OperationErrors;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutkit.mysql.testing.DatabaseServer;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The Cloud SQL Admin REST API (v1) on a local JDK HTTP server, reached by the real
 * {@link SQLAdmin} client with its root URL pointed here. Each instance is backed by a real
 * database server and every instance shares one {@link LocalBucket}:
 *
 * <ul>
 *   <li>{@code instances.export} runs the server's own {@code mariadb-dump --databases ...} (so the
 *       file has {@code CREATE DATABASE} and {@code USE}, as Cloud SQL's export does) without its
 *       sandbox-mode first line (Cloud SQL's mysqldump writes none), gzip when the URI ends in
 *       {@code .gz}, and stores it in the bucket;</li>
 *   <li>{@code instances.import} pipes the object into the {@code mariadb} client with the requested
 *       database as default, so a {@code USE} in the dump overrides it exactly as on Cloud SQL; a
 *       dump starting with MariaDB's sandbox-mode line fails as MySQL's client fails it;</li>
 *   <li>{@code databases.get/insert/delete} run against the server; operations are polled with
 *       {@code operations.get}; one operation at a time per instance (409 otherwise).</li>
 * </ul>
 *
 * <p>The database password reaches the client programs through {@code MYSQL_PWD}, never their
 * arguments. {@link #faults()} injects 409/429/503/403 per call ({@code instances.export},
 * {@code instances.import}, {@code databases.get}, {@code databases.insert},
 * {@code databases.delete}, {@code operations.get}); {@link #nextOperation} makes the next
 * operation fail or never finish. Needs a server with client binaries (the embedded default).
 */
public final class CloudSqlAdminStandIn implements AutoCloseable {

    /** MariaDB's sandbox-mode first line, as mariadb-dump 11.x writes it (older ones wrote it without the M). */
    private static final String SANDBOX_LINE = "/*M!999999\\-";

    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();
    private static final Pattern INSTANCE_CALL =
            Pattern.compile("/v1/projects/([^/]+)/instances/([^/]+)/(export|import|databases)(?:/([^/]+))?");
    private static final Pattern OPERATION_CALL = Pattern.compile("/v1/projects/([^/]+)/operations/([^/]+)");

    private record Instance(String project, String name, DatabaseServer server) {
    }

    private final LocalBucket bucket;
    private final FaultPlan faults = new FaultPlan();
    private final Map<String, Instance> instances = new ConcurrentHashMap<>();
    private final Map<String, Operation> operations = new ConcurrentHashMap<>();
    private final Map<String, String> busy = new ConcurrentHashMap<>();
    private final Deque<OperationOutcome> plannedOutcomes = new ArrayDeque<>();
    private final List<ExportContext> exports = new ArrayList<>();
    private final HttpServer http;
    private final ExecutorService requests = Executors.newFixedThreadPool(4, daemon("sqladmin-http"));
    private final ExecutorService work = Executors.newCachedThreadPool(daemon("sqladmin-operation"));
    private Duration operationDelay = Duration.ofMillis(100);

    private CloudSqlAdminStandIn(LocalBucket bucket) {
        this.bucket = bucket;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Cloud SQL Admin stand-in", e);
        }
        http.createContext("/", this::handle);
        http.setExecutor(requests);
        http.start();
    }

    /** Starts a stand-in whose exports and imports use {@code bucket}. */
    public static CloudSqlAdminStandIn start(LocalBucket bucket) {
        return new CloudSqlAdminStandIn(bucket);
    }

    /** Serves instance {@code project/name} from {@code server}. */
    public CloudSqlAdminStandIn instance(String project, String name, DatabaseServer server) {
        instances.put(project + "/" + name, new Instance(project, name, server));
        return this;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** The next operation ends as {@code outcome} instead of doing its work normally. */
    public synchronized CloudSqlAdminStandIn nextOperation(OperationOutcome outcome) {
        plannedOutcomes.addLast(outcome);
        return this;
    }

    /** How long an operation stays PENDING before its work starts. */
    public synchronized CloudSqlAdminStandIn operationDelay(Duration delay) {
        this.operationDelay = delay;
        return this;
    }

    /** The export requests received so far, in order. */
    public synchronized List<ExportContext> exportsReceived() {
        return List.copyOf(exports);
    }

    /** The base URL to give {@link SQLAdmin.Builder#setRootUrl(String)}. */
    public String rootUrl() {
        return "http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort() + "/";
    }

    /** A real client pointed at this stand-in (no credentials). */
    public SQLAdmin sqlAdmin() {
        return new SQLAdmin.Builder(new NetHttpTransport(), JSON, request -> {
            request.setConnectTimeout(5_000);
            request.setReadTimeout(30_000);
        }).setRootUrl(rootUrl()).setApplicationName("cutkit-standin").build();
    }

    @Override
    public void close() {
        http.stop(0);
        requests.shutdownNow();
        work.shutdownNow();
    }

    // ---- HTTP ----------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Matcher op = OPERATION_CALL.matcher(path);
            Matcher call = INSTANCE_CALL.matcher(path);
            if (op.matches() && method.equals("GET")) {
                if (!faulted(exchange, "operations.get")) {
                    Operation operation = operations.get(decode(op.group(2)));
                    if (operation == null) {
                        error(exchange, 404, "NOT_FOUND", "The operation " + decode(op.group(2)) + " does not exist.");
                    } else {
                        respond(exchange, 200, operation);
                    }
                }
                return;
            }
            if (!call.matches()) {
                error(exchange, 404, "NOT_FOUND", "No such method: " + method + " " + path);
                return;
            }
            Instance instance = instances.get(decode(call.group(1)) + "/" + decode(call.group(2)));
            String kind = call.group(3);
            String database = call.group(4) == null ? null : decode(call.group(4));
            String name = switch (kind) {
                case "export" -> "instances.export";
                case "import" -> "instances.import";
                default -> method.equals("GET") ? "databases.get"
                        : method.equals("DELETE") ? "databases.delete" : "databases.insert";
            };
            if (faulted(exchange, name)) {
                return;
            }
            if (instance == null) {
                error(exchange, 404, "NOT_FOUND", "The Cloud SQL instance does not exist.");
                return;
            }
            switch (name) {
                case "databases.get" -> getDatabase(exchange, instance, database);
                case "instances.export" -> {
                    ExportContext context = parse(exchange, InstancesExportRequest.class).getExportContext();
                    synchronized (this) {
                        exports.add(context);
                    }
                    startOperation(exchange, instance, "EXPORT", () -> export(instance, context));
                }
                case "instances.import" -> {
                    ImportContext context = parse(exchange, InstancesImportRequest.class).getImportContext();
                    startOperation(exchange, instance, "IMPORT", () -> importDump(instance, context));
                }
                case "databases.insert" -> {
                    Database body = parse(exchange, Database.class);
                    startOperation(exchange, instance, "CREATE_DATABASE", () -> execute(instance,
                            "CREATE DATABASE " + quote(body.getName()) + " CHARACTER SET " + body.getCharset()
                                    + " COLLATE " + body.getCollation()));
                }
                default -> {
                    if (charsetAndCollation(instance, database).isEmpty()) {
                        error(exchange, 404, "NOT_FOUND", "The database " + database + " does not exist.");
                        return;
                    }
                    startOperation(exchange, instance, "DELETE_DATABASE",
                            () -> execute(instance, "DROP DATABASE " + quote(database)));
                }
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "INTERNAL", "stand-in failure: " + e.getMessage());
        }
    }

    private boolean faulted(HttpExchange exchange, String call) throws IOException {
        Optional<Fault> fault = faults.next(call);
        if (fault.isPresent()) {
            if (fault.get() == Fault.RATE_LIMITED) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            error(exchange, fault.get().httpStatus(), fault.get().reason(), fault.get().describe(call));
            return true;
        }
        return false;
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static <T> T parse(HttpExchange exchange, Class<T> type) throws IOException {
        InputStream body = exchange.getRequestBody();
        if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = new GZIPInputStream(body);
        }
        return JSON.fromInputStream(body, StandardCharsets.UTF_8, type);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.toByteArray(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void error(HttpExchange exchange, int status, String statusName, String message) throws IOException {
        GenericJson detail = new GenericJson();
        detail.put("message", message);
        detail.put("domain", "global");
        detail.put("reason", statusName);
        GenericJson error = new GenericJson();
        error.put("code", status);
        error.put("message", message);
        error.put("status", statusName);
        error.put("errors", List.of(detail));
        GenericJson body = new GenericJson();
        body.put("error", error);
        respond(exchange, status, body);
    }

    // ---- operations ----------------------------------------------------------------------------

    /** Work that returns null on success or an error message. */
    @FunctionalInterface
    private interface Work {
        String run() throws Exception;
    }

    private void startOperation(HttpExchange exchange, Instance instance, String type, Work job) throws IOException {
        String key = instance.project() + "/" + instance.name();
        String name = UUID.randomUUID().toString();
        if (busy.putIfAbsent(key, name) != null) {
            error(exchange, 409, "ABORTED", "Operation failed because another operation was already in progress.");
            return;
        }
        OperationOutcome outcome;
        Duration delay;
        synchronized (this) {
            outcome = plannedOutcomes.pollFirst();
            delay = operationDelay;
        }
        Operation pending = new Operation().setKind("sql#operation").setName(name).setStatus("PENDING")
                .setOperationType(type).setTargetId(instance.name()).setTargetProject(instance.project())
                .setInsertTime(Instant.now().toString())
                .setSelfLink(rootUrl() + "v1/projects/" + instance.project() + "/operations/" + name);
        operations.put(name, pending);
        respond(exchange, 200, pending);
        if (outcome instanceof OperationOutcome.NeverFinish) {
            operations.put(name, pending.clone().setStatus("RUNNING"));
            return;
        }
        work.submit(() -> {
            String failure;
            try {
                if (outcome instanceof OperationOutcome.Fail fail) {
                    Thread.sleep(fail.after().toMillis());
                    failure = fail.code() + ": " + fail.message();
                } else {
                    Thread.sleep((outcome instanceof OperationOutcome.Succeed s ? s.after() : delay).toMillis());
                    operations.put(name, pending.clone().setStatus("RUNNING").setStartTime(Instant.now().toString()));
                    failure = job.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failure = "INTERNAL_ERROR: " + e.getMessage();
            }
            Operation done = pending.clone().setStatus("DONE").setEndTime(Instant.now().toString());
            if (failure != null) {
                int colon = failure.indexOf(": ");
                done.setError(new OperationErrors().setKind("sql#operationErrors").setErrors(List.of(
                        new OperationError().setKind("sql#operationError")
                                .setCode(colon > 0 ? failure.substring(0, colon) : "INTERNAL_ERROR")
                                .setMessage(colon > 0 ? failure.substring(colon + 2) : failure))));
            }
            busy.remove(key, name);
            operations.put(name, done);
        });
    }

    // ---- the database side ---------------------------------------------------------------------

    private void getDatabase(HttpExchange exchange, Instance instance, String database) throws IOException {
        Optional<String[]> found = charsetAndCollation(instance, database);
        if (found.isEmpty()) {
            error(exchange, 404, "NOT_FOUND", "The database " + database + " does not exist.");
            return;
        }
        respond(exchange, 200, new Database().setKind("sql#database").setName(database)
                .setProject(instance.project()).setInstance(instance.name())
                .setCharset(found.get()[0]).setCollation(found.get()[1]));
    }

    private static Optional<String[]> charsetAndCollation(Instance instance, String database) {
        try (Connection c = instance.server().connect(null);
                PreparedStatement s = c.prepareStatement("SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
                        + "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read database " + database + ": " + e.getMessage(), e);
        }
    }

    private static String execute(Instance instance, String sql) {
        try (Connection c = instance.server().connect(null); Statement s = c.createStatement()) {
            s.execute(sql);
            return null;
        } catch (SQLException e) {
            return "ERROR_RDBMS: " + e.getMessage();
        }
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    private String export(Instance instance, ExportContext context) throws Exception {
        if (!"SQL".equals(context.getFileType())) {
            return "INVALID_REQUEST: this stand-in exports fileType SQL only";
        }
        List<String> databases = context.getDatabases() == null ? List.of() : context.getDatabases();
        if (databases.isEmpty()) {
            return "INVALID_REQUEST: name the databases to export";
        }
        List<String> command = clientCommand(instance, "mariadb-dump");
        command.addAll(List.of("--single-transaction", "--hex-blob", "--routines", "--triggers", "--events",
                "--default-character-set=utf8mb4", "--databases"));
        command.addAll(databases);
        URI uri = URI.create(context.getUri());
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        Process process = start(instance, command);
        process.getOutputStream().close();
        Future<String> errors = drain(process.getErrorStream());
        try (InputStream dump = withoutSandboxLine(new BufferedInputStream(process.getInputStream(), 1 << 16));
                OutputStream out = uri.getPath().endsWith(".gz") ? new GZIPOutputStream(file, 1 << 16) : file) {
            dump.transferTo(out);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            return "ERROR_RDBMS: mariadb-dump failed: " + errors.get(10, TimeUnit.SECONDS);
        }
        bucket.put(uri, file.toByteArray());
        return null;
    }

    private String importDump(Instance instance, ImportContext context) throws Exception {
        if (!"SQL".equals(context.getFileType())) {
            return "INVALID_REQUEST: this stand-in imports fileType SQL only";
        }
        byte[] stored;
        try {
            stored = bucket.get(URI.create(context.getUri()));
        } catch (RuntimeException e) {
            return "ERROR_RDBMS: could not read " + context.getUri() + ": " + e.getMessage();
        }
        List<String> command = clientCommand(instance, "mariadb");
        command.add("--default-character-set=utf8mb4");
        if (context.getDatabase() != null) {
            command.add("--database=" + context.getDatabase());
        }
        Process process = start(instance, command);
        Future<String> errors = drain(process.getErrorStream());
        Future<String> output = drain(process.getInputStream());
        InputStream in = new BufferedInputStream(new ByteArrayInputStream(stored));
        in.mark(2);
        boolean gzip = in.read() == 0x1f & in.read() == 0x8b;
        in.reset();
        try (OutputStream stdin = process.getOutputStream();
                InputStream dump = new BufferedInputStream(gzip ? new GZIPInputStream(in) : in, 1 << 16)) {
            if (startsWithSandboxLine(dump)) {
                process.destroy();
                return "ERROR_RDBMS: ERROR at line 1: Unknown command '\\-'.";
            }
            dump.transferTo(stdin);
        } catch (IOException e) {
            // the client stopped reading because a statement failed; its exit status and stderr say why
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            return "ERROR_RDBMS: exit status " + process.exitValue() + " " + errors.get(10, TimeUnit.SECONDS)
                    + output.get(10, TimeUnit.SECONDS);
        }
        return null;
    }

    /**
     * Whether the stream (which must support mark) starts with MariaDB's sandbox-mode line, which
     * MySQL's client, and so Cloud SQL's import, rejects; the stream is left where it was.
     */
    private static boolean startsWithSandboxLine(InputStream in) throws IOException {
        in.mark(SANDBOX_LINE.length());
        String head = new String(in.readNBytes(SANDBOX_LINE.length()), java.nio.charset.StandardCharsets.ISO_8859_1);
        in.reset();
        return head.equals(SANDBOX_LINE) || head.startsWith(SANDBOX_LINE.replace("M!", "!"));
    }

    /** Cloud SQL exports with MySQL's mysqldump, which writes no sandbox line: drop mariadb-dump's. */
    private static InputStream withoutSandboxLine(InputStream in) throws IOException {
        if (startsWithSandboxLine(in)) {
            for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
                // skip the rest of the first line
            }
        }
        return in;
    }

    private static List<String> clientCommand(Instance instance, String program) {
        Path binary = instance.server().clientBinary(program).orElseThrow(() -> new IllegalStateException(
                "the database server behind instance " + instance.name() + " has no " + program
                        + " binary; back the stand-in with the embedded server"));
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.add("--protocol=TCP");
        command.add("--host=" + instance.server().host());
        command.add("--port=" + instance.server().port());
        command.add("--user=" + instance.server().user());
        command.add("--skip-ssl");
        command.add("--max-allowed-packet=1G"); // Cloud SQL's import and export take rows of any size the server does
        return command;
    }

    private static Process start(Instance instance, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MYSQL_PWD", instance.server().password());
        Path libs = Path.of(command.get(0)).getParent().getParent().resolve("libs");
        if (Files.isDirectory(libs)) {
            builder.environment().merge("LD_LIBRARY_PATH", libs.toString(), (a, b) -> b + ":" + a);
        }
        return builder.start();
    }

    private Future<String> drain(InputStream stream) {
        return work.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (stream) {
                stream.transferTo(out);
            } catch (IOException e) {
                // the process ended; what was read is kept
            }
            return out.toString(StandardCharsets.UTF_8).trim();
        });
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
