package io.cutkit.core.numbers;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete route of every selected number, read before a repoint. A rollback writes these
 * values back field by field, so it restores exactly this state.
 */
public record RoutingSnapshot(String account, Instant takenAt, List<RoutedNumber> numbers) {

    public RoutingSnapshot {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(takenAt, "takenAt");
        numbers = List.copyOf(numbers);
    }

    /** The recorded route of the number named by {@code identifier} (SID or E.164). */
    public Optional<RoutedNumber> find(String identifier) {
        return numbers.stream().filter(n -> n.number().matches(identifier)).findFirst();
    }

    public int size() {
        return numbers.size();
    }
}
