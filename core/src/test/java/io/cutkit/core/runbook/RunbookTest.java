package io.cutkit.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunbookTest {

    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    private Step.Builder step(int number) {
        return Step.number(number, "step " + number).budget(Duration.ofSeconds(5))
                .action(ctx -> trace.add("run " + number))
                .rollback(ctx -> trace.add("undo " + number));
    }

    private static Runbook runbook(Step... steps) {
        return Runbook.of("test", RunbookConfig.ofDefaults(), List.of(steps));
    }

    @Test
    void runsEveryStepInOrder() {
        RunReport report = runbook(step(1).build(), step(2).build(), step(3).build()).run();
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(trace).containsExactly("run 1", "run 2", "run 3");
        assertThat(report.steps()).extracting(StepOutcome::status).containsOnly(StepStatus.DONE);
    }

    @Test
    void aStepOverItsHardBudgetIsInterruptedAndAborts() {
        AtomicBoolean interrupted = new AtomicBoolean();
        Step slow = Step.number(2, "slow export").budget(Duration.ofMillis(200)).hard().action(ctx -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }).build();
        long start = System.nanoTime();
        RunReport report = runbook(step(1).build(), slow, step(3).build()).run();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(interrupted).isTrue();
        assertThat(report.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(report.abortedStep()).contains(2);
        assertThat(report.steps().get(1).status()).isEqualTo(StepStatus.ABORTED);
        assertThat(report.steps().get(1).detail()).contains("hard budget");
        assertThat(report.steps().get(2).status()).isEqualTo(StepStatus.NOT_RUN);
        assertThat(trace).containsExactly("run 1", "undo 1");
    }

    @Test
    void aSoftBudgetIsOnlyReported() {
        Step slowish = Step.number(1, "slowish").budget(Duration.ofMillis(20)).action(ctx -> Thread.sleep(120)).build();
        RunReport report = runbook(slowish).run();
        assertThat(report.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(report.steps().get(0).overBudget()).isTrue();
        assertThat(report.toText()).contains("OVER BUDGET");
    }

    @Test
    void anAbortRollsBackTheAbortedStepAndEveryDoneStepInReverse() {
        Step failing = step(3).action(ctx -> {
            trace.add("run 3");
            throw new IllegalStateException("import failed at line 42");
        }).build();
        RunReport report = runbook(step(1).build(), step(2).build(), failing, step(4).build()).run();
        assertThat(trace).containsExactly("run 1", "run 2", "run 3", "undo 3", "undo 2", "undo 1");
        assertThat(report.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(report.reason()).contains("import failed at line 42");
        assertThat(report.steps()).extracting(StepOutcome::status).containsExactly(
                StepStatus.ROLLED_BACK, StepStatus.ROLLED_BACK, StepStatus.ROLLED_BACK, StepStatus.NOT_RUN);
    }

    @Test
    void anAbortConditionThatHoldsAbortsTheStep() {
        Step guarded = step(2).abortWhen(AbortCondition.when("sample decrypt failed", ctx -> true)).build();
        RunReport report = runbook(step(1).build(), guarded).run();
        assertThat(report.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(report.steps().get(1).detail()).contains("abort condition met: sample decrypt failed");
    }

    @Test
    void aFailingRollbackIsReportedAndTheOthersStillRun() {
        Step stubborn = step(1).rollback(ctx -> {
            throw new IllegalStateException("number +15550001 still points at the new host");
        }).build();
        Step failing = step(3).action(ctx -> ctx.abort("smoke test failed")).build();
        RunReport report = runbook(stubborn, step(2).build(), failing).run();
        assertThat(report.status()).isEqualTo(RunStatus.ROLLBACK_INCOMPLETE);
        assertThat(trace).containsExactly("run 1", "run 2", "undo 3", "undo 2");
        assertThat(report.steps().get(0).status()).isEqualTo(StepStatus.ROLLBACK_FAILED);
        assertThat(report.steps().get(0).detail()).contains("still points at the new host");
    }

    @Test
    void nothingIsRolledBackAfterThePointOfNoReturn() {
        Step repoint = step(2).pointOfNoReturn().build();
        Step failing = step(3).action(ctx -> ctx.abort("restart did not become ready")).build();
        RunReport report = runbook(step(1).build(), repoint, failing).run();
        assertThat(report.status()).isEqualTo(RunStatus.ROLL_FORWARD_REQUIRED);
        assertThat(trace).containsExactly("run 1", "run 2");
        assertThat(report.reason()).contains("roll forward");
    }

    @Test
    void anAbortOfThePointOfNoReturnItselfStillRollsBack() {
        Step repoint = step(2).pointOfNoReturn().action(ctx -> ctx.abort("number 4 of 6 failed")).build();
        RunReport report = runbook(step(1).build(), repoint).run();
        assertThat(report.status()).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(trace).containsExactly("run 1", "undo 2", "undo 1");
    }

    @Test
    void theWindowCheckRefusesAnImpossiblePlanBeforeAnythingRuns() {
        Step export = step(1).budget(Duration.ofMinutes(10)).hard().build();
        Step load = step(2).budget(Duration.ofMinutes(10)).hard().build();
        Step relaxed = step(3).budget(Duration.ofHours(1)).build();
        Runbook runbook = Runbook.of("cutover", RunbookConfig.custom().window(Duration.ofMinutes(15)).build(),
                List.of(export, load, relaxed));
        assertThatThrownBy(runbook::run).isInstanceOf(RunbookRefusedException.class)
                .hasMessageContaining("20 m").hasMessageContaining("15 m window").hasMessageContaining("step 1 10 m");
        assertThat(trace).isEmpty();
        Runbook fits = Runbook.of("cutover", RunbookConfig.custom().window(Duration.ofMinutes(20)).build(),
                List.of(export, load, relaxed));
        fits.checkWindow();
    }

    @Test
    void stepsSeeRehearsalModeAndEarlierFacts() {
        List<Object> seen = new ArrayList<>();
        Step first = Step.number(1, "count").budget(Duration.ofSeconds(1)).action(ctx -> ctx.record("source_rows", "54")).build();
        Step second = Step.number(2, "check").budget(Duration.ofSeconds(1)).action(ctx -> {
            seen.add(ctx.isRehearsal());
            seen.add(ctx.fact("source_rows").orElse("missing"));
        }).build();
        Runbook.of("r", RunbookConfig.custom().rehearsal(true).build(), List.of(first, second)).run();
        assertThat(seen).containsExactly(true, "54");
    }

    @Test
    void stepNumbersMustIncreaseAndOnlyOneStepIsThePointOfNoReturn() {
        assertThatThrownBy(() -> runbook(step(2).build(), step(1).build())).hasMessageContaining("must increase");
        assertThatThrownBy(() -> runbook(step(1).pointOfNoReturn().build(), step(2).pointOfNoReturn().build()))
                .hasMessageContaining("point of no return");
    }

    @Test
    void theJournalRecordsEveryEventAndAFinishedRunIsNotResumed() throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        Runbook runbook = Runbook.of("j", RunbookConfig.custom().journal(journal).build(), List.of(step(1).build(), step(2).build()));
        runbook.run();
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0)).contains("\"event\":\"run-started\"");
        assertThat(lines.get(5)).contains("\"event\":\"run-finished\"").contains("COMPLETED");
        runbook.run();
        assertThat(trace).containsExactly("run 1", "run 2", "run 1", "run 2");
    }

    @Test
    void anUnfinishedRunOfAnotherPlanIsRefused() throws IOException {
        Path journal = dir.resolve("journal.jsonl");
        Files.writeString(journal, "{\"event\":\"run-started\",\"runbook\":\"other\",\"plan\":\"0123\",\"resumed\":false}\n");
        Runbook runbook = Runbook.of("j", RunbookConfig.custom().journal(journal).build(), List.of(step(1).build()));
        assertThatThrownBy(runbook::run).isInstanceOf(RunbookRefusedException.class).hasMessageContaining("another plan");
        assertThat(trace).isEmpty();
    }

    @Test
    void eventsReachListenersInOrder() {
        List<String> events = new ArrayList<>();
        runbook(step(1).build()).onEvent(e -> events.add(e.getClass().getSimpleName())).run();
        assertThat(events).containsExactly("RunStarted", "StepStarted", "StepEnded", "RunEnded");
    }
}
