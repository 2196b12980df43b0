package io.cutkit.core.data;

import java.time.Duration;

/** What an import did: where the data landed, how many statements and rows, how long it took. */
public record ImportOutcome(String targetDatabase, long statements, long rows, Duration elapsed) {
}
