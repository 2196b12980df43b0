package io.cutkit.mysql.dump;

import io.cutkit.mysql.testing.DatabaseServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Runs the embedded server's {@code mariadb} client; the password goes through MYSQL_PWD, never argv. */
final class MariaDbClient {

    private MariaDbClient() {
    }

    /**
     * Loads a dump file (.sql or .sql.gz) into {@code database} (null: none selected), run from the
     * file's directory as people do ({@code source} commands find their files there), and returns the
     * exit code and output.
     */
    static Result load(DatabaseServer server, Path dump, String database) throws IOException, InterruptedException {
        Path client = server.clientBinary("mariadb").orElseThrow(() -> new IllegalStateException("no mariadb client"));
        List<String> cmd = new ArrayList<>(List.of(client.toString(), "--protocol=TCP", "--host=" + server.host(),
                "--port=" + server.port(), "--user=" + server.user(), "--default-character-set=utf8mb4", "--skip-ssl", "--max-allowed-packet=1G"));
        if (database != null) {
            cmd.add(database);
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dump.toAbsolutePath().getParent().toFile());
        pb.environment().put("MYSQL_PWD", server.password());
        Process p = pb.start();
        Thread feeder = new Thread(() -> {
            try (InputStream raw = Files.newInputStream(dump);
                    InputStream in = dump.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                    OutputStream out = p.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // the client exited early; its output says why
            }
        });
        feeder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        feeder.join();
        return new Result(code, output);
    }

    /** Dumps {@code database} with mariadb-dump (--databases, routines, events, triggers, hex blobs) into {@code file}. */
    static Result dump(DatabaseServer server, String database, Path file) throws IOException, InterruptedException {
        Path tool = server.clientBinary("mariadb-dump").orElseThrow(() -> new IllegalStateException("no mariadb-dump"));
        ProcessBuilder pb = new ProcessBuilder(tool.toString(), "--protocol=TCP", "--host=" + server.host(),
                "--port=" + server.port(), "--user=" + server.user(), "--skip-ssl", "--max-allowed-packet=1G", "--single-transaction", "--hex-blob",
                "--routines", "--events", "--triggers", "--default-character-set=utf8mb4", "--databases", database)
                .redirectOutput(file.toFile());
        pb.environment().put("MYSQL_PWD", server.password());
        Process p = pb.start();
        String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), errors);
    }

    record Result(int exitCode, String output) {
    }
}
