package io.cutkit.core.smoke;

import java.net.URI;
import java.time.Duration;

/** The outcome of a {@link SmokeCheck}: passed or not, after how many attempts and how long, and the last problem. */
public record SmokeResult(URI uri, boolean passed, int attempts, Duration elapsed, String problem) {
}
