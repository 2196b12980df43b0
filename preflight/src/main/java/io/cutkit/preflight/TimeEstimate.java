package io.cutkit.preflight;

import java.time.Duration;
import java.util.Objects;

/**
 * The dry-run's estimate of the window's data work, from what it measured on the real data: the
 * export (measured when the data came from a live source, otherwise estimated from the dump's size at
 * the import's measured rate), the import and the migrations.
 *
 * @param bytes the dump's uncompressed size
 * @param export time to export, measured or estimated
 * @param exportMeasured whether {@code export} was measured
 * @param load time to import
 * @param migrations time to apply the pending migrations (zero when none ran)
 * @param window the cutover window
 */
public record TimeEstimate(long bytes, Duration export, boolean exportMeasured, Duration load, Duration migrations,
        Duration window) {

    public TimeEstimate {
        Objects.requireNonNull(export, "export");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(migrations, "migrations");
        Objects.requireNonNull(window, "window");
    }

    /** Export, import and migrations together. */
    public Duration total() {
        return export.plus(load).plus(migrations);
    }

    /** Whether the total fits in the window. */
    public boolean fits() {
        return total().compareTo(window) <= 0;
    }
}
