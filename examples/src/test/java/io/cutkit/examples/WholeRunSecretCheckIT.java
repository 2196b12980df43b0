package io.cutkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.run.v2.EnvVar;
import com.google.cloud.secretmanager.v1.SecretVersionName;
import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.Secret;
import io.cutkit.examples.crm.CrmApi;
import io.cutkit.examples.local.LocalStage;
import io.cutkit.examples.local.StageServers;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.preflight.DryRun;
import io.cutkit.preflight.DryRunPlan;
import io.cutkit.preflight.DryRunReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole rehearsal and a dry-run of refdata with its key and secrets, every logger at DEBUG into
 * one log file: no secret value they used (database passwords, the stage's key and credentials in
 * Cloud Run and Secret Manager, refdata's secrets.env), nor a key's hex or base64 form, appears in any
 * file they wrote, on the console or in the log. Runs in its own JVM (failsafe reuseForks=false), so
 * the logging settings are in place before the first logger exists.
 */
class WholeRunSecretCheckIT {

    private static final Path LOG;

    static {
        try {
            LOG = Files.createTempFile("whole-run-secret-check", ".log");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        System.setProperty("org.slf4j.simpleLogger.logFile", LOG.toString());
    }

    @TempDir
    Path work;

    @Test
    void noSecretValueAppearsInAnyFileConsoleOrLogLineOfARehearsalAndADryRun() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(new Tee(console, originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(console, originalErr), true, StandardCharsets.UTF_8));
        try (StageServers servers = StageServers.start()) {
            for (DatabaseServer server : List.of(servers.source(), servers.destination(), servers.scratch())) {
                secrets.put("password of " + server.jdbcUrl(""), server.password());
            }
            try (PrintStream out = new PrintStream(new Tee(console, originalOut), true, StandardCharsets.UTF_8)) {
                int code = Rehearsal.run(List.of(), out, work.resolve("rehearsal"), servers,
                        stage -> secrets.putAll(secretsOf(stage)));
                assertThat(code).as(console.toString(StandardCharsets.UTF_8)).isEqualTo(Rehearsal.DONE);
            }
            secrets.putAll(dryRun(servers.scratch(), work.resolve("dry-run")));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        Map<String, String> forms = withKeyForms(secrets);
        assertThat(forms).containsKeys("stage ENCRYPTION_KEY (hex)", "refdata ENCRYPTION_KEY (hex)", "stage admin password");
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("console", console.toString(StandardCharsets.UTF_8));
        texts.put("log " + LOG, Files.readString(LOG, StandardCharsets.ISO_8859_1));
        try (Stream<Path> files = Files.walk(work)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.put(work.relativize(f).toString(), new String(contents(f), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(texts.get("log " + LOG)).contains("DEBUG");
        assertThat(texts.keySet()).anyMatch(f -> f.endsWith("report.html")).anyMatch(f -> f.startsWith("dry-run"))
                .anyMatch(f -> f.endsWith(".sql.gz"));
        List<String> hits = new ArrayList<>();
        texts.forEach((where, text) -> forms.forEach((name, value) -> {
            if (text.contains(value)) {
                hits.add(name + " in " + where + " at: " + excerpt(text, value));
            }
        }));
        assertThat(hits).as("%d secret values in %d texts", forms.size(), texts.size()).isEmpty();
        System.out.printf("no hit of %d secret values in %d texts (%d files, console, log of %d bytes)%n", forms.size(),
                texts.size(), texts.size() - 2, Files.size(LOG));
        Files.delete(LOG);
    }

    /** The stage's passwords and the values of its contractor service and of Secret Manager, identifiers and hosts left out. */
    private static Map<String, String> secretsOf(LocalStage stage) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("stage admin password", text(stage.adminPassword()));
        out.put("stage application password", text(stage.appDatabasePassword()));
        for (EnvVar env : stage.cloudRun().getService(stage.sourceService().toString()).getTemplate().getContainers(0)
                .getEnvList()) {
            if (isSecret(env.getName()) && !env.getValue().isEmpty()) {
                out.put("stage " + env.getName(), env.getValue());
            }
        }
        for (String name : Stream.concat(Stream.of(CrmApi.KEY_VARIABLE), CrmApi.CREDENTIALS.stream()).toList()) {
            if (isSecret(name)) {
                out.put("Secret Manager " + name, stage.secretManager().accessSecretVersion(
                        SecretVersionName.of(stage.project(), name, "latest")).getPayload().getData().toStringUtf8());
            }
        }
        return out;
    }

    /** Runs the dry-run of refdata with its key and every secret of secrets.env, writing its report under {@code dir}. */
    private static Map<String, String> dryRun(DatabaseServer server, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path envFile = dir.resolve("secrets.env");
        Files.copy(Refdata.file("secrets.env"), envFile);
        Files.setPosixFilePermissions(envFile, PosixFilePermissions.fromString("rw-------"));
        String[] encrypted = Refdata.at("encryption", "columns").get(0).asString().split("\\.");
        try (EnvFile env = EnvFile.read(envFile)) {
            DryRunPlan.Builder plan = DryRunPlan.builder().dump(Refdata.dump()).database("crm")
                    .key(env.source(Refdata.text("encryption", "keyVariable")),
                            List.of(ColumnRef.of(encrypted[0], encrypted[1])), List.of());
            env.names().forEach(name -> plan.secret(name, env.source(name)));
            DryRunReport report = DryRun.of(plan.build()).onServer(server).progress(System.out::println).run();
            report.write(dir.resolve("report"));
            System.out.println(report.toText());
        }
        Files.delete(envFile); // the input, not something the dry-run wrote
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Refdata.file("secrets.env"), StandardCharsets.UTF_8)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0 && isSecret(line.substring(0, equals))) {
                out.put("refdata " + line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return out;
    }

    /** Hosts, user names and account SIDs are identifiers that reports may name; everything else is secret. */
    private static boolean isSecret(String name) {
        return !name.endsWith("_HOST") && !name.endsWith("_USER") && !name.endsWith("_SID");
    }

    /** Each value, and for a value that is the base64 of a key (16 bytes or more), its hex and other base64 forms. */
    private static Map<String, String> withKeyForms(Map<String, String> secrets) {
        Map<String, String> out = new LinkedHashMap<>();
        secrets.forEach((name, value) -> {
            out.put(name, value);
            try {
                byte[] key = Base64.getDecoder().decode(value.strip());
                if (key.length >= 16) {
                    out.put(name + " (hex)", HexFormat.of().formatHex(key));
                    out.put(name + " (HEX)", HexFormat.of().withUpperCase().formatHex(key));
                    out.put(name + " (base64url)", Base64.getUrlEncoder().withoutPadding().encodeToString(key));
                    out.put(name + " (base64, unpadded)", Base64.getEncoder().withoutPadding().encodeToString(key));
                }
            } catch (IllegalArgumentException notBase64) {
                // not a key's text: the value itself is all there is to look for
            }
        });
        out.values().removeIf(v -> v.length() < 8);
        return out;
    }

    /** A file's bytes, a gzip file's (the snapshot export) decompressed. */
    private static byte[] contents(Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    private static String text(Secret secret) {
        return secret.withBytes(b -> new String(b, StandardCharsets.UTF_8));
    }

    private static String excerpt(String text, String value) {
        int at = text.indexOf(value);
        return text.substring(Math.max(0, at - 80), at).replace('\n', ' ') + "<secret>";
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
