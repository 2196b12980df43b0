package io.cutkit.preflight;

import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretSource;
import io.cutkit.mysql.dump.ServerAddress;
import io.cutkit.mysql.migration.MigrationHistory;
import io.cutkit.mysql.migration.MigrationSource;
import io.cutkit.twilio.TwilioCredentials;
import io.cutkit.twilio.TwilioNumberRepointer;
import io.cutkit.twilio.TwilioTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A dry-run described the way people write it down: file paths, JDBC URLs, names and column lists,
 * from command-line options or a plan file (JSON or YAML, the same keys as the options without their
 * dashes: {@code dump}, {@code database}, {@code target-flavor}, {@code key-file}, ...). {@link #open()}
 * reads the files it names (secret files must not be world-readable) and builds the {@link DryRunPlan};
 * secrets stay in memory as {@link Secret}s until the returned {@link OpenedPlan} is closed.
 *
 * <p>Every key, its meaning and its format are listed in {@link #KEYS}; an unknown key or a bad value
 * is an {@link IllegalArgumentException} naming the key, before anything is read or connected.
 */
public final class DryRunOptions {

    /** Every key a plan file may hold (the command line's option names without the leading dashes). */
    public static final Set<String> KEYS = Set.of("dump", "source", "source-user", "source-password-file",
            "source-database", "database", "target", "target-user", "target-password-file", "target-collation",
            "target-flavor", "migrations", "history", "reference-migrations", "expected-schema", "key-file", "key-var",
            "encrypted", "plaintext", "secrets", "destination-secrets", "numbers", "window", "application-account", "online", "waive");

    private final Map<String, String> values;

    private DryRunOptions(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** Options from {@code values} (key to text; lists comma separated). */
    public static DryRunOptions of(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("Unknown dry-run option '" + key + "'; known: " + String.join(", ",
                        KEYS.stream().sorted().toList()));
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                kept.put(k, v);
            }
        });
        return new DryRunOptions(kept);
    }

    /** Options read from a JSON ({@code .json}) or YAML plan file; lists may be written as lists. */
    public static DryRunOptions read(Path planFile) {
        JsonNode root;
        try {
            String name = planFile.getFileName().toString().toLowerCase(Locale.ROOT);
            root = name.endsWith(".json") ? JsonMapper.builder().build().readTree(Files.readString(planFile))
                    : YAMLMapper.builder().build().readTree(Files.readString(planFile));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read plan file " + planFile + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Plan file " + planFile + " is not valid JSON or YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Plan file " + planFile + " must hold one object of dry-run options");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (var entry : root.properties()) {
            JsonNode v = entry.getValue();
            String text = entry.getKey().equals("waive") ? v.toString()
                    : v.isArray() ? String.join(",", v.valueStream().map(JsonNode::asString).toList()) : v.asString();
            Path base = planFile.toAbsolutePath().getParent();
            values.put(entry.getKey(), isPath(entry.getKey()) ? base.resolve(text).normalize().toString() : text);
        }
        return of(values);
    }

    /** These options with {@code overrides}' values in place of ours (the command line over a plan file). */
    public DryRunOptions with(DryRunOptions overrides) {
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides.values);
        return new DryRunOptions(merged);
    }

    /** The value of {@code key} as given, if any. */
    public java.util.Optional<String> get(String key) {
        return java.util.Optional.ofNullable(values.get(key));
    }

    /**
     * Reads the files these options name and builds the plan. Throws {@link IllegalArgumentException}
     * naming the option for a missing or contradictory value, and the secret layer's exception for a
     * world-readable secret file.
     */
    public OpenedPlan open() {
        return open(null, null);
    }

    /**
     * {@link #open()} with the source and target logins already built (for example from a password
     * given on standard input); a null one is built from these options' URL, user and password file.
     */
    public OpenedPlan open(ServerAddress sourceLogin, ServerAddress targetLogin) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            DryRunPlan.Builder b = DryRunPlan.builder();
            String dump = values.get("dump");
            String source = sourceLogin != null ? sourceLogin.jdbcUrl() : values.get("source");
            if ((dump == null) == (source == null)) {
                throw new IllegalArgumentException("Give exactly one data source: --dump FILE or --source JDBC-URL");
            }
            if (dump != null) {
                b.dump(existing("dump", dump));
            } else {
                String database = get("source-database").orElseGet(() -> databaseOf(source));
                b.source(sourceLogin != null ? sourceLogin : server("source", opened), database);
            }
            get("database").ifPresent(b::database);
            if (targetLogin != null) {
                b.target(targetLogin);
            } else if (values.containsKey("target")) {
                b.target(server("target", opened));
            }
            get("target-collation").ifPresent(b::targetCollation);
            get("target-flavor").ifPresent(f -> b.targetFlavor(TargetFlavor.byId(f).orElseThrow(() ->
                    new IllegalArgumentException("--target-flavor " + f + " is not one of " + TargetFlavor.ids()))));
            if (values.containsKey("migrations")) {
                b.migrations(migrations("migrations"), history(values.getOrDefault("history", "cutkit")));
            }
            if (values.containsKey("reference-migrations")) {
                b.referenceMigrations(migrations("reference-migrations"));
            }
            if (values.containsKey("expected-schema")) {
                b.expectedSchemaMigrations(migrations("expected-schema"));
            }
            List<ColumnRef> plaintext = columns("plaintext");
            if (values.containsKey("key-file")) {
                EnvFile keys = keep(opened, EnvFile.read(existing("key-file", values.get("key-file"))));
                String var = values.getOrDefault("key-var", "ENCRYPTION_KEY");
                if (!keys.contains(var)) {
                    throw new IllegalArgumentException("--key-file " + values.get("key-file") + " has no " + var
                            + " (set --key-var to the variable that holds the key)");
                }
                b.key(keys.source(var), columns("encrypted"), plaintext);
            } else {
                b.plaintext(plaintext);
            }
            if (values.containsKey("secrets")) {
                EnvFile secrets = keep(opened, EnvFile.read(existing("secrets", values.get("secrets"))));
                secrets.names().forEach(n -> b.secret(n, secrets.source(n)));
            }
            if (values.containsKey("destination-secrets")) {
                EnvFile secrets = keep(opened, EnvFile.read(existing("destination-secrets", values.get("destination-secrets"))));
                secrets.names().forEach(n -> b.destinationSecret(n, secrets.source(n)));
            }
            if (values.containsKey("numbers")) {
                numbers(b, opened);
            }
            get("window").ifPresent(w -> b.window(window(w)));
            get("online").ifPresent(o -> b.online(flag("online", o)));
            get("waive").ifPresent(w -> waivers(w).forEach(b::waive));
            get("application-account").ifPresent(a -> {
                int at = a.lastIndexOf('@');
                if (at <= 0) {
                    throw new IllegalArgumentException("--application-account takes USER@HOST (e.g. crm_app@%), not '" + a + "'");
                }
                b.applicationAccount(a.substring(0, at), a.substring(at + 1));
            });
            return new OpenedPlan(b.build(), opened);
        } catch (RuntimeException e) {
            closeAll(opened);
            throw e;
        }
    }

    /** The database part of a JDBC URL ({@code jdbc:mysql://host/crm?x=y} gives {@code crm}). */
    private static String databaseOf(String jdbcUrl) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^jdbc:mysql://[^/?]+/([^?]+)").matcher(jdbcUrl);
        if (!m.find()) {
            throw new IllegalArgumentException("--source-database is required: the --source URL names no database");
        }
        return java.net.URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private ServerAddress server(String prefix, List<AutoCloseable> opened) {
        String url = values.get(prefix);
        String user = require(prefix + "-user", "the account to log in to --" + prefix + " with");
        Path passwordFile = existing(prefix + "-password-file", require(prefix + "-password-file",
                "a file holding the password of --" + prefix + "-user (mode 600)"));
        Secret password = keep(opened, io.cutkit.core.secret.FileSecretSource.of(passwordFile).read());
        return new ServerAddress(url, user, password);
    }

    private void numbers(DryRunPlan.Builder b, List<AutoCloseable> opened) {
        EnvFile file = keep(opened, EnvFile.read(existing("numbers", values.get("numbers"))));
        for (String required : List.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "WEBHOOK_BASE_URL")) {
            if (!file.contains(required)) {
                throw new IllegalArgumentException("--numbers " + values.get("numbers") + " has no " + required
                        + " (it needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, WEBHOOK_BASE_URL, and optionally NUMBERS"
                        + " and TWILIO_API_BASE_URL)");
            }
        }
        String sid = text(file, "TWILIO_ACCOUNT_SID");
        String base = text(file, "WEBHOOK_BASE_URL").replaceAll("/+$", "");
        TwilioTransport.Builder transport = TwilioTransport.builder();
        if (file.contains("TWILIO_API_BASE_URL")) {
            transport.endpoint(URI.create(text(file, "TWILIO_API_BASE_URL")));
        }
        TwilioNumberRepointer repointer = TwilioNumberRepointer.create(
                TwilioCredentials.authToken(sid, keep(opened, file.source("TWILIO_AUTH_TOKEN").read())), transport.build());
        NumberSelection selection = file.contains("NUMBERS")
                ? NumberSelection.of(Arrays.stream(text(file, "NUMBERS").split(",")).map(String::trim).toList())
                : NumberSelection.all();
        b.numbers(repointer, selection, RouteChange.builder().voiceUrl(base + "/api/twilio/voice")
                .smsUrl(base + "/api/twilio/sms").statusCallback(base + "/api/twilio/status").build());
    }

    private static String text(EnvFile file, String name) {
        try (Secret s = file.source(name).read()) {
            return s.withBytes(bytes -> new String(bytes, StandardCharsets.UTF_8));
        }
    }

    private MigrationSource migrations(String key) {
        Path dir = existing(key, values.get(key));
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--" + key + " " + dir + " is not a directory of migrations");
        }
        try (Stream<Path> files = Files.list(dir)) {
            boolean sql = files.anyMatch(f -> f.getFileName().toString().endsWith(".sql"));
            return sql ? MigrationSource.directory(dir) : MigrationSource.toolFiles(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list --" + key + " " + dir + ": " + e.getMessage(), e);
        }
    }

    private static MigrationHistory history(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sequelize" -> MigrationHistory.sequelizeMeta();
            case "rails" -> MigrationHistory.railsSchemaMigrations();
            case "flyway" -> MigrationHistory.flyway();
            case "cutkit" -> MigrationHistory.cutkit();
            default -> throw new IllegalArgumentException("--history " + name + " is not one of sequelize, rails, flyway, cutkit");
        };
    }

    private List<ColumnRef> columns(String key) {
        String list = values.get(key);
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<ColumnRef> columns = new ArrayList<>();
        for (String item : list.split(",")) {
            String[] parts = item.trim().split("\\.");
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("--" + key + " takes TABLE.COLUMN,...; '" + item.trim() + "' is not one");
            }
            columns.add(ColumnRef.of(parts[0], parts[1]));
        }
        return columns;
    }

    /** The plan file's {@code waive: [{class, object, reason, until}]}, as JSON text. */
    private static List<Waiver> waivers(String json) {
        JsonNode list;
        try {
            list = JsonMapper.builder().build().readTree(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("waive must be a list of {class, object, reason, until}", e);
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("waive must be a list of {class, object, reason, until}");
        }
        List<Waiver> waivers = new ArrayList<>();
        for (JsonNode w : list) {
            waivers.add(Waiver.of(text(w, "class"), text(w, "object"), text(w, "reason"), text(w, "until")));
        }
        return waivers;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asString();
    }

    private static boolean flag(String key, String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("--" + key + " takes true or false, not '" + text + "'");
        };
    }

    private static Duration window(String text) {
        try {
            return Duration.parse("PT" + text.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--window " + text + " is not a duration such as 30m, 1h or 90s", e);
        }
    }

    private String require(String key, String what) {
        String v = values.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + key + " is required: " + what);
        }
        return v;
    }

    private static Path existing(String key, String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new IllegalArgumentException("--" + key + " " + path + " does not exist");
        }
        return p;
    }

    private static boolean isPath(String key) {
        return Set.of("dump", "source-password-file", "target-password-file", "migrations", "reference-migrations",
                "expected-schema", "key-file", "secrets", "destination-secrets", "numbers").contains(key);
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> opened, T resource) {
        opened.add(resource);
        return resource;
    }

    private static void closeAll(List<AutoCloseable> opened) {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception ignored) {
                // zeroing secrets cannot fail in a way the caller could act on
            }
        }
    }

    @Override
    public String toString() {
        return "DryRunOptions" + values.keySet();
    }

    /** A built plan and the secret files it holds open; {@link #close()} zeroes them. */
    public static final class OpenedPlan implements AutoCloseable {
        private final DryRunPlan plan;
        private final List<AutoCloseable> resources;

        private OpenedPlan(DryRunPlan plan, List<AutoCloseable> resources) {
            this.plan = Objects.requireNonNull(plan, "plan");
            this.resources = resources;
        }

        public DryRunPlan plan() {
            return plan;
        }

        @Override
        public void close() {
            closeAll(resources);
        }
    }
}
