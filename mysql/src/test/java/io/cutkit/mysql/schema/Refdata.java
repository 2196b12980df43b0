package io.cutkit.mysql.schema;

import io.cutkit.mysql.testing.DatabaseServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Test-side access to {@code shared/refdata}: found by walking up from the working directory, and
 * imported with the embedded server's own {@code mariadb} client into a database of the test's
 * choosing (the dump's {@code CREATE DATABASE} line is dropped and its {@code USE} lines point at
 * that database).
 */
public final class Refdata {

    private static final Pattern CREATE_DATABASE = Pattern.compile("^CREATE DATABASE .*;\\s*$");
    private static final Pattern USE = Pattern.compile("^USE `[^`]+`;\\s*$");

    private Refdata() {
    }

    /** The refdata folder: the nearest {@code shared/refdata} above the working directory. */
    public static Path dir() {
        for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
            Path candidate = at.resolve("shared").resolve("refdata");
            if (Files.isRegularFile(candidate.resolve("manifest.json"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("No shared/refdata above " + Path.of("").toAbsolutePath()
                + "; clone the repository with shared/ beside it");
    }

    public static String manifest() {
        try {
            return Files.readString(dir().resolve("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first integer following {@code "key":} after {@code after} in the manifest. */
    public static long manifestNumber(String after, String key) {
        String text = manifest();
        int from = text.indexOf("\"" + after + "\"");
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\\[?\\s*(\\d+)").matcher(text);
        if (from < 0 || !matcher.find(from)) {
            throw new IllegalStateException("manifest.json has no " + after + "." + key);
        }
        return Long.parseLong(matcher.group(1));
    }

    /** Number of tables listed in the manifest's top-level {@code "tables"} object. */
    public static int manifestTableCount() {
        String text = manifest();
        Matcher block = Pattern.compile("\\n  \"tables\"\\s*:\\s*\\{([^}]*)\\}").matcher(text);
        if (!block.find()) {
            throw new IllegalStateException("manifest.json has no tables object");
        }
        return (int) Pattern.compile("\"\\s*:").matcher(block.group(1)).results().count();
    }

    /** Imports the dump into {@code database} (which must exist) with the server's {@code mariadb} client. */
    public static void importInto(DatabaseServer server, String database) {
        Path client = server.clientBinary("mariadb").orElseThrow(() -> new IllegalStateException(
                "refdata import needs the embedded server's mariadb client"));
        ProcessBuilder builder = new ProcessBuilder(client.toString(), "--no-defaults",
                "--host=" + server.host(), "--port=" + server.port(), "--user=" + server.user(),
                "--default-character-set=utf8mb4", "--skip-ssl", database)
                .redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", server.password());
        try {
            Process process = builder.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
            try (InputStream gz = new GZIPInputStream(Files.newInputStream(dir().resolve("optileads.sql.gz")), 1 << 16);
                 BufferedReader in = new BufferedReader(new InputStreamReader(gz, StandardCharsets.UTF_8), 1 << 16);
                 OutputStream stdin = process.getOutputStream();
                 Writer out = new OutputStreamWriter(stdin, StandardCharsets.UTF_8)) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (CREATE_DATABASE.matcher(line).matches()) {
                        continue;
                    }
                    out.write(USE.matcher(line).matches() ? "USE `" + database + "`;" : line);
                    out.write('\n');
                }
            }
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("mariadb client import failed: " + output.join());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
