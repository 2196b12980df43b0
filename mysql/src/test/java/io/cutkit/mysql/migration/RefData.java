package io.cutkit.mysql.migration;

import io.cutkit.mysql.testing.DatabaseServer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/** Finds {@code shared/refdata} above the working directory and imports its dump with the server's own client. */
final class RefData {

    private static final Pattern CREATE_DATABASE = Pattern.compile("^CREATE DATABASE\\b.*", Pattern.CASE_INSENSITIVE);
    private static final Pattern USE = Pattern.compile("^USE `[^`]+`;\\s*$", Pattern.CASE_INSENSITIVE);

    private RefData() {
    }

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("refdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No shared/refdata folder above " + Path.of("").toAbsolutePath()
                + "; clone the repository with shared/ beside it.");
    }

    /**
     * Feeds optileads.sql.gz to the {@code mariadb} client, with the dump's CREATE DATABASE dropped and its
     * USE statements pointed at {@code database}, so the data lands there. The password goes in MYSQL_PWD.
     */
    static void importInto(DatabaseServer server, String database) {
        Path client = server.clientBinary("mariadb").orElseThrow(() -> new IllegalStateException(
                "The test server ships no mariadb client; refdata tests need the embedded server"));
        ProcessBuilder pb = new ProcessBuilder(List.of(client.toString(), "--protocol=TCP", "--skip-ssl", "--host=" + server.host(),
                "--port=" + server.port(), "--user=" + server.user(), "--default-character-set=utf8mb4",
                "--database=" + database));
        pb.environment().put("MYSQL_PWD", server.password() == null ? "" : server.password());
        pb.redirectErrorStream(true);
        try {
            Process process = pb.start();
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try (InputStream in = process.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String use = "USE `" + database.replace("`", "``") + "`;";
            try (BufferedReader dump = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                    Files.newInputStream(dir().resolve("optileads.sql.gz")), 1 << 16), StandardCharsets.UTF_8));
                 BufferedWriter stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
                String line;
                while ((line = dump.readLine()) != null) {
                    if (CREATE_DATABASE.matcher(line).matches()) {
                        continue;
                    }
                    stdin.write(USE.matcher(line).matches() ? use : line);
                    stdin.write('\n');
                }
            }
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("mariadb import did not finish within 5 minutes");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("mariadb import failed (" + process.exitValue() + "): " + output.join());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
