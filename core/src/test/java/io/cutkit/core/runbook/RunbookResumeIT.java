package io.cutkit.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class RunbookResumeIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void aRunKilledMidStepResumesAtThatStepWithoutRepeatingFinishedOnes() throws Exception {
        Path journal = dir.resolve("journal.jsonl");
        Path trace = dir.resolve("trace.txt");
        Path release = dir.resolve("release");

        Process first = child(journal, trace, release);
        waitFor(() -> Files.exists(trace) && Files.readAllLines(trace).contains("2-start"), Duration.ofSeconds(30));
        first.destroyForcibly();
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readAllLines(trace)).containsExactly("1", "2-start");

        Files.createFile(release);
        Process second = child(journal, trace, release);
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(second.getInputStream().readAllBytes());
        assertThat(second.exitValue()).as(output).isZero();
        assertThat(output).contains("status COMPLETED");
        assertThat(Files.readAllLines(trace)).containsExactly("1", "2-start", "2-start", "2-end", "3");
        List<String> events = Files.readAllLines(journal);
        assertThat(events).filteredOn(l -> l.contains("\"event\":\"run-started\"")).hasSize(2);
        assertThat(events.stream().filter(l -> l.contains("\"resumed\":true")).count()).isEqualTo(1);
    }

    private static Process child(Path journal, Path trace, Path release) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ResumableRunbookMain.class.getName(),
                journal.toString(), trace.toString(), release.toString())
                .redirectErrorStream(true).start();
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    private static void waitFor(Check check, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
