package io.cutkit.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints "{@code <what>... N s}" on stderr every second while long work runs, for primitives that
 * report no progress of their own; work shorter than a second prints nothing.
 */
final class ProgressTicker implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cutkit-progress");
        t.setDaemon(true);
        return t;
    });

    private ProgressTicker(Console console, String what) {
        AtomicLong seconds = new AtomicLong();
        timer.scheduleAtFixedRate(() -> console.progress(what + "... " + seconds.incrementAndGet() + " s"),
                1, 1, TimeUnit.SECONDS);
    }

    /** Starts ticking for {@code what} (e.g. {@code importing dump.sql.gz into crm}). */
    static ProgressTicker start(Console console, String what) {
        return new ProgressTicker(console, what);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
