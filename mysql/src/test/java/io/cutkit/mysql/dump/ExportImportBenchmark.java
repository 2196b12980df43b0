package io.cutkit.mysql.dump;

import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.VerificationReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Times cutkit's export and import against {@code mariadb-dump | mariadb}, mydumper + myloader (when
 * installed) and the {@code mariadb} client's load of a third-party file, on a generated CRM-shaped
 * database of about 175 MB (300k leads with three ~100-byte envelope columns and notes with emoji,
 * 20k calls with 1 KiB blobs) on a fresh embedded MariaDB. Passwords go to child processes through
 * MYSQL_PWD or a 0600 option file, never argv. Run:
 * {@code mvn -B -ntp -P bench -pl mysql -am verify -DskipTests -Dbench=ExportImport}, with
 * optional {@code -Dbench.format=both|sql|load-data} (cutkit's chunk format; both measures the two in
 * the same round, under the same machine load), {@code -Dbench.rounds=N} (every contender N times,
 * with min / median / max), {@code -Dbench.workers}, {@code -Dbench.affinity}, {@code -Dbench.leads},
 * {@code -Dbench.calls}.
 */
public final class ExportImportBenchmark {

    private static final int LEADS = Integer.getInteger("bench.leads", 300_000);
    private static final int CALLS = Integer.getInteger("bench.calls", 20_000);
    private static final int WORKERS = Integer.getInteger("bench.workers", 4);
    private static final boolean AFFINITY = Boolean.getBoolean("bench.affinity");
    private static final String FORMAT = System.getProperty("bench.format", "both");
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 1);

    private ExportImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<ChunkManifest.Format> formats = switch (FORMAT) {
            case "both" -> List.of(ChunkManifest.Format.SQL, ChunkManifest.Format.LOAD_DATA);
            case "sql" -> List.of(ChunkManifest.Format.SQL);
            case "load-data" -> List.of(ChunkManifest.Format.LOAD_DATA);
            default -> throw new IllegalArgumentException("bench.format is sql, load-data or both, not " + FORMAT);
        };
        Path work = Files.createTempDirectory("cutkit-bench-");
        try (DatabaseServer server = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_unicode_ci").start()) {
            String source = server.createDatabase("bench_src");
            long t0 = System.nanoTime();
            generate(server, source);
            System.out.printf("generated %d leads, %d calls in %.1f s; data size %.1f MB; %d workers, affinity %s%n",
                    LEADS, CALLS, secs(t0), dataBytes(server, source) / 1e6, WORKERS, AFFINITY);
            Map<String, String> expected;
            try (Connection c = server.connect(source)) {
                expected = ContentHashes.of(c, source);
            }
            Map<String, List<Double>> all = new LinkedHashMap<>();
            for (int round = 1; round <= ROUNDS; round++) {
                Map<String, Double> times = round(server, source, expected, formats, work.resolve("round-" + round));
                System.out.printf("%n-- round %d of %d%n", round, ROUNDS);
                times.forEach((k, v) -> System.out.printf("%-34s %7.2f s%n", k, v));
                ratios(times, formats).forEach((k, v) -> System.out.printf("%-58s %5.2f%n", k, v));
                times.forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
                ratios(times, formats).forEach((k, v) -> all.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
            if (ROUNDS > 1) {
                System.out.printf("%n-- all %d rounds (min / median / max)%n", ROUNDS);
                all.forEach((k, v) -> {
                    List<Double> sorted = v.stream().sorted().toList();
                    System.out.printf("%-58s %6.2f / %6.2f / %6.2f%n", k, sorted.get(0), sorted.get(sorted.size() / 2),
                            sorted.get(sorted.size() - 1));
                });
            }
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String label(ChunkManifest.Format format) {
        return format == ChunkManifest.Format.SQL ? "sql" : "load-data";
    }

    private static Map<String, Double> ratios(Map<String, Double> times, List<ChunkManifest.Format> formats) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ChunkManifest.Format f : formats) {
            double ck = times.get("cutkit export+import (" + label(f) + ")");
            out.put("cutkit(" + label(f) + ") / (mariadb-dump | mariadb)   [target <= 0.33]", ck / times.get("mariadb-dump | mariadb"));
            Optional.ofNullable(times.get("mydumper+myloader")).ifPresent(m ->
                    out.put("cutkit(" + label(f) + ") / (mydumper+myloader)     [target <= 0.90]", ck / m));
        }
        if (formats.size() == 2) {
            out.put("import load-data / import sql (same round)", times.get("  import (load-data)") / times.get("  import (sql)"));
        }
        out.put("mariadb < file / cutkit import of file  [target >= 2]",
                times.get("mariadb < file") / times.get("cutkit import of file"));
        return out;
    }

    /** One measurement of every contender; targets are dropped after their check so rounds do not pile up data. */
    private static Map<String, Double> round(DatabaseServer server, String source, Map<String, String> expected,
            List<ChunkManifest.Format> formats, Path work) throws Exception {
        Files.createDirectories(work);
        ServerAddress address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
        Map<String, Double> times = new LinkedHashMap<>();
        for (ChunkManifest.Format format : formats) {
            Path snap = work.resolve("cutkit-snapshot-" + label(format));
            String target = "bench_cutkit_" + format.name().toLowerCase(java.util.Locale.ROOT);
            long t = System.nanoTime();
            var snapshot = JdbcSnapshotExporter.builder(address).workers(WORKERS).chunkFormat(format).build()
                    .export(List.of(source), snap.toUri());
            double export = secs(t);
            t = System.nanoTime();
            JdbcSnapshotImporter.builder(address).workers(WORKERS).tableAffinity(AFFINITY).build().importInto(snapshot, target);
            double load = secs(t);
            times.put("cutkit export+import (" + label(format) + ")", export + load);
            times.put("  export (" + label(format) + ")", export);
            times.put("  import (" + label(format) + ")", load);
            verify(server, source, target, label(format));
            check(server, target, expected);
        }

        Path client = server.clientBinary("mariadb").orElseThrow();
        Path dump = server.clientBinary("mariadb-dump").orElseThrow();
        List<String> connect = List.of("--protocol=TCP", "--host=" + server.host(), "--port=" + server.port(),
                "--user=" + server.user(), "--skip-ssl");
        exec(server, List.of(client.toString(), "--protocol=TCP", "--host=" + server.host(), "--port=" + server.port(),
                "--user=" + server.user(), "--skip-ssl", "-e", "CREATE DATABASE bench_pipe"), null, null);
        List<String> dumpCmd = new ArrayList<>(List.of(dump.toString()));
        dumpCmd.addAll(connect);
        dumpCmd.addAll(List.of("--single-transaction", "--hex-blob", "--routines", "--triggers", "--default-character-set=utf8mb4", source));
        List<String> loadCmd = new ArrayList<>(List.of(client.toString()));
        loadCmd.addAll(connect);
        loadCmd.addAll(List.of("--default-character-set=utf8mb4", "bench_pipe"));
        long t = System.nanoTime();
        pipe(server, dumpCmd, loadCmd);
        times.put("mariadb-dump | mariadb", secs(t));
        check(server, "bench_pipe", expected);

        if (onPath("mydumper") && onPath("myloader")) {
            Path options = work.resolve("my.cnf");
            Files.createFile(options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(options, "[client]\nuser=" + server.user() + "\npassword=" + server.password() + "\n"
                    + "[mydumper]\nuser=" + server.user() + "\npassword=" + server.password() + "\n"
                    + "[myloader]\nuser=" + server.user() + "\npassword=" + server.password() + "\n");
            Path out = work.resolve("mydumper");
            t = System.nanoTime();
            exec(server, List.of("mydumper", "--defaults-file=" + options, "-h", server.host(), "-P",
                    String.valueOf(server.port()), "-B", source, "-o", out.toString(), "-t", String.valueOf(WORKERS),
                    "-r", "100000"), null, null);
            exec(server, List.of("myloader", "--defaults-file=" + options, "-h", server.host(), "-P",
                    String.valueOf(server.port()), "-d", out.toString(), "-B", "bench_myloader", "-t",
                    String.valueOf(WORKERS), "-o"), null, null);
            times.put("mydumper+myloader", secs(t));
            check(server, "bench_myloader", expected);
        } else {
            System.out.println("mydumper/myloader not installed (apt-get install -y mydumper): skipped");
        }

        Path file = work.resolve("third-party.sql");
        exec(server, dumpCmd, null, file);
        exec(server, List.of(client.toString(), "--protocol=TCP", "--host=" + server.host(), "--port=" + server.port(),
                "--user=" + server.user(), "--skip-ssl", "-e", "CREATE DATABASE bench_client_file"), null, null);
        t = System.nanoTime();
        List<String> fileLoad = new ArrayList<>(List.of(client.toString()));
        fileLoad.addAll(connect);
        fileLoad.addAll(List.of("--default-character-set=utf8mb4", "bench_client_file"));
        exec(server, fileLoad, file, null);
        times.put("mariadb < file", secs(t));
        check(server, "bench_client_file", expected);
        String cutkitFileTarget = server.createDatabase("bench_cutkit_file");
        t = System.nanoTime();
        JdbcSnapshotImporter.builder(address).workers(WORKERS).tableAffinity(AFFINITY).build().importPath(file, cutkitFileTarget);
        times.put("cutkit import of file", secs(t));
        check(server, cutkitFileTarget, expected);
        System.out.printf("file: %.1f MB (mariadb-dump)%n", Files.size(file) / 1e6);
        return times;
    }

    /** Adds the CRM-shaped {@code leads} and {@code calls} tables (~175 MB with the defaults) to {@code db}. */
    public static void generate(DatabaseServer server, String db) throws Exception {
        Random r = new Random(42);
        Base64.Encoder b64 = Base64.getEncoder();
        String[] emoji = {"📞", "🎉", "✅", "🙂", "🚀", "—", "é", "ß"};
        String[] words = {"called", "back", "tomorrow", "interested", "pricing", "demo", "follow", "up", "voicemail", "left"};
        try (Connection c = server.connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE leads (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, email TEXT, phone TEXT, name TEXT,"
                    + " notes MEDIUMTEXT, status VARCHAR(20) NOT NULL, referenceId VARCHAR(64), createdAt DATETIME NOT NULL,"
                    + " KEY idx_status (status)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
            s.execute("CREATE TABLE calls (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, leadId INT NOT NULL, callSid CHAR(34)"
                    + " NOT NULL, recording BLOB, durationSec INT, createdAt DATETIME NOT NULL, KEY idx_lead (leadId))"
                    + " DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci");
            StringBuilder sql = new StringBuilder();
            for (int id = 1; id <= LEADS; id++) {
                if (sql.length() == 0) {
                    sql.append("INSERT INTO leads VALUES ");
                } else {
                    sql.append(',');
                }
                sql.append('(').append(id);
                for (int k = 0; k < 3; k++) {
                    byte[] iv = new byte[12];
                    byte[] ct = new byte[40 + r.nextInt(8)];
                    r.nextBytes(iv);
                    r.nextBytes(ct);
                    sql.append(",'{\"v\":1,\"iv\":\"").append(b64.encodeToString(iv)).append("\",\"ct\":\"")
                            .append(b64.encodeToString(ct)).append("\"}'");
                }
                if (r.nextInt(5) == 0) {
                    sql.append(",NULL");
                } else {
                    StringBuilder note = new StringBuilder();
                    int n = 15 + r.nextInt(25);
                    for (int w = 0; w < n; w++) {
                        note.append(words[r.nextInt(words.length)]).append(w % 7 == 3 ? emoji[r.nextInt(emoji.length)] : "").append(' ');
                    }
                    sql.append(",'").append(note.toString().replace("'", "''")).append("'");
                }
                sql.append(",'").append(new String[] {"new", "contacted", "won", "lost"}[r.nextInt(4)]).append("','REF-")
                        .append(Long.toHexString(r.nextLong())).append("','2024-0").append(1 + r.nextInt(9)).append("-1")
                        .append(r.nextInt(10)).append(" 10:").append(10 + r.nextInt(50)).append(":00')");
                if (sql.length() > 512 * 1024 || id == LEADS) {
                    s.execute(sql.toString());
                    sql.setLength(0);
                }
            }
            byte[] blob = new byte[1024];
            for (int id = 1; id <= CALLS; id++) {
                if (sql.length() == 0) {
                    sql.append("INSERT INTO calls VALUES ");
                } else {
                    sql.append(',');
                }
                r.nextBytes(blob);
                sql.append('(').append(id).append(',').append(1 + r.nextInt(LEADS)).append(",'CA")
                        .append(String.format("%032x", r.nextLong() & Long.MAX_VALUE)).append("',0x")
                        .append(java.util.HexFormat.of().formatHex(blob)).append(',').append(r.nextInt(900))
                        .append(",'2024-05-0").append(1 + r.nextInt(9)).append(" 12:00:00')");
                if (sql.length() > 512 * 1024 || id == CALLS) {
                    s.execute(sql.toString());
                    sql.setLength(0);
                }
            }
        }
    }

    private static long dataBytes(DatabaseServer server, String db) throws Exception {
        try (Connection c = server.connect(db); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT SUM(LENGTH(email)+LENGTH(phone)+LENGTH(name)+COALESCE(LENGTH(notes),0)"
                        + "+LENGTH(status)+LENGTH(referenceId)+19+4) FROM leads")) {
            rs.next();
            long leads = rs.getLong(1);
            try (ResultSet rc = s.executeQuery("SELECT SUM(LENGTH(recording)+34+4+4+4+19) FROM calls")) {
                rc.next();
                return leads + rc.getLong(1);
            }
        }
    }

    /** cutkit's own verification of a copy: it must find no difference; prints its throughput (not a contender's time). */
    private static void verify(DatabaseServer server, String source, String target, String label) {
        long t = System.nanoTime();
        VerificationReport report = DatabaseVerifier.builder().build()
                .compare(server.dataSource(null), source, server.dataSource(null), target);
        double seconds = secs(t);
        if (!report.matches()) {
            throw new IllegalStateException("DatabaseVerifier finds " + target + " differs from the source: " + report.toText());
        }
        System.out.printf("  verify (%s): %d tables, 0 differences, %.1f MB per side in %.2f s = %.0f MB/s%n", label,
                report.tables().size(), report.sourceBytes() / 1e6, seconds, report.sourceBytes() / 1e6 / seconds);
    }

    private static void check(DatabaseServer server, String db, Map<String, String> expected) throws Exception {
        try (Connection c = server.connect(db)) {
            Map<String, String> got = ContentHashes.of(c, db);
            if (!got.equals(expected)) {
                throw new IllegalStateException(db + " differs from the source: " + got + " vs " + expected);
            }
        }
        server.dropDatabase(db);
    }

    private static boolean onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    private static ProcessBuilder builder(DatabaseServer server, List<String> cmd) {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("MYSQL_PWD", server.password());
        return pb;
    }

    private static void exec(DatabaseServer server, List<String> cmd, Path stdin, Path stdout)
            throws IOException, InterruptedException {
        ProcessBuilder pb = builder(server, cmd);
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        if (stdout != null) {
            pb.redirectOutput(stdout.toFile());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        } else {
            pb.redirectErrorStream(true);
        }
        Process p = pb.start();
        String out = stdout == null ? new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (p.waitFor() != 0) {
            throw new IllegalStateException(cmd.get(0) + " failed: " + out);
        }
    }

    private static void pipe(DatabaseServer server, List<String> first, List<String> second) throws Exception {
        List<Process> ps = ProcessBuilder.startPipeline(List.of(
                builder(server, first).redirectError(ProcessBuilder.Redirect.INHERIT),
                builder(server, second).redirectError(ProcessBuilder.Redirect.INHERIT)));
        for (Process p : ps) {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("pipeline step failed: " + p.info().command().orElse("?"));
            }
        }
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
