package io.cutkit.examples;

import io.cutkit.core.runbook.ConsoleProgress;
import io.cutkit.core.runbook.HtmlReport;
import io.cutkit.core.runbook.RunReport;
import io.cutkit.core.runbook.RunStatus;
import io.cutkit.core.runbook.RunbookConfig;
import io.cutkit.examples.local.LocalStage;
import io.cutkit.examples.local.StageServers;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The local rehearsal of the twelve-step cutover: builds the {@link LocalStage} (optionally with
 * one field-report blocker planted), runs the {@link CutoverRunbook} with its progress on the
 * console, prints the text report, writes the HTML timeline and ends with the summary line
 * {@code rehearsal: <n> of 12 steps done, data move <s> s, total <s> s, report <path>}.
 *
 * <p>Exit codes: 0 when every step is done; 1 when a guard stopped the run (expected for an
 * injected blocker); 2 for a usage error, before anything starts; 3 when the stage could not be
 * built or an injected blocker was not stopped.
 */
public final class Rehearsal {

    /** Every step done. */
    public static final int DONE = 0;
    /** A guard stopped the cutover and the rollback ran. */
    public static final int STOPPED = 1;
    /** The command line was wrong; nothing started. */
    public static final int USAGE = 2;
    /** The rehearsal itself failed, or a blocker got through. */
    public static final int FAILED = 3;

    private static final String USAGE_TEXT = "usage: Rehearsal [--inject <blocker>]   (blockers: " + Blocker.validNames() + ")";

    private Rehearsal() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, Path.of("target", "rehearsal"), null));
    }

    /**
     * Runs a rehearsal, printing to {@code out}, writing the journal, snapshot and report under
     * {@code workDirectory}, on {@code servers} (started and stopped here when null). Returns the
     * exit code; never calls {@link System#exit}.
     */
    public static int run(List<String> args, PrintStream out, Path workDirectory, StageServers servers) {
        return run(args, out, workDirectory, servers, stage -> { });
    }

    /**
     * As {@link #run(List, PrintStream, Path, StageServers)}, handing the stage to {@code afterRun} once the
     * cutover ran and before the stage closes (a test reads the secrets it used there).
     */
    static int run(List<String> args, PrintStream out, Path workDirectory, StageServers servers,
            Consumer<LocalStage> afterRun) {
        Optional<Blocker> parsed = parse(args, out);
        if (parsed.isEmpty()) {
            return USAGE;
        }
        Blocker blocker = parsed.get();
        long started = System.nanoTime();
        StageServers own = null;
        try {
            Files.createDirectories(workDirectory);
            Path journal = workDirectory.resolve("journal.jsonl");
            Files.deleteIfExists(journal); // every rehearsal starts fresh; a real cutover resumes from its journal
            if (servers == null) {
                own = StageServers.start();
            }
            try (LocalStage stage = LocalStage.build(servers != null ? servers : own, blocker, workDirectory)) {
                out.printf(Locale.ROOT, "stage ready in %.1f s: %s (%d leads) -> %s, %d numbers%s%n",
                        (System.nanoTime() - started) / 1e9, stage.sourceDatabase(), LocalStage.LEADS,
                        stage.destinationDatabase(), stage.phoneNumbers().size(),
                        blocker == Blocker.NONE ? "" : ", injected blocker: " + blocker.cliName());
                RunReport report = CutoverRunbook.on(stage, blocker).runbook(RunbookConfig.custom()
                                .window(CutoverRunbook.WINDOW).rehearsal(true).journal(journal)
                                .interruptGrace(Duration.ofSeconds(5)).build())
                        .onEvent(new ConsoleProgress(out)).run();
                out.print(report.toText());
                Path html = HtmlReport.write(report, workDirectory.resolve("report.html"));
                int code = verdict(report, blocker, out);
                out.println(summary(report, html.toAbsolutePath().toString()));
                afterRun.accept(stage);
                return code;
            }
        } catch (IOException | RuntimeException e) {
            out.println("rehearsal failed before the cutover could run: " + e.getMessage());
            out.println("rehearsal: 0 of 12 steps done, data move 0.0 s, total 0.0 s, report none");
            return FAILED;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private static Optional<Blocker> parse(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            return Optional.of(Blocker.NONE);
        }
        if (args.size() == 2 && args.get(0).equals("--inject")) {
            Optional<Blocker> blocker = Blocker.byCliName(args.get(1));
            if (blocker.isEmpty()) {
                out.println("unknown blocker '" + args.get(1) + "'; valid blockers: " + Blocker.validNames());
                out.println(USAGE_TEXT);
            }
            return blocker;
        }
        out.println("unexpected arguments " + args);
        out.println(USAGE_TEXT);
        return Optional.empty();
    }

    private static int verdict(RunReport report, Blocker blocker, PrintStream out) {
        if (report.status() == RunStatus.COMPLETED) {
            if (blocker != Blocker.NONE) {
                out.println("blocker " + blocker.cliName() + " was NOT stopped: every step ran");
                return FAILED;
            }
            return DONE;
        }
        int step = report.abortedStep().orElse(0);
        if (blocker != Blocker.NONE) {
            out.println("blocker " + blocker.cliName() + " stopped at step " + step + " by " + blocker.guard()
                    + "; the run ended " + report.status()
                    + (step == blocker.step() ? "" : " (expected step " + blocker.step() + ")"));
        }
        return STOPPED;
    }

    /** The last line of every rehearsal. */
    static String summary(RunReport report, String reportPath) {
        return String.format(Locale.ROOT, "rehearsal: %d of %d steps done, data move %.1f s, total %.1f s, report %s",
                report.stepsDone(), report.steps().size(), seconds(report.elapsedOfTagged(CutoverRunbook.DATA_MOVE)),
                seconds(report.elapsed()), reportPath);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
