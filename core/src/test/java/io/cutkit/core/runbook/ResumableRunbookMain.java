package io.cutkit.core.runbook;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

/**
 * Child-process runbook for {@link RunbookResumeIT}: three steps that append to a trace file; step
 * 2 blocks until a release file exists, so the test can kill the process in the middle of it.
 */
public final class ResumableRunbookMain {

    private ResumableRunbookMain() {
    }

    public static void main(String[] args) throws Exception {
        Path journal = Path.of(args[0]);
        Path trace = Path.of(args[1]);
        Path release = Path.of(args[2]);
        List<Step> steps = List.of(
                Step.number(1, "first").budget(Duration.ofMinutes(1)).action(ctx -> append(trace, "1")).build(),
                Step.number(2, "second").budget(Duration.ofMinutes(1)).action(ctx -> {
                    append(trace, "2-start");
                    while (!Files.exists(release)) {
                        Thread.sleep(20);
                    }
                    append(trace, "2-end");
                }).build(),
                Step.number(3, "third").budget(Duration.ofMinutes(1)).action(ctx -> append(trace, "3")).build());
        RunReport report = Runbook.of("resumable", RunbookConfig.custom().journal(journal).build(), steps).run();
        System.out.println("status " + report.status());
    }

    private static void append(Path trace, String line) throws Exception {
        Files.writeString(trace, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
