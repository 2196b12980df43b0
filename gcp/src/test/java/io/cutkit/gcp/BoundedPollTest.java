package io.cutkit.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BoundedPollTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(5), 2.0, Duration.ofMillis(40));

    @Test
    void backoffGrowsByItsMultiplierAndStopsAtItsMaximum() {
        assertThat(FAST.after(Duration.ofMillis(5))).isEqualTo(Duration.ofMillis(10));
        assertThat(FAST.after(Duration.ofMillis(30))).isEqualTo(Duration.ofMillis(40));
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), 1.5, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void returnsTheResultOnceTheProbeIsDone() {
        AtomicInteger probes = new AtomicInteger();

        String result = BoundedPoll.of(FAST, Duration.ofSeconds(5)).await("three probes",
                () -> probes.incrementAndGet() < 3 ? BoundedPoll.pending("probe " + probes.get()) : BoundedPoll.done("ok"));

        assertThat(result).isEqualTo("ok");
        assertThat(probes).hasValue(3);
    }

    @Test
    void givesUpAtTheDeadlineWithTheLastStateSeen() {
        long start = System.nanoTime();

        assertThatThrownBy(() -> BoundedPoll.of(FAST, Duration.ofMillis(200))
                .await("an operation that never ends", () -> BoundedPoll.pending("RUNNING")))
                .isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
                    assertThat(e.lastState()).isEqualTo("RUNNING");
                    assertThat(e.awaited()).isEqualTo("an operation that never ends");
                    assertThat(e.waited()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
}
