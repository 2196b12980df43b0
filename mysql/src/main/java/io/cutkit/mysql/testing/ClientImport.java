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
 * that ships with a {@link DatabaseServer}, into a database that must exist: the dump's lines that
 * create or drop a database are dropped and its {@code USE} lines pointed at that database, so the
 * data lands there whatever the dump names. The client runs in the dump's directory, where its
 * {@code source} commands find their files. MySQL's {@code SET @@GLOBAL.GTID_PURGED} statement, which MariaDB
 * refuses and cutkit's importer skips, is left out. Bytes pass through unchanged; the password goes in
 * {@code MYSQL_PWD}, never in the arguments. The reference load that cutkit's own importer is compared
 * with. Cost: one pass over the dump, at the client's speed.
 */
public final class ClientImport {

    /** A line that creates or drops a database (mysqldump's {@code /*!40000 DROP DATABASE ...*}{@code /;} too). */
    private static final Pattern DATABASE_DDL = Pattern.compile(
            "^\\s*(?:/\\*!\\d+\\s+)?(?:CREATE|DROP)\\s+(?:DATABASE|SCHEMA)\\b.*", Pattern.CASE_INSENSITIVE);
    /** A line that is one {@code USE db;} statement, the name quoted or not. */
    private static final Pattern USE = Pattern.compile(
            "^\\s*USE\\s+(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)\\s*;\\s*(?:(?:--|#).*)?$", Pattern.CASE_INSENSITIVE);

    /**
     * The start of MySQL's {@code SET @@GLOBAL.GTID_PURGED=...} (mysqldump 5.6 to 8.4 with GTIDs on): MariaDB has no
     * such variable (error 1193), and cutkit's importer skips it; it holds no data, so the reference load skips it too.
     */
    private static final Pattern GTID_PURGED = Pattern.compile(
            "^\\s*(?:/\\*!\\d+\\s+)?SET\\s+@@(?:GLOBAL\\.)?GTID_PURGED\\s*=.*", Pattern.CASE_INSENSITIVE);

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
        run(server, dump, database, true);
    }

    /**
     * Loads {@code dump} as it is, into whatever databases it creates and selects itself, as
     * {@code cd <its directory> && mariadb < dump} would; for a script that names its own database in
     * its statements (a view over {@code shop.orders}), which {@link #load} cannot point elsewhere.
     *
     * @throws DatabaseFixtureException when the server ships no client, or the client fails (with its message)
     */
    public static void loadAsWritten(DatabaseServer server, Path dump) {
        run(server, dump, null, false);
    }

    private static void run(DatabaseServer server, Path dump, String database, boolean redirect) {
        Path client = server.clientBinary("mariadb").orElseThrow(() -> new DatabaseFixtureException(
                "The server ships no mariadb client; a client import needs the embedded server"));
        ProcessBuilder builder = new ProcessBuilder(new java.util.ArrayList<>(List.of(client.toString(), "--no-defaults", "--protocol=TCP",
                "--skip-ssl", "--host=" + server.host(), "--port=" + server.port(), "--user=" + server.user(),
                "--default-character-set=utf8mb4", "--max-allowed-packet=1G")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).directory(dump.toAbsolutePath().getParent().toFile());
        if (redirect) {
            builder.command().add("--database=" + database);
        }
        builder.environment().put("MYSQL_PWD", server.password() == null ? "" : server.password());
        String use = redirect ? new String(("USE `" + database.replace("`", "``") + "`;").getBytes(StandardCharsets.UTF_8),
                StandardCharsets.ISO_8859_1) : null;
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
                boolean inGtidPurged = false;
                while ((line = in.readLine()) != null) {
                    if (inGtidPurged || GTID_PURGED.matcher(line).matches()) {
                        inGtidPurged = !line.stripTrailing().endsWith(";"); // its GTID set may span lines
                        continue;
                    }
                    if (redirect && DATABASE_DDL.matcher(line).matches()) {
                        continue;
                    }
                    out.write(redirect && USE.matcher(line).matches() ? use : line);
                    out.write('\n');
                }
            } catch (IOException e) {
                feeding = e; // the client stopped reading: its own message says why
            }
            boolean done = process.waitFor(30, TimeUnit.MINUTES);
            String message = new String(Files.readAllBytes(errors), StandardCharsets.UTF_8); // the client echoes damaged bytes as they are
            if (!done || process.exitValue() != 0 || feeding != null) {
                process.destroyForcibly();
                throw new DatabaseFixtureException("mariadb client import of " + dump.getFileName()
                        + (redirect ? " into `" + database + "`" : "") + " failed: " + message.strip() + (feeding == null ? "" : " (" + feeding.getMessage() + ")"));
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
