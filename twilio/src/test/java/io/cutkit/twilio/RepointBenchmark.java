package io.cutkit.twilio;

import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.OverrideHandling;
import io.cutkit.core.numbers.RepointPlan;
import io.cutkit.core.numbers.RepointResult;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.numbers.RoutingSnapshot;
import io.cutkit.twilio.testing.TwilioStandIn;
import java.time.Duration;
import java.util.Locale;

/**
 * Repoints many numbers against a local stand-in and prints how long snapshot, apply (update +
 * read-back per number) and rollback take.
 *
 * <p>Run from the repository root:
 * {@code mvn -B -ntp -P bench -pl twilio -am verify -DskipTests -Dbench=Repoint}
 * (arguments through {@code -Dbench.args="<numbers> <concurrency> <latencyMs>"}, default
 * {@code 1000 16 0}).
 */
public final class RepointBenchmark {

    private RepointBenchmark() {
    }

    public static void main(String[] args) {
        // per-request debug lines (on for the tests) would measure the console, not the repointer
        System.setProperty("org.slf4j.simpleLogger.log.com.twilio", "info");
        System.setProperty("org.slf4j.simpleLogger.log.io.cutkit", "warn");
        int numbers = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        System.out.printf(Locale.ROOT, "numbers=%d latency=%d ms per request%n", numbers, latencyMs);
        System.out.println("warm-up (not counted):");
        run(Math.min(numbers, 200), concurrency, latencyMs, Math.min(numbers, 200));
        System.out.println("measured:");
        run(numbers, 1, latencyMs, Math.min(numbers, 200));
        run(numbers, concurrency, latencyMs, numbers);
    }

    /** Repoints {@code sample} of {@code numbers} numbers at {@code concurrency} and prints the timings. */
    static Duration run(int numbers, int concurrency, int latencyMs, int sample) {
        try (TwilioStandIn standIn = TwilioStandIn.builder().threads(Math.max(16, concurrency)).start()) {
            standIn.addNumbers(numbers, NumberRoute.empty()
                    .with(RouteField.VOICE_URL, "https://old-host.example/voice")
                    .with(RouteField.SMS_URL, "https://old-host.example/sms"));
            standIn.faults().latency(Duration.ofMillis(latencyMs));
            TwilioNumberRepointer repointer = TwilioNumberRepointer.builder(
                    standIn.credentials().restClient(TwilioTransport.builder().endpoint(standIn.endpoint()).build()))
                    .concurrency(concurrency).build();
            RouteChange change = RouteChange.builder()
                    .voiceUrl("https://new-host.example/voice").smsUrl("https://new-host.example/sms").build();

            long t0 = System.nanoTime();
            RoutingSnapshot all = repointer.snapshot(NumberSelection.all());
            RoutingSnapshot snapshot = new RoutingSnapshot(all.account(), all.takenAt(), all.numbers().subList(0, sample));
            long t1 = System.nanoTime();
            RepointPlan plan = repointer.plan(snapshot, change, OverrideHandling.REFUSE);
            RepointResult applied = repointer.apply(plan);
            long t2 = System.nanoTime();
            RepointResult restored = repointer.rollback(snapshot);
            long t3 = System.nanoTime();

            if (applied.status() != RepointResult.Status.COMPLETE || restored.status() != RepointResult.Status.RESTORED) {
                throw new IllegalStateException("benchmark run did not complete: " + applied.status() + ", " + restored.status());
            }
            Duration apply = Duration.ofNanos(t2 - t1);
            System.out.printf(Locale.ROOT,
                    "concurrency=%-3d repointed=%-5d snapshot=%5d ms  apply+verify=%6d ms (%.0f numbers/s)  rollback=%6d ms%n",
                    concurrency, sample, (t1 - t0) / 1_000_000, apply.toMillis(),
                    sample / (apply.toNanos() / 1e9), (t3 - t2) / 1_000_000);
            return apply;
        }
    }
}
