package io.cutkit.mysql.replication;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs reads that may be repeated safely (lag, status, verification, the catch-up wait) again after
 * a {@linkplain TransientErrors transient} failure, with exponential backoff (doubling, at most
 * 5 s apart, or less where a budget runs) and a bounded number of attempts; a permanent failure ends the first attempt. Never
 * used for the switch's writes, which are not idempotent without looking at the servers first.
 */
final class Retrying {

    private static final Logger LOG = LoggerFactory.getLogger(Retrying.class);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    /** Work that reads over JDBC. */
    interface Work<T> {
        T run() throws SQLException;
    }

    private final int attempts;
    private final Duration firstWait;
    private final RetryConfig config;

    Retrying(int attempts, Duration firstWait) {
        this(attempts, firstWait, LONGEST_WAIT);
    }

    private Retrying(int attempts, Duration firstWait, Duration longestWait) {
        this.attempts = attempts;
        this.firstWait = firstWait;
        this.config = RetryConfig.custom().maxAttempts(attempts)
                .intervalFunction(IntervalFunction.ofExponentialBackoff(firstWait, 2.0, longestWait))
                .retryOnException(TransientErrors::isTransient).build();
    }

    /** The same attempts with waits of at most {@code longest}, for work that must end within a budget. */
    Retrying waitingAtMost(Duration longest) {
        return new Retrying(attempts, firstWait.compareTo(longest) < 0 ? firstWait : longest, longest);
    }

    /** Runs {@code work}, again after transient failures; rethrows the last failure. */
    <T> T call(String what, Work<T> work) throws SQLException {
        Retry retry = Retry.of(what, config);
        retry.getEventPublisher().onRetry(event -> LOG.warn("{}: attempt {} failed ({}), trying again in {} ms", what,
                event.getNumberOfRetryAttempts(), event.getLastThrowable().getMessage(), event.getWaitInterval().toMillis()));
        try {
            return retry.executeCheckedSupplier(work::run);
        } catch (SQLException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable unexpected) {
            throw new IllegalStateException(what + " failed: " + unexpected, unexpected);
        }
    }

    /** {@link #call} for work that throws only unchecked exceptions. */
    <T> T get(String what, Supplier<T> work) {
        try {
            return call(what, work::get);
        } catch (SQLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
