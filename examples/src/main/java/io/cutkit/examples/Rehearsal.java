package io.cutkit.examples;

import io.cutkit.core.runbook.ConsoleProgress;
import io.cutkit.core.runbook.HtmlReport;
import io.cutkit.core.runbook.RunReport;
import io.cutkit.core.runbook.RunStatus;
import io.cutkit.core.runbook.RunbookConfig;
import io.cutkit.core.runbook.RunbookEvent;
import io.cutkit.core.runbook.StepOutcome;
import io.cutkit.core.runbook.StepStatus;
import io.cutkit.core.replication.SwitchReport;
import io.cutkit.examples.crm.CrmWriteLoad;
import io.cutkit.examples.local.LocalStage;
import io.cutkit.examples.local.StageServers;
import io.cutkit.mysql.testing.AcknowledgedWrites.Tally;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
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
 * <p>{@code --online} (also {@code --online=true}, as the Maven profile passes it) rehearses the online
 * data move: the CRM API keeps writing ({@value #ONLINE_WRITES_PER_SECOND} writes a second, counted
 * from the client) from the end of the pre-flight (whose dry-run compares its copy with the source, which
 * must hold still for that) through every later step, while the destination replicates, is verified
 * live and takes over the writes; the summary line is then
 * {@code rehearsal: <n> of 12 steps done, data move <s> s, freeze <s> s, writes <n> acknowledged <n> lost
 * <n> duplicated, total <s> s, report <path>}, and a lost or duplicated acknowledged write fails the run.
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

    /** The rate of the CRM API's writes during an online rehearsal. */
    public static final int ONLINE_WRITES_PER_SECOND = 200;

    private static final String USAGE_TEXT = "usage: Rehearsal [--online] [--inject <blocker>]   (blockers: "
            + Blocker.validNames() + ")";

    /** What the command line asks for. */
    private record Options(Blocker blocker, boolean online) {
    }

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
        Optional<Options> parsed = parse(args, out);
        if (parsed.isEmpty()) {
            return USAGE;
        }
        Blocker blocker = parsed.get().blocker();
        boolean online = parsed.get().online();
        long started = System.nanoTime();
        StageServers own = null;
        try {
            Files.createDirectories(workDirectory);
            Path journal = workDirectory.resolve("journal.jsonl");
            Files.deleteIfExists(journal); // every rehearsal starts fresh; a real cutover resumes from its journal
            if (servers == null) {
                own = online ? StageServers.startReplicating() : StageServers.start();
            }
            try (LocalStage stage = LocalStage.build(servers != null ? servers : own, blocker, workDirectory, online)) {
                out.printf(Locale.ROOT, "stage ready in %.1f s: %s (%d leads) -> %s, %d numbers%s%s%n",
                        (System.nanoTime() - started) / 1e9, stage.sourceDatabase(), LocalStage.LEADS,
                        stage.destinationDatabase(), stage.phoneNumbers().size(),
                        online ? ", online: the CRM API writes " + ONLINE_WRITES_PER_SECOND + "/s throughout" : "",
                        blocker == Blocker.NONE ? "" : ", injected blocker: " + blocker.cliName());
                RunbookConfig config = RunbookConfig.custom().window(CutoverRunbook.WINDOW).rehearsal(true).journal(journal)
                        .interruptGrace(Duration.ofSeconds(5)).build();
                if (online) {
                    return runOnline(stage, blocker, config, out, workDirectory);
                }
                RunReport report = CutoverRunbook.on(stage, blocker).runbook(config).onEvent(new ConsoleProgress(out)).run();
                out.print(report.toText());
                Path html = HtmlReport.write(report, workDirectory.resolve("report.html"));
                int code = verdict(report, blocker, out);
                out.println(summary(report, html.toAbsolutePath().toString()));
                afterRun.accept(stage);
                return code;
            }
        } catch (IOException | SQLException | RuntimeException e) {
            out.println("rehearsal failed before the cutover could run: " + e.getMessage());
            out.println(online ? "rehearsal: 0 of 12 steps done, data move 0.0 s, freeze 0.0 s, writes 0 acknowledged"
                    + " 0 lost 0 duplicated, total 0.0 s, report none"
                    : "rehearsal: 0 of 12 steps done, data move 0.0 s, total 0.0 s, report none");
            return FAILED;
        } finally {
            if (own != null) {
                own.close();
            }
        }
    }

    private static int runOnline(LocalStage stage, Blocker blocker, RunbookConfig config, PrintStream out,
                                 Path workDirectory) throws IOException, SQLException {
        CutoverRunbook cutover;
        RunReport run;
        Tally writes;
        try (CrmWriteLoad load = stage.writeLoad(ONLINE_WRITES_PER_SECOND)) {
            cutover = CutoverRunbook.online(stage, blocker, load);
            run = cutover.runbook(config).onEvent(new ConsoleProgress(out)).onEvent(event -> {
                if (event instanceof RunbookEvent.StepEnded ended && ended.outcome().number() == 1
                        && ended.outcome().status() == StepStatus.DONE) {
                    load.start();
                }
            }).run();
            load.close();
            writes = load.tally(cutover.switchReport().isPresent() ? stage.destinationData() : stage.sourceData());
        }
        RunReport report = cutover.switchReport().map(s -> withFreeze(run, s)).orElse(run);
        out.print(report.toText());
        Duration freeze = cutover.switchReport().map(SwitchReport::freeze).orElse(Duration.ZERO);
        cutover.switchReport().ifPresent(s -> out.println("freeze " + s.freeze().toMillis() + " ms: " + s.describe()));
        out.printf(Locale.ROOT, "writes: %d acknowledged, %d lost, %d duplicated, %d in doubt%n", writes.acknowledged(),
                writes.lost(), writes.duplicated(), writes.inDoubt());
        Path html = HtmlReport.write(report, workDirectory.resolve("report.html"));
        int code = verdict(report, blocker, out);
        if (writes.lost() > 0 || writes.duplicated() > 0) {
            out.println("acknowledged writes were lost or duplicated: the online move is NOT safe");
            code = FAILED;
        }
        out.println(onlineSummary(report, freeze, writes, html.toAbsolutePath().toString()));
        return code;
    }

    /** The report with the switch's freeze as the detail of the step that switched (the data move's last). */
    private static RunReport withFreeze(RunReport report, SwitchReport switchReport) {
        int switched = report.steps().stream().filter(s -> s.tags().contains(CutoverRunbook.DATA_MOVE))
                .mapToInt(StepOutcome::number).max().orElse(0);
        List<StepOutcome> steps = report.steps().stream().map(s -> s.number() != switched || !s.detail().isEmpty() ? s
                : new StepOutcome(s.number(), s.title(), s.status(), s.startOffset(), s.elapsed(), s.budget(),
                        s.hardBudget(), s.pointOfNoReturn(), s.tags(), "freeze " + switchReport.freeze().toMillis() + " ms, from "
                        + switchReport.oldPrimaryFinal().describe())).toList();
        return new RunReport(report.runbook(), report.status(), report.rehearsal(), report.startedAt(), report.elapsed(),
                report.window(), steps, report.abortedStep(), report.reason());
    }

    private static Optional<Options> parse(List<String> args, PrintStream out) {
        Blocker blocker = Blocker.NONE;
        boolean online = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--online") || arg.equals("--online=true")) {
                online = true;
            } else if (arg.equals("--online=false")) {
                online = false;
            } else if (arg.equals("--inject") && i + 1 < args.size()) {
                Optional<Blocker> named = Blocker.byCliName(args.get(++i));
                if (named.isEmpty()) {
                    out.println("unknown blocker '" + args.get(i) + "'; valid blockers: " + Blocker.validNames());
                    out.println(USAGE_TEXT);
                    return Optional.empty();
                }
                blocker = named.get();
            } else {
                out.println("unexpected arguments " + args);
                out.println(USAGE_TEXT);
                return Optional.empty();
            }
        }
        return Optional.of(new Options(blocker, online));
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

    /** The last line of every online rehearsal. */
    static String onlineSummary(RunReport report, Duration freeze, Tally writes, String reportPath) {
        return String.format(Locale.ROOT, "rehearsal: %d of %d steps done, data move %.1f s, freeze %.2f s, writes %d"
                        + " acknowledged %d lost %d duplicated, total %.1f s, report %s", report.stepsDone(),
                report.steps().size(), seconds(report.elapsedOfTagged(CutoverRunbook.DATA_MOVE)), seconds(freeze),
                writes.acknowledged(), writes.lost(), writes.duplicated(), seconds(report.elapsed()), reportPath);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
