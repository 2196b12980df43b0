package io.cutkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The command line's secret rules, checked in-process without a server. */
class SecretRulesTest {

    @TempDir
    Path dir;

    private static final CommandSpec SPEC = new CommandLine(new CutkitCommand()).getCommandSpec();

    private Path file(String permissions) throws IOException {
        Path file = dir.resolve("password");
        Files.writeString(file, "not-a-real-password\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void recognisesAPasswordQueryParameter() {
        assertThat(ServerLogin.carriesPassword("jdbc:mysql://db:3306/?useSSL=false&Password=x")).isTrue();
        assertThat(ServerLogin.carriesPassword("jdbc:mysql://db:3306/crm?password=x")).isTrue();
    }

    @Test
    void recognisesAPasswordInTheUserInfo() {
        assertThat(ServerLogin.carriesPassword("jdbc:mysql://loader:x@db:3306/")).isTrue();
    }

    @Test
    void acceptsAUrlWithoutPassword() {
        assertThat(ServerLogin.carriesPassword("jdbc:mysql://db:3306/crm?useSSL=false&passwordCharacterEncoding=utf8")).isFalse();
        assertThat(ServerLogin.carriesPassword("jdbc:mysql://loader@db:3306/")).isFalse();
    }

    @Test
    void refusesAFileItsGroupCanReadNamingChmod600() throws IOException {
        Path shared = file("rw-r-----");

        assertThatThrownBy(() -> SecretInput.requireOwnerOnly(SPEC, "--target-password-file", shared))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--target-password-file").hasMessageContaining("chmod 600");
    }

    @Test
    void acceptsAFileOnlyItsOwnerCanRead() throws IOException {
        Path owned = file("rw-------");

        SecretInput.requireOwnerOnly(SPEC, "--target-password-file", owned);
    }

    @Test
    void aMissingPasswordSourceIsAUsageError() {
        assertThatThrownBy(() -> SecretInput.read(SPEC, "--target-password", null, null, false))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--target-password-file")
                .hasMessageContaining("never taken as arguments");
    }

    @Test
    void twoPasswordSourcesAreAUsageError() throws IOException {
        Path owned = file("rw-------");

        assertThatThrownBy(() -> SecretInput.read(SPEC, "--source-password", owned, "DB_PASSWORD", false))
                .isInstanceOf(ParameterException.class).hasMessageContaining("More than one of --source-password-file");
    }

    @Test
    void aUrlWithAPasswordExitsWithTheUsageCode() {
        int code = CutkitCommand.execute("verify", "--source", "jdbc:mysql://u:x@db/", "--source-user", "u",
                "--source-database", "a", "--target", "jdbc:mysql://db/", "--target-user", "u", "--target-database", "b");

        assertThat(code).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void noSubcommandIsAUsageError() {
        assertThat(CutkitCommand.execute()).isEqualTo(ExitCodes.USAGE);
    }
}
