package io.cutkit.core.service;

import java.time.Duration;

/**
 * Forces a service to start a new revision (so values resolved at start, such as secrets, are
 * read again) and waits until the new revision serves traffic.
 */
public interface ServiceRestarter {

    /**
     * Restarts {@code service} and returns once its new revision is ready and receives traffic,
     * or throws {@link RestartException} when that does not happen within {@code deadline}.
     */
    RestartOutcome restart(String service, Duration deadline);
}
