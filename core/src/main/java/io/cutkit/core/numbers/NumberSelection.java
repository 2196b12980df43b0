package io.cutkit.core.numbers;

import java.util.List;
import java.util.Objects;

/**
 * Which numbers of an account to work on: every number, or a list of identifiers, each an E.164
 * number ({@code +13125550181}) or a provider id. Identifiers are checked against the account when
 * a snapshot is taken; any that match nothing fail the snapshot with {@link UnknownNumberException}.
 */
public record NumberSelection(boolean everyNumber, List<String> identifiers) {

    public NumberSelection {
        identifiers = List.copyOf(identifiers);
        if (!everyNumber && identifiers.isEmpty()) {
            throw new IllegalArgumentException(
                    "a selection needs at least one number; pass E.164 numbers or SIDs, or use NumberSelection.all()");
        }
        identifiers.forEach(id -> Objects.requireNonNull(id, "identifier"));
    }

    /** Every number of the account. */
    public static NumberSelection all() {
        return new NumberSelection(true, List.of());
    }

    /** The numbers named by {@code identifiers} (E.164 or SID). */
    public static NumberSelection of(String... identifiers) {
        return new NumberSelection(false, List.of(identifiers));
    }

    /** The numbers named by {@code identifiers} (E.164 or SID). */
    public static NumberSelection of(List<String> identifiers) {
        return new NumberSelection(false, identifiers);
    }
}
