package io.cutkit.mysql.refdata;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.cutkit.mysql.testing.DatabaseServer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * The shared reference data ({@code shared/refdata} beside the checkout) as the tests of every module
 * see it: where it is, what its manifest says, and an import of its dump by the real {@code mariadb}
 * client. Tests take names and figures from here, never from literals, so that they also run on a
 * variant of the data with other names, collations and sizes.
 */
public final class Refdata {

    private static final Pattern CREATE_DATABASE = Pattern.compile("^CREATE DATABASE\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern USE = Pattern.compile("^USE `(?:[^`]|``)+`;\\s*$", Pattern.CASE_INSENSITIVE);
    private static JsonNode manifest;

    private Refdata() {
    }

    /** The refdata folder: {@code shared/refdata} in or beside a folder above the working directory. */
    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            for (Path candidate : new Path[] {p.resolve("shared/refdata"), p.resolve("../shared/refdata")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        throw new IllegalStateException("No shared/refdata folder above " + Path.of("").toAbsolutePath()
                + "; clone the repository with shared/ beside it");
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** manifest.json, parsed once. */
    public static synchronized JsonNode manifest() {
        if (manifest == null) {
            manifest = new ObjectMapper().readTree(file("manifest.json").toFile());
        }
        return manifest;
    }

    /** A manifest value by its path of keys, e.g. {@code at("database", "collation")}; fails if absent. */
    public static JsonNode at(String... keys) {
        JsonNode node = manifest();
        for (String key : keys) {
            node = node.path(key);
        }
        if (node.isMissingNode() || node.isNull()) {
            throw new IllegalStateException("manifest.json has no " + String.join(".", keys));
        }
        return node;
    }

    public static String text(String... keys) {
        return at(keys).asString();
    }

    public static long number(String... keys) {
        return at(keys).asLong();
    }

    /** The dump file the manifest names. */
    public static Path dump() {
        return file(text("dump", "file"));
    }

    /** The database the dump creates and selects. */
    public static String databaseName() {
        return text("database", "name");
    }

    /** Table name to row count, in manifest order. */
    public static Map<String, Long> tables() {
        Map<String, Long> rows = new LinkedHashMap<>();
        at("tables").properties().forEach(e -> rows.put(e.getKey(), e.getValue().asLong()));
        return rows;
    }

    /** The dump's DEFINER accounts as the dump writes them, {@code `user`@`host`}. */
    public static List<String> definers() {
        List<String> definers = new ArrayList<>();
        at("dump", "definers").forEach(d -> definers.add(d.asString()));
        return definers;
    }

    /** The text values of a manifest list's objects under {@code field}, e.g. view names. */
    public static List<String> names(String list, String field) {
        List<String> names = new ArrayList<>();
        manifest().path(list).forEach(item -> names.add(item.path(field).asString()));
        return names;
    }

    /** A name quoted as MySQL identifiers are ({@code `a``b`}). */
    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * Feeds the dump to the server's {@code mariadb} client with its CREATE DATABASE dropped and its USE
     * statements pointed at {@code database} (which must exist), so the data lands there. Bytes pass
     * through unchanged; the password goes in MYSQL_PWD, never in the arguments.
     */
    public static void importWithClient(DatabaseServer server, String database) {
        Path client = server.clientBinary("mariadb").orElseThrow(() -> new IllegalStateException(
                "The test server ships no mariadb client; refdata imports need the embedded server"));
        ProcessBuilder builder = new ProcessBuilder(List.of(client.toString(), "--no-defaults", "--protocol=TCP",
                "--skip-ssl", "--host=" + server.host(), "--port=" + server.port(), "--user=" + server.user(),
                "--default-character-set=utf8mb4", "--max-allowed-packet=1G", "--database=" + database))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MYSQL_PWD", server.password() == null ? "" : server.password());
        String use = new String(("USE " + quote(database) + ";").getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        try {
            Path errors = Files.createTempFile("refdata-import", ".err");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            IOException feeding = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(dump()), 1 << 16), StandardCharsets.ISO_8859_1), 1 << 16);
                 Writer out = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.ISO_8859_1), 1 << 16)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (CREATE_DATABASE.matcher(line).matches()) {
                        continue;
                    }
                    out.write(USE.matcher(line).matches() ? use : line);
                    out.write('\n');
                }
            } catch (IOException e) {
                feeding = e; // the client stopped reading: its own message says why
            }
            boolean done = process.waitFor(10, TimeUnit.MINUTES);
            String message = Files.readString(errors);
            Files.deleteIfExists(errors);
            if (!done || process.exitValue() != 0 || feeding != null) {
                process.destroyForcibly();
                throw new IllegalStateException("mariadb client import of refdata into " + database + " failed: "
                        + message + (feeding == null ? "" : " (" + feeding + ")"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
