package io.cutkit.core.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvFileSecretSinkTest {

    @TempDir
    Path dir;

    private static Secret secret(String value) {
        return Secret.copyOf(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String valueOf(Path file, String name) {
        try (EnvFile env = EnvFile.read(file); Secret value = env.source(name).read()) {
            return value.withBytes(b -> new String(b, StandardCharsets.UTF_8));
        }
    }

    @Test
    void createsAMissingFileWithModeSixHundred() throws IOException {
        Path file = dir.resolve("new.env");
        try (InMemorySecretStore source = InMemorySecretStore.named("KEY")) {
            source.write(secret("s3cr3t-value"));
            SecretReceipt receipt = SecretPipe.standard().move("KEY", source, EnvFileSecretSink.of(file, "KEY"));
            assertThat(receipt.verifiedByReadBack()).isTrue();
        }
        assertThat(valueOf(file, "KEY")).isEqualTo("s3cr3t-value");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void replacesTheLineSettingTheNameAndKeepsEveryOtherLine() throws IOException {
        Path file = dir.resolve("app.env");
        Files.writeString(file, "# app\nKEY_2=other\nexport KEY=old\nLAST='x y'");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        EnvFileSecretSink.of(file, "KEY").write(secret("\"quoted\" and spaced"));
        assertThat(Files.readString(file)).startsWith("# app\nKEY_2=other\nKEY=").endsWith("\nLAST='x y'");
        assertThat(valueOf(file, "KEY")).isEqualTo("\"quoted\" and spaced");
        assertThat(valueOf(file, "KEY_2")).isEqualTo("other");
    }

    @Test
    void refusesAValueWithALineBreak() {
        Path file = dir.resolve("app.env");
        assertThatThrownBy(() -> EnvFileSecretSink.of(file, "KEY").write(secret("two\nlines")))
                .isInstanceOf(SecretException.class).hasMessageContaining("line break").hasMessageNotContaining("two");
        assertThat(file).doesNotExist();
    }

    @Test
    void refusesAWorldReadableFile() throws IOException {
        Path file = dir.resolve("open.env");
        Files.writeString(file, "A=b\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> EnvFileSecretSink.of(file, "KEY").write(secret("value")))
                .isInstanceOf(SecretException.class).hasMessageContaining("readable by every user");
    }
}
