package io.cutkit.core.numbers;

import java.util.List;

/**
 * Some identifiers of a {@link NumberSelection} are malformed or name no number of the account;
 * thrown by the snapshot, before any number is touched.
 */
public class UnknownNumberException extends RepointException {

    private final List<String> malformed;
    private final List<String> unknown;

    public UnknownNumberException(String account, List<String> malformed, List<String> unknown) {
        super(message(account, malformed, unknown));
        this.malformed = List.copyOf(malformed);
        this.unknown = List.copyOf(unknown);
    }

    /** Identifiers that are neither E.164 numbers nor number SIDs. */
    public List<String> malformed() {
        return malformed;
    }

    /** Well-formed identifiers that match no number of the account. */
    public List<String> unknown() {
        return unknown;
    }

    private static String message(String account, List<String> malformed, List<String> unknown) {
        StringBuilder text = new StringBuilder("cannot select numbers, nothing was changed:");
        if (!malformed.isEmpty()) {
            text.append("\n - not an E.164 number (+<country><digits>) nor a number SID: ").append(malformed);
        }
        if (!unknown.isEmpty()) {
            text.append("\n - not found in account ").append(account).append(": ").append(unknown)
                    .append(" (check for typos or a different account/subaccount)");
        }
        return text.toString();
    }
}
