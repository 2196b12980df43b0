package io.cutkit.core.runbook;

import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbered steps run in order, each against its time budget, with abort conditions and a rollback
 * path. An abort before the point of no return rolls back the aborted step and every done step in
 * reverse order; an abort after it stops the run and reports that it must roll forward.
 *
 * <p>Before anything runs, the hard budgets must fit the configured window. With a journal, every
 * event is forced to disk as it happens, and a run that was killed resumes at its first unfinished
 * step without repeating finished ones (so a step that can be interrupted must be safe to run
 * again). Steps see {@link StepContext#isRehearsal()} to tell a rehearsal from the real thing.
 *
 * <pre>{@code
 * Runbook runbook = Runbook.of("cutover", RunbookConfig.custom().window(Duration.ofMinutes(30)).build(), steps);
 * runbook.onEvent(new ConsoleProgress(System.out));
 * RunReport report = runbook.run();
 * }</pre>
 */
public final class Runbook {

    private static final Logger LOG = LoggerFactory.getLogger(Runbook.class);

    private final String name;
    private final RunbookConfig config;
    private final List<Step> steps;
    private final List<Consumer<RunbookEvent>> listeners = new CopyOnWriteArrayList<>();

    private Runbook(String name, RunbookConfig config, List<Step> steps) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.steps = List.copyOf(steps);
        validateSteps();
    }

    /** A runbook called {@code name} with {@code steps} in the given order. */
    public static Runbook of(String name, RunbookConfig config, List<Step> steps) {
        return new Runbook(name, config, steps);
    }

    /** Adds a listener for every event of every run; returns this runbook. */
    public Runbook onEvent(Consumer<RunbookEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    public String name() {
        return name;
    }

    public List<Step> steps() {
        return steps;
    }

    private void validateSteps() {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("runbook " + name + " has no steps");
        }
        int previous = 0;
        int pointsOfNoReturn = 0;
        for (Step step : steps) {
            if (step.number() <= previous) {
                throw new IllegalArgumentException("runbook " + name + ": step numbers must increase, got "
                        + step.number() + " after " + previous);
            }
            previous = step.number();
            pointsOfNoReturn += step.isPointOfNoReturn() ? 1 : 0;
        }
        if (pointsOfNoReturn > 1) {
            throw new IllegalArgumentException("runbook " + name + " marks " + pointsOfNoReturn
                    + " steps as the point of no return; mark one");
        }
    }

    /**
     * Checks that the hard budgets fit the window. Called by {@link #run()}; callable on its own to
     * validate a plan.
     *
     * @throws RunbookRefusedException when they do not
     */
    public void checkWindow() {
        Optional<Duration> window = config.window();
        if (window.isEmpty()) {
            return;
        }
        Duration hard = steps.stream().filter(Step::hasHardBudget).map(Step::budget).reduce(Duration.ZERO, Duration::plus);
        if (hard.compareTo(window.get()) > 0) {
            StringBuilder detail = new StringBuilder();
            steps.stream().filter(Step::hasHardBudget).forEach(s -> detail.append(detail.length() == 0 ? "" : ", ")
                    .append("step ").append(s.number()).append(' ').append(Durations.format(s.budget())));
            throw new RunbookRefusedException("Runbook " + name + " cannot fit its window: the critical steps' hard budgets ("
                    + detail + ") add up to " + Durations.format(hard) + ", more than the " + Durations.format(window.get())
                    + " window. Widen the window or tighten the budgets (rehearse to learn the real times).");
        }
    }

    /**
     * Runs (or resumes) the runbook and returns its report. Throws only when it refuses to start;
     * a failing step is reported in the {@link RunReport}, not thrown.
     *
     * @throws RunbookRefusedException when the window check fails or the journal cannot be resumed
     */
    public RunReport run() {
        checkWindow();
        String plan = planFingerprint();
        Journal.LastRun last = config.journal().map(Journal::readLastRun).orElse(Journal.LastRun.NONE);
        boolean resuming = last.resumable();
        if (resuming && !last.plan().equals(plan)) {
            throw new RunbookRefusedException("Journal " + config.journal().get() + " records an unfinished run of another plan ("
                    + last.plan() + ", this one is " + plan + "); finish that run with its own runbook or move the journal away.");
        }
        if (resuming && last.aborted()) {
            throw new RunbookRefusedException("Journal " + config.journal().get() + " records a run that aborted and then "
                    + "stopped before it finished rolling back; check each step's effects by hand, then move the journal away.");
        }
        try (Journal journal = config.journal().map(Journal::openForAppend).orElse(null)) {
            return new Run(journal, resuming ? last : Journal.LastRun.NONE, plan).execute();
        }
    }

    private String planFingerprint() {
        StringBuilder text = new StringBuilder(name);
        for (Step step : steps) {
            text.append('\n').append(step.number()).append('|').append(step.title()).append('|')
                    .append(step.budget().toMillis()).append('|').append(step.hasHardBudget()).append('|')
                    .append(step.isPointOfNoReturn());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void publish(RunbookEvent event) {
        for (Consumer<RunbookEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("runbook listener {} failed on {}: {}", listener, event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** One run's mutable state. */
    private final class Run {
        private final Journal journal;
        private final Journal.LastRun resumedFrom;
        private final String plan;
        private final Map<String, String> facts = Collections.synchronizedMap(new LinkedHashMap<>());
        private final List<StepOutcome> outcomes = new ArrayList<>();
        private final Instant startedAt = Instant.now();
        private final long startNanos = System.nanoTime();

        Run(Journal journal, Journal.LastRun resumedFrom, String plan) {
            this.journal = journal;
            this.resumedFrom = resumedFrom;
            this.plan = plan;
            facts.putAll(resumedFrom.facts());
        }

        RunReport execute() {
            boolean resumed = resumedFrom.exists();
            journal("run-started", Map.of("runbook", name, "plan", plan, "rehearsal", config.rehearsal(), "resumed", resumed));
            publish(new RunbookEvent.RunStarted(name, steps.size(), config.rehearsal(), resumed));
            boolean pastPointOfNoReturn = false;
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                if (resumedFrom.doneSteps().contains(step.number())) {
                    StepOutcome outcome = outcome(step, StepStatus.DONE_EARLIER, Duration.ZERO,
                            Duration.ofMillis(resumedFrom.doneMillis().getOrDefault(step.number(), 0L)), "done in an earlier run");
                    outcomes.add(outcome);
                    publish(new RunbookEvent.StepEnded(outcome));
                    pastPointOfNoReturn |= step.isPointOfNoReturn();
                    continue;
                }
                StepOutcome outcome = runStep(step);
                outcomes.add(outcome);
                if (outcome.status() == StepStatus.DONE) {
                    pastPointOfNoReturn |= step.isPointOfNoReturn();
                    continue;
                }
                steps.subList(i + 1, steps.size()).forEach(rest ->
                        outcomes.add(outcome(rest, StepStatus.NOT_RUN, Duration.ZERO, Duration.ZERO, "")));
                if (pastPointOfNoReturn) {
                    return finish(RunStatus.ROLL_FORWARD_REQUIRED, step.number(), "step " + step.number() + " aborted after the "
                            + "point of no return: " + outcome.detail() + ". Nothing was rolled back; fix the cause and roll forward.");
                }
                boolean allUndone = rollBack(i);
                return finish(allUndone ? RunStatus.ROLLED_BACK : RunStatus.ROLLBACK_INCOMPLETE, step.number(),
                        "step " + step.number() + " aborted: " + outcome.detail());
            }
            return finish(RunStatus.COMPLETED, null, "");
        }

        private StepOutcome runStep(Step step) {
            Duration offset = sinceStart();
            journal("step-started", Map.of("step", step.number(), "title", step.title()));
            publish(new RunbookEvent.StepStarted(step.number(), steps.size(), step.title(), step.budget(), step.hasHardBudget()));
            long start = System.nanoTime();
            String failure = execute(step, contextFor(step));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            StepOutcome outcome = outcome(step, failure == null ? StepStatus.DONE : StepStatus.ABORTED, offset, elapsed, failure);
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("step", step.number());
            fields.put("status", outcome.status().name());
            fields.put("elapsedMillis", elapsed.toMillis());
            fields.put("budgetMillis", step.budget().toMillis());
            fields.put("detail", outcome.detail());
            journal("step-finished", fields);
            publish(new RunbookEvent.StepEnded(outcome));
            return outcome;
        }

        /** Runs the action (under the hard budget if any) and the abort conditions; returns why it aborted, or null. */
        private String execute(Step step, StepContext context) {
            ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "runbook-step-" + step.number());
                thread.setDaemon(true);
                return thread;
            });
            Throwable thrown = null;
            try {
                Future<Void> future = executor.submit(() -> {
                    step.action().run(context);
                    return null;
                });
                if (step.hasHardBudget()) {
                    TimeLimiter limiter = TimeLimiter.of("step-" + step.number(), TimeLimiterConfig.custom()
                            .timeoutDuration(step.budget()).cancelRunningFuture(true).build());
                    limiter.executeFutureSupplier(() -> future);
                } else {
                    future.get();
                }
            } catch (TimeoutException e) {
                executor.shutdownNow();
                boolean stopped = awaitStop(executor);
                return "ran past its hard budget of " + Durations.format(step.budget()) + " and was interrupted"
                        + (stopped ? "" : " (it did not stop within " + Durations.format(config.interruptGrace()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
                return "the runbook itself was interrupted";
            } catch (ExecutionException e) {
                thrown = e.getCause();
            } catch (Exception e) {
                thrown = e;
            } finally {
                executor.shutdown();
            }
            if (thrown != null) {
                return describe(thrown);
            }
            for (AbortCondition condition : step.abortConditions()) {
                try {
                    if (condition.holds().test(context)) {
                        return "abort condition met: " + condition.description();
                    }
                } catch (RuntimeException e) {
                    return "abort condition '" + condition.description() + "' could not be checked: " + describe(e);
                }
            }
            return null;
        }

        private boolean awaitStop(ExecutorService executor) {
            try {
                return executor.awaitTermination(config.interruptGrace().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Rolls back the aborted step at {@code abortedIndex}, then every done step before it, newest first. */
        private boolean rollBack(int abortedIndex) {
            boolean allUndone = true;
            Set<Integer> stillRunning = new HashSet<>();
            StepOutcome aborted = outcomes.get(abortedIndex);
            if (aborted.detail().contains("did not stop within")) {
                stillRunning.add(aborted.number());
            }
            for (int i = abortedIndex; i >= 0; i--) {
                Step step = steps.get(i);
                StepOutcome outcome = outcomes.get(i);
                Optional<StepRollback> rollback = step.rollback();
                if (rollback.isEmpty() || outcome.status() == StepStatus.NOT_RUN) {
                    continue;
                }
                if (stillRunning.contains(step.number())) {
                    outcomes.set(i, outcome.withStatus(StepStatus.ROLLBACK_FAILED,
                            outcome.detail() + "; its rollback was not run because the step is still running"));
                    allUndone = false;
                    continue;
                }
                String failure;
                try {
                    rollback.get().rollback(contextFor(step));
                    failure = null;
                } catch (Exception e) {
                    failure = describe(e);
                }
                StepOutcome rolled = failure == null
                        ? outcome.withStatus(StepStatus.ROLLED_BACK, outcome.detail())
                        : outcome.withStatus(StepStatus.ROLLBACK_FAILED, "rollback failed: " + failure);
                allUndone &= failure == null;
                outcomes.set(i, rolled);
                journal("rollback-finished", Map.of("step", step.number(), "status", rolled.status().name(),
                        "detail", rolled.detail()));
                publish(new RunbookEvent.RollbackEnded(rolled));
            }
            return allUndone;
        }

        private RunReport finish(RunStatus status, Integer abortedStep, String reason) {
            RunReport report = new RunReport(name, status, config.rehearsal(), startedAt, sinceStart(), config.window(),
                    outcomes, Optional.ofNullable(abortedStep), reason);
            journal("run-finished", Map.of("status", status.name()));
            LOG.info("runbook {} finished: {}", name, status);
            publish(new RunbookEvent.RunEnded(report));
            return report;
        }

        private StepOutcome outcome(Step step, StepStatus status, Duration offset, Duration elapsed, String detail) {
            return new StepOutcome(step.number(), step.title(), status, offset, elapsed, step.budget(), step.hasHardBudget(),
                    step.isPointOfNoReturn(), step.tags(), detail);
        }

        private Duration sinceStart() {
            return Duration.ofNanos(System.nanoTime() - startNanos);
        }

        private void journal(String event, Map<String, ?> fields) {
            if (journal != null) {
                journal.append(event, fields);
            }
        }

        private StepContext contextFor(Step step) {
            return new StepContext() {
                @Override
                public boolean isRehearsal() {
                    return config.rehearsal();
                }

                @Override
                public int stepNumber() {
                    return step.number();
                }

                @Override
                public void progress(String message) {
                    publish(new RunbookEvent.StepProgress(step.number(), message));
                }

                @Override
                public void record(String key, String value) {
                    facts.put(key, value);
                    journal("fact", Map.of("step", step.number(), "key", key, "value", value));
                }

                @Override
                public Optional<String> fact(String key) {
                    return Optional.ofNullable(facts.get(key));
                }

                @Override
                public Map<String, String> facts() {
                    synchronized (facts) {
                        return Map.copyOf(facts);
                    }
                }
            };
        }
    }

    private static String describe(Throwable t) {
        if (t instanceof StepAbortedException) {
            return t.getMessage();
        }
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
