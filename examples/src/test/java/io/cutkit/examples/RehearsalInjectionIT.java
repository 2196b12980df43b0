package io.cutkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.examples.local.StageServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every blocker of the field report injected into the rehearsal, run in-process on one pair of
 * servers (each rehearsal resets them): the guard meant for it stops the run at its step, the
 * message names the guard and the fix, the exit code is non-zero, and the steps with side effects
 * are rolled back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RehearsalInjectionIT {

    private static final Pattern SUMMARY = Pattern.compile(
            "rehearsal: \\d+ of 12 steps done, data move \\d+\\.\\d s, total \\d+\\.\\d s, report \\S+report\\.html");

    @TempDir
    Path work;

    private StageServers servers;

    @BeforeAll
    void startServers() {
        servers = StageServers.start();
    }

    @AfterAll
    void stopServers() {
        if (servers != null) {
            servers.close();
        }
    }

    /** Exit code and everything printed. */
    private record Outcome(int exitCode, String output) {
        String lastLine() {
            List<String> lines = output.lines().toList();
            return lines.get(lines.size() - 1);
        }
    }

    private Outcome rehearse(String... args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Path dir = Files.createTempDirectory(work, "run");
        int code;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code = Rehearsal.run(List.of(args), out, dir, servers);
        }
        return new Outcome(code, bytes.toString(StandardCharsets.UTF_8));
    }

    private Outcome stoppedBy(Blocker blocker) throws Exception {
        Outcome outcome = rehearse("--inject", blocker.cliName());
        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(Rehearsal.STOPPED);
        assertThat(outcome.output()).contains("blocker " + blocker.cliName() + " stopped at step " + blocker.step()
                + " by " + blocker.guard() + ";");
        assertThat(outcome.output()).contains("[" + String.format("%2d", blocker.step()) + "] ABORTED");
        assertThat(outcome.output()).contains(blocker.guard());
        assertThat(outcome.lastLine()).matches(SUMMARY);
        Path report = Path.of(outcome.lastLine().substring(outcome.lastLine().lastIndexOf(" report ") + 8));
        assertThat(Files.readString(report)).contains(": ROLLED_BACK</title>").contains(blocker.guard());
        return outcome;
    }

    @Test
    void completesAllTwelveStepsWithoutABlocker() throws Exception {
        Outcome outcome = rehearse();
        assertThat(outcome.exitCode()).as(outcome.output()).isEqualTo(Rehearsal.DONE);
        assertThat(outcome.lastLine()).matches(SUMMARY).startsWith("rehearsal: 12 of 12 steps done");
    }

    @Test
    void refusesAnUnknownBlockerBeforeAnythingStarts() throws Exception {
        Outcome outcome = rehearse("--inject", "wrong-kee");
        assertThat(outcome.exitCode()).isEqualTo(Rehearsal.USAGE);
        assertThat(outcome.output()).contains("unknown blocker 'wrong-kee'").contains(Blocker.validNames())
                .doesNotContain("stage ready");
    }

    /** A blocker step 1's dry-run stops: its finding is a P0 of the blocker's class, and nothing ran or was rolled back. */
    private Outcome stoppedByTheDryRun(Blocker blocker) throws Exception {
        Outcome outcome = stoppedBy(blocker);
        assertThat(blocker.step()).isEqualTo(1);
        assertThat(outcome.output()).contains("cutkit dry-run found").contains("P0 " + blocker.findingClass() + " ")
                .contains(" Fix: ").doesNotContain("] rolled back").doesNotContain("[ 2] done");
        return outcome;
    }

    @Test
    void useMismatchIsFoundByTheDryRun() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.USE_MISMATCH);
        assertThat(outcome.output()).contains("not `crm`").contains("REWRITE_TO_TARGET");
    }

    @Test
    void collationMismatchIsFoundByTheDryRun() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.COLLATION);
        assertThat(outcome.output()).contains("planned with collation " + StageServers.DESTINATION_COLLATION)
                .contains("source's is " + StageServers.SOURCE_COLLATION);
    }

    @Test
    void migrationCollisionIsFoundByTheDryRunWithTheNextFreeNumbers() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.MIGRATION_COLLISION);
        assertThat(outcome.output()).contains("046").contains("055-add-dedup-hash");
    }

    @Test
    void narrowingSyncIsFoundByTheDryRunWithRowCountAndFirstId() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.NARROWING_SYNC);
        assertThat(outcome.output()).contains("referenceId");
    }

    @Test
    void wrongKeyIsFoundByTheDryRun() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.WRONG_KEY);
        assertThat(outcome.output()).contains("leads.email");
    }

    @Test
    void placeholderSecretIsFoundByTheDryRunWithoutItsValue() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.PLACEHOLDER_SECRET);
        assertThat(outcome.output()).contains("ENCRYPTION_KEY").doesNotContain("rotate-me-at-cutover");
    }

    @Test
    void missingDefinerIsFoundByTheDryRunNamingError1449() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.MISSING_DEFINER);
        assertThat(outcome.output()).contains("`crm_app`@`%`").contains("1449");
    }

    @Test
    void ciphertextInAPlaintextColumnIsFoundByTheDryRun() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.CIPHERTEXT_IN_PLAINTEXT);
        assertThat(outcome.output()).contains("company");
    }

    @Test
    void numberWithATrunkIsFoundByTheDryRun() throws Exception {
        Outcome outcome = stoppedByTheDryRun(Blocker.NUMBER_OVERRIDE);
        assertThat(outcome.output()).contains("+1312555");
    }

    @Test
    void staleSecretIsCaughtByTheSmokeTest() throws Exception {
        Outcome outcome = stoppedBy(Blocker.STALE_SECRET);
        assertThat(outcome.output()).contains("serves ciphertext").contains("[ 6] rolled back");
    }
}
