package io.cutkit.examples;

import io.cutkit.core.runbook.AbortCondition;
import io.cutkit.core.runbook.Step;
import io.cutkit.core.runbook.StepContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs runbook steps one at a time from a test, the way a JUnit-style cutover script does: facts
 * carry over between steps, progress is kept for assertions, and a step counts as failed when its
 * action throws or one of its abort conditions holds.
 */
final class ScriptContext {

    private final Map<String, String> facts = new LinkedHashMap<>();
    private final List<String> progress = new ArrayList<>();

    /** Runs {@code step}'s action and abort conditions; returns how long the action took. */
    Duration run(Step step) throws Exception {
        StepContext context = contextFor(step.number());
        long start = System.nanoTime();
        step.action().run(context);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        for (AbortCondition condition : step.abortConditions()) {
            if (condition.holds().test(context)) {
                throw new AssertionError("step " + step.number() + " abort condition met: " + condition.description());
            }
        }
        return elapsed;
    }

    String fact(String key) {
        return facts.get(key);
    }

    List<String> progress() {
        return progress;
    }

    private StepContext contextFor(int number) {
        return new StepContext() {
            @Override
            public boolean isRehearsal() {
                return true;
            }

            @Override
            public int stepNumber() {
                return number;
            }

            @Override
            public void progress(String message) {
                progress.add(message);
            }

            @Override
            public void record(String key, String value) {
                facts.put(key, value);
            }

            @Override
            public Optional<String> fact(String key) {
                return Optional.ofNullable(facts.get(key));
            }

            @Override
            public Map<String, String> facts() {
                return Map.copyOf(facts);
            }
        };
    }
}
