package io.cutkit.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.runbook.HtmlReport;
import io.cutkit.core.runbook.RunReport;
import io.cutkit.core.runbook.Runbook;
import io.cutkit.core.runbook.RunbookConfig;
import io.cutkit.core.runbook.Step;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pipes one known secret through every source and sink, inside a journaled runbook, with logging
 * on, provokes the errors a user can meet, and then greps everything written for the value.
 */
class SecretLeakTest {

    private static final String VALUE = "kX9-leak-canary-7f3a9c2e5b1d";

    @TempDir
    Path dir;

    @Test
    void aPipedSecretAppearsInNoLogExceptionJournalReportOrStrayFile() throws Exception {
        Path sinkFile = dir.resolve("sink/ENCRYPTION_KEY");
        Files.createDirectories(sinkFile.getParent());
        Path sourceFile = writePrivate(dir.resolve("source.key"), VALUE + "\n");
        Path envFile = writePrivate(dir.resolve("app.env"), "# app\nENCRYPTION_KEY=" + VALUE + "\n");
        Path journal = dir.resolve("journal.jsonl");
        List<String> texts = new ArrayList<>();

        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        RunReport report;
        try (EnvFile env = EnvFile.read(envFile); InMemorySecretStore memory = InMemorySecretStore.named("memory")) {
            List<SecretSource> sources = List.of(
                    EnvSecretSource.of("ENCRYPTION_KEY", Map.of("ENCRYPTION_KEY", VALUE)),
                    FileSecretSource.of(sourceFile),
                    StdinSecretSource.of(new ByteArrayInputStream((VALUE + "\n").getBytes(StandardCharsets.UTF_8)), "stdin"),
                    env.source("ENCRYPTION_KEY"));
            List<SecretSink> sinks = List.of(memory, FileSecretSink.of(sinkFile));
            List<Step> steps = new ArrayList<>();
            int number = 1;
            for (SecretSource source : sources) {
                SecretSink sink = sinks.get(number % 2);
                steps.add(Step.number(number++, "pipe from " + source.description()).budget(Duration.ofSeconds(10))
                        .action(ctx -> {
                            SecretReceipt receipt = SecretPipe.standard().move("ENCRYPTION_KEY", source, sink);
                            texts.add(receipt.toString());
                            ctx.record("key_fingerprint", receipt.fingerprint());
                            try (Secret readBack = memory.versionCount() > 0 ? memory.read() : FileSecretSource.of(sinkFile).read()) {
                                ctx.recordFingerprint("read_back", readBack);
                                texts.add(readBack.toString());
                            }
                        }).build());
            }
            report = Runbook.of("leak-check", RunbookConfig.custom().journal(journal).build(), steps).run();
            texts.add(report.toText());
            texts.add(memory.toString());
            texts.add(env.toString());
            // the errors users meet must not carry the value either
            texts.add(messageOf(() -> PlaceholderPolicy.defaults()
                    .withKnownDefault(Secret.copyOf(VALUE.getBytes(StandardCharsets.UTF_8)))
                    .requireReal("ENCRYPTION_KEY", memory.read())));
            Files.setPosixFilePermissions(sourceFile, PosixFilePermissions.fromString("rw-r--r--"));
            texts.add(messageOf(() -> FileSecretSource.of(sourceFile).read()));
            texts.add(messageOf(() -> EnvFile.read(writePrivate(dir.resolve("broken.env"), VALUE + "\n"))));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        Path html = HtmlReport.write(report, dir.resolve("report.html"));

        String logs = captured.toString(StandardCharsets.UTF_8);
        assertThat(logs).as("the capture works: the pipe logs its receipts").contains("piped secret ENCRYPTION_KEY");
        assertThat(report.stepsDone()).isEqualTo(4);
        assertThat(Files.readString(journal)).contains("key_fingerprint").contains("fp:");
        texts.add(logs);
        for (String text : texts) {
            assertNoValue(text);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (file.equals(sinkFile) || file.equals(sourceFile) || file.equals(dir.resolve("app.env"))
                        || file.equals(dir.resolve("broken.env"))) {
                    continue; // where the value was put on purpose
                }
                assertNoValue(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(Files.readString(html)).contains("leak-check");
    }

    private static void assertNoValue(String text) {
        assertThat(text).doesNotContain(VALUE)
                .doesNotContain(Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(VALUE.substring(0, 12));
    }

    private static String messageOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        List<String> message = new ArrayList<>();
        assertThatThrownBy(call).satisfies(e -> message.add(e.toString()));
        return message.get(0);
    }

    private static Path writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }
}
