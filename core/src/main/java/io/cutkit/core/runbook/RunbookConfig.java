package io.cutkit.core.runbook;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Runbook} runs: the time window the hard-budget steps must fit, rehearsal mode,
 * where the journal goes (none by default), and how long to wait for an interrupted step to stop.
 * Immutable; build with {@link #custom()}.
 */
public final class RunbookConfig {

    private final Duration window;
    private final boolean rehearsal;
    private final Path journal;
    private final Duration interruptGrace;

    private RunbookConfig(Builder builder) {
        this.window = builder.window;
        this.rehearsal = builder.rehearsal;
        this.journal = builder.journal;
        this.interruptGrace = builder.interruptGrace;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** No window, not a rehearsal, no journal. */
    public static RunbookConfig ofDefaults() {
        return custom().build();
    }

    public Optional<Duration> window() {
        return Optional.ofNullable(window);
    }

    public boolean rehearsal() {
        return rehearsal;
    }

    public Optional<Path> journal() {
        return Optional.ofNullable(journal);
    }

    public Duration interruptGrace() {
        return interruptGrace;
    }

    /** Builds a {@link RunbookConfig}. */
    public static final class Builder {
        private Duration window;
        private boolean rehearsal;
        private Path journal;
        private Duration interruptGrace = Duration.ofSeconds(10);

        private Builder() {
        }

        /** The maintenance window: the run refuses to start when the hard budgets add up to more. */
        public Builder window(Duration window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        public Builder rehearsal(boolean rehearsal) {
            this.rehearsal = rehearsal;
            return this;
        }

        /** Append-only JSON-lines journal; an unfinished run recorded there is resumed. */
        public Builder journal(Path journal) {
            this.journal = Objects.requireNonNull(journal, "journal");
            return this;
        }

        /** How long to wait for a step interrupted at its hard budget to stop before rolling back. */
        public Builder interruptGrace(Duration interruptGrace) {
            this.interruptGrace = Objects.requireNonNull(interruptGrace, "interruptGrace");
            return this;
        }

        public RunbookConfig build() {
            return new RunbookConfig(this);
        }
    }
}
