package io.cutkit.core.replication;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What a switch of the primary did and how long writes were frozen.
 *
 * @param oldPrimary the server that took writes before (a description, never a credential)
 * @param newPrimary the server that takes writes now
 * @param oldPrimaryFinal the old primary's position after it stopped taking writes
 * @param newPrimaryStart the new primary's position before its first write; the reverse stream starts here
 * @param writesStopped when the old primary was told to stop taking writes
 * @param writesOpened when the new primary took writes
 * @param stages every stage run, timed, in order
 */
public record SwitchReport(String oldPrimary, String newPrimary, ReplicationPosition oldPrimaryFinal,
                           ReplicationPosition newPrimaryStart, Instant writesStopped, Instant writesOpened,
                           List<StageTiming> stages) {

    public SwitchReport {
        Objects.requireNonNull(oldPrimary, "oldPrimary");
        Objects.requireNonNull(newPrimary, "newPrimary");
        Objects.requireNonNull(oldPrimaryFinal, "oldPrimaryFinal");
        Objects.requireNonNull(newPrimaryStart, "newPrimaryStart");
        Objects.requireNonNull(writesStopped, "writesStopped");
        Objects.requireNonNull(writesOpened, "writesOpened");
        stages = List.copyOf(stages);
    }

    /** The freeze: from the moment the old primary stopped taking writes to the moment the new one took them. */
    public Duration freeze() {
        return Duration.between(writesStopped, writesOpened);
    }

    /** A summary line with the freeze, then one line per stage. */
    public String toText() {
        return stages.stream().map(s -> String.format("  %-22s %7.3f s", s.stage(), s.elapsed().toNanos() / 1e9))
                .collect(Collectors.joining("\n", String.format("switched %s -> %s at %s, freeze %.3f s%n",
                        oldPrimary, newPrimary, oldPrimaryFinal.describe(), freeze().toNanos() / 1e9), ""));
    }

    /** @deprecated renamed {@link #toText()}, the name every cutkit report uses; goes in the next release. */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public String describe() {
        return toText();
    }
}
