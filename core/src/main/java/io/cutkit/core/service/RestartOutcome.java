package io.cutkit.core.service;

import java.time.Duration;

/** A finished restart: the revision that served before, the one that serves now, and how long it took. */
public record RestartOutcome(String service, String previousRevision, String newRevision, Duration elapsed) {
}
