package io.cutkit.crypto.jdbc;

import io.cutkit.crypto.RefData;
import io.cutkit.mysql.testing.DatabaseServer;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
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
 * Loads refdata's dump into a given database with the embedded server's own {@code mariadb}
 * client: the dump's {@code CREATE DATABASE} is dropped and its {@code USE} pointed at the target
 * (both would otherwise send the data to {@code Optileads}); the password goes through
 * {@code MYSQL_PWD}, never the command line.
 */
final class RefdataImport {

    private static final Pattern CREATE_DATABASE = Pattern.compile("^CREATE DATABASE .*;\\s*$");
    private static final Pattern USE = Pattern.compile("^USE `[^`]+`;\\s*$");

    private RefdataImport() {
    }

    static void into(DatabaseServer server, String database) throws IOException, InterruptedException {
        Path client = server.clientBinary("mariadb")
                .orElseThrow(() -> new IllegalStateException("this test needs the embedded server's mariadb client"));
        ProcessBuilder builder = new ProcessBuilder(List.of(client.toString(), "--protocol=TCP",
                "--host=" + server.host(), "--port=" + server.port(), "--user=" + server.user(),
                "--default-character-set=utf8mb4", "--skip-ssl", database))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("MYSQL_PWD", server.password());
        Path errors = Files.createTempFile("refdata-import", ".err");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        try (BufferedReader dump = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(RefData.dir().resolve("optileads.sql.gz")), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
             Writer stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = dump.readLine()) != null) {
                if (CREATE_DATABASE.matcher(line).matches()) {
                    continue;
                }
                stdin.write(USE.matcher(line).matches() ? "USE `" + database + "`;" : line);
                stdin.write('\n');
            }
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            String message = Files.readString(errors);
            Files.deleteIfExists(errors);
            throw new IllegalStateException("importing refdata into " + database + " failed: " + message);
        }
        Files.deleteIfExists(errors);
    }
}
