package io.cutkit.mysql.testing;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Loads a dump ({@code .sql} or gzip, told by its magic bytes) with the real {@code mariadb} client
 * that ships with a {@link DatabaseServer}, into a database that must exist: the dump's
 * {@code CREATE DATABASE} lines are dropped and its {@code USE} lines pointed at that database, so the
 * data lands there whatever the dump names. Bytes pass through unchanged; the password goes in
 * {@code MYSQL_PWD}, never in the arguments. The reference load that cutkit's own importer is compared
 * with. Cost: one pass over the dump, at the client's speed.
 */
public final class ClientImport {

    private static final Pattern CREATE_DATABASE = Pattern.compile("^CREATE DATABASE\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern USE = Pattern.compile("^USE `(?:[^`]|``)+`;\\s*$", Pattern.CASE_INSENSITIVE);

    private ClientImport() {
    }

    /** Whether {@code server} ships the {@code mariadb} client this needs. */
    public static boolean available(DatabaseServer server) {
        return server.clientBinary("mariadb").isPresent();
    }

    /**
     * Loads {@code dump} into {@code database} on {@code server}.
     *
     * @throws DatabaseFixtureException when the server ships no client, or the client fails (with its message)
     */
    public static void load(DatabaseServer server, Path dump, String database) {
        Path client = server.clientBinary("mariadb").orElseThrow(() -> new DatabaseFixtureException(
                "The server ships no mariadb client; a client import needs the embedded server"));
        ProcessBuilder builder = new ProcessBuilder(List.of(client.toString(), "--no-defaults", "--protocol=TCP",
                "--skip-ssl", "--host=" + server.host(), "--port=" + server.port(), "--user=" + server.user(),
                "--default-character-set=utf8mb4", "--max-allowed-packet=1G", "--database=" + database))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MYSQL_PWD", server.password() == null ? "" : server.password());
        String use = new String(("USE `" + database.replace("`", "``") + "`;").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1);
        Path errors = null;
        try {
            errors = Files.createTempFile("cutkit-client-import", ".err");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            IOException feeding = null;
            // the client's input is opened first so that it is closed (and the client ends) even when the dump cannot be opened
            try (Writer out = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(),
                    StandardCharsets.ISO_8859_1), 1 << 16);
                    BufferedReader in = new BufferedReader(new InputStreamReader(open(dump), StandardCharsets.ISO_8859_1),
                            1 << 16)) {
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
            boolean done = process.waitFor(30, TimeUnit.MINUTES);
            String message = Files.readString(errors);
            if (!done || process.exitValue() != 0 || feeding != null) {
                process.destroyForcibly();
                throw new DatabaseFixtureException("mariadb client import of " + dump.getFileName() + " into `" + database
                        + "` failed: " + message.strip() + (feeding == null ? "" : " (" + feeding.getMessage() + ")"));
            }
        } catch (IOException e) {
            throw new DatabaseFixtureException("Could not run the mariadb client for " + dump.getFileName() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseFixtureException("Interrupted while the mariadb client loaded " + dump.getFileName(), e);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }

    private static InputStream open(Path dump) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(dump), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
