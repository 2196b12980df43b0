package io.cutkit.examples;

import io.cutkit.core.runbook.ConsoleProgress;
import io.cutkit.core.runbook.HtmlReport;
import io.cutkit.core.runbook.RunReport;
import io.cutkit.core.runbook.RunStatus;
import io.cutkit.core.runbook.RunbookConfig;
import io.cutkit.examples.cloud.CloudStage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The real cutover: the same {@link CutoverRunbook} as the rehearsal, on {@link CloudStage} (real
 * MySQL servers, Google Cloud and Twilio, configured from environment variables), not in rehearsal
 * mode, with a journal in the work directory so an interrupted run resumes where it stopped.
 * Exit codes: 0 completed, 1 stopped (see the report), 2 configuration missing (nothing contacted).
 */
public final class Cutover {

    private Cutover() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.out));
    }

    /** Runs the cutover configured by {@code env}, printing to {@code out}; returns the exit code. */
    public static int run(Map<String, String> env, PrintStream out) {
        CloudStage stage;
        try {
            stage = CloudStage.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return Rehearsal.USAGE;
        }
        try (stage) {
            Path work = stage.workDirectory();
            Files.createDirectories(work);
            RunReport report = CutoverRunbook.on(stage, Blocker.NONE).runbook(RunbookConfig.custom()
                            .window(CutoverRunbook.WINDOW).journal(work.resolve("journal.jsonl")).build())
                    .onEvent(new ConsoleProgress(out)).run();
            out.print(report.toText());
            Path html = HtmlReport.write(report, work.resolve("report.html"));
            out.println(Rehearsal.summary(report, html.toString()).replaceFirst("^rehearsal", "cutover"));
            return report.status() == RunStatus.COMPLETED ? Rehearsal.DONE : Rehearsal.STOPPED;
        } catch (IOException e) {
            out.println("cannot write the work directory: " + e.getMessage());
            return Rehearsal.FAILED;
        }
    }
}
