package io.cutkit.core.runbook;

import java.time.Duration;
import java.util.Locale;

/** Human formatting of durations for consoles and reports: {@code 0.4 s}, {@code 2 m 57 s}. */
final class Durations {

    private Durations() {
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        long seconds = Math.round(millis / 1000.0);
        return seconds % 60 == 0 ? (seconds / 60) + " m" : (seconds / 60) + " m " + (seconds % 60) + " s";
    }
}
