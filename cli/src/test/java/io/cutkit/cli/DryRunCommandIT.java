package io.cutkit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.secret.EnvFile;
import io.cutkit.core.secret.Secret;
import io.cutkit.mysql.refdata.Refdata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code cutkit dry-run} through the built jar on refdata's dump: help, usage errors, a clean run, a wrong key. */
class DryRunCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Path keyFile;
    private static Path wrongKeyFile;
    private static final List<String> secrets = new ArrayList<>();

    @BeforeAll
    static void privateCopiesOfTheKeyFiles() throws IOException {
        keyFile = privateCopy(Refdata.file("secrets.env"), "app.env");
        wrongKeyFile = privateCopy(Refdata.file("wrong-key.env"), "wrong.env");
        for (Path file : List.of(keyFile, wrongKeyFile)) {
            try (EnvFile env = EnvFile.read(file)) {
                for (String name : env.names()) {
                    try (Secret value = env.source(name).read()) {
                        secrets.add(value.withBytes(b -> new String(b, StandardCharsets.UTF_8)));
                    }
                }
            }
        }
    }

    private static Path privateCopy(Path from, String name) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, Files.readString(from));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String encrypted() {
        List<String> columns = new ArrayList<>();
        Refdata.at("encryption", "columns").forEach(c -> columns.add(c.asString()));
        return String.join(",", columns);
    }

    @Test
    void helpNamesTheIssuesOptions() {
        CutkitJar.Run run = CutkitJar.run("dry-run", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("--dump", "--source", "--database", "--target", "--target-collation",
                "--target-flavor", "--migrations", "--history", "--reference-migrations", "--expected-schema",
                "--key-file", "--key-var", "--encrypted", "--plaintext", "--secrets", "--destination-secrets",
                "--numbers", "--plan", "--report", "--json");
    }

    @Test
    void anUnknownFlavourIsAUsageErrorNamingTheOption() {
        CutkitJar.Run run = CutkitJar.run("dry-run", "--dump", Refdata.dump().toString(), "--target-flavor", "oracle-23");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--target-flavor").contains("mysql-8.4");
    }

    @Test
    void twoDataSourcesAreAUsageError() {
        CutkitJar.Run run = CutkitJar.run("dry-run");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).contains("--dump").contains("--source");
    }

    @Test
    void theCleanReferenceConfigurationHasNoBlockerAndWritesBothReports() throws IOException {
        Path report = dir.resolve("clean-report");
        CutkitJar.Run run = CutkitJar.run("dry-run", "--dump", Refdata.dump().toString(), "--database", "crm",
                "--target-flavor", "mysql-8.4", "--key-file", keyFile.toString(), "--encrypted", encrypted(),
                "--secrets", keyFile.toString(), "--report", report.toString(), "--json");
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode json = JSON.readTree(run.stdout());
        assertThat(json.path("schema").asString()).isEqualTo("cutkit.dry-run/v1");
        assertThat(json.path("summary").path("P0").asLong()).isZero();
        assertThat(report.resolve("dry-run.json")).exists();
        assertThat(Files.readString(report.resolve("dry-run.html"))).contains("No blocker found");
        assertThat(run.stderr()).contains("importing");
        assertNoSecretIn(run.output(), Files.readString(report.resolve("dry-run.json")),
                Files.readString(report.resolve("dry-run.html")));
    }

    @Test
    void theWrongKeyIsAP0AndExitsOne() {
        CutkitJar.Run run = CutkitJar.run("dry-run", "--dump", Refdata.dump().toString(), "--database", "crm",
                "--key-file", wrongKeyFile.toString(), "--encrypted", encrypted());
        assertThat(run.exitCode()).as(run.output()).isEqualTo(ExitCodes.FINDING);
        assertThat(run.stdout()).contains("P0 wrong-key").contains("fix: ");
        assertNoSecretIn(run.output());
    }

    @Test
    void aPlanFileGivesTheSameOptionsAndTheCommandLineWins() throws IOException {
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, "dump: " + Refdata.dump() + "\ndatabase: crm\nkey-file: " + wrongKeyFile
                + "\nencrypted: [" + encrypted() + "]\n");
        CutkitJar.Run wrong = CutkitJar.run("dry-run", "--plan", plan.toString());
        assertThat(wrong.exitCode()).as(wrong.output()).isEqualTo(ExitCodes.FINDING);
        CutkitJar.Run right = CutkitJar.run("dry-run", "--plan", plan.toString(), "--key-file", keyFile.toString());
        assertThat(right.exitCode()).as(right.output()).isZero();
        assertNoSecretIn(wrong.output(), right.output());
    }

    private static void assertNoSecretIn(String... texts) {
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
        }
    }
}
