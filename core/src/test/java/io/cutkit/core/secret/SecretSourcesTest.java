package io.cutkit.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.RefData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretSourcesTest {

    @TempDir
    Path dir;

    private Path privateFile(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static Secret secret(String value) {
        return Secret.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void envFileReadsTheRefdataSecretsInOrder() throws IOException {
        Path copy = dir.resolve("secrets.env");
        Files.copy(RefData.file("secrets.env"), copy);
        Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        try (EnvFile env = EnvFile.read(copy)) {
            assertThat(env.names()).containsExactly("ENCRYPTION_KEY", "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN",
                    "TWILIO_API_KEY", "SMTP_HOST", "SMTP_USER", "SMTP_PASS", "IMAP_HOST", "IMAP_USER", "IMAP_PASS");
            String line = Files.readAllLines(copy).stream().filter(l -> l.startsWith("SMTP_PASS=")).findFirst().orElseThrow();
            try (Secret smtpPass = env.source("SMTP_PASS").read()) {
                assertThat(smtpPass).isEqualTo(secret(line.substring("SMTP_PASS=".length())));
            }
        }
    }

    @Test
    void envFileHandlesExportQuotesCommentsAndCrlf() throws IOException {
        Path file = privateFile("app.env", "# comment\r\n\r\nexport A=one\r\nB=\"two words\"\nC='x=y'\nD=\n");
        try (EnvFile env = EnvFile.read(file)) {
            assertThat(env.names()).containsExactly("A", "B", "C", "D");
            assertThat(env.source("A").read()).isEqualTo(secret("one"));
            assertThat(env.source("B").read()).isEqualTo(secret("two words"));
            assertThat(env.source("C").read()).isEqualTo(secret("x=y"));
            assertThat(env.source("D").read().length()).isZero();
        }
    }

    @Test
    void envFileNamesTheBadLineButNeverItsContent() throws IOException {
        Path file = privateFile("bad.env", "GOOD=1\nthis line holds s3cr3t-value without equals\n");
        assertThatThrownBy(() -> EnvFile.read(file))
                .isInstanceOf(SecretException.class)
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void envFileRefusesADuplicateName() throws IOException {
        Path file = privateFile("dup.env", "KEY=first\nKEY=second\n");
        assertThatThrownBy(() -> EnvFile.read(file)).hasMessageContaining("KEY twice").hasMessageContaining("line 2")
                .hasMessageNotContaining("second");
    }

    @Test
    void worldReadableFilesAreRefused() throws IOException {
        Path file = privateFile("key.txt", "value\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> FileSecretSource.of(file).read())
                .isInstanceOf(SecretException.class).hasMessageContaining("readable by every user").hasMessageContaining("chmod");
        assertThatThrownBy(() -> EnvFile.read(file)).hasMessageContaining("readable by every user");
    }

    @Test
    void fileSourceTrimsOneTrailingNewlineUnlessVerbatim() throws IOException {
        Path file = privateFile("key.txt", "value\n");
        assertThat(FileSecretSource.of(file).read()).isEqualTo(secret("value"));
        assertThat(FileSecretSource.verbatim(file).read()).isEqualTo(secret("value\n"));
    }

    @Test
    void stdinSourceReadsToTheEndOnce() {
        StdinSecretSource source = StdinSecretSource.of(new ByteArrayInputStream("piped-value\r\n".getBytes(StandardCharsets.UTF_8)), "pipe");
        assertThat(source.read()).isEqualTo(secret("piped-value"));
        assertThatThrownBy(source::read).hasMessageContaining("already read");
    }

    @Test
    void envSourceSaysWhichVariableIsMissing() {
        assertThatThrownBy(() -> EnvSecretSource.of("CUTKIT_NOT_SET", Map.of()).read())
                .isInstanceOf(SecretException.class).hasMessageContaining("CUTKIT_NOT_SET is not set");
        assertThat(EnvSecretSource.of("K", Map.of("K", "v")).read()).isEqualTo(secret("v"));
    }

    @Test
    void fileSinkWritesAnOwnerOnlyFileAndProvesItByReadBack() throws IOException {
        Path target = dir.resolve("out/key");
        Files.createDirectories(target.getParent());
        SecretReceipt receipt = SecretPipe.standard().move("KEY", EnvSecretSource.of("K", Map.of("K", "real-value-42")),
                FileSecretSink.of(target));
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(target)).isEqualTo("real-value-42");
        assertThat(receipt.verifiedByReadBack()).isTrue();
        assertThat(receipt.fingerprint()).isEqualTo(secret("real-value-42").fingerprint());
        assertThat(receipt.sizeBytes()).isEqualTo(13);
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void inMemoryStoreNumbersVersionsAndReadsTheLatest() {
        InMemorySecretStore store = InMemorySecretStore.named("s");
        assertThatThrownBy(store::read).hasMessageContaining("no version yet");
        assertThat(store.write(secret("one"))).isEqualTo("1");
        assertThat(store.write(secret("two"))).isEqualTo("2");
        assertThat(store.read()).isEqualTo(secret("two"));
        assertThat(store.fingerprintOf("1")).contains(secret("one").fingerprint());
    }
}
