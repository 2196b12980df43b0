package io.cutkit.core.numbers;

import java.util.List;

/** A {@link RouteChange} holds invalid values; thrown before any number is touched. */
public class InvalidRouteChangeException extends RepointException {

    private final List<String> problems;

    public InvalidRouteChangeException(List<String> problems) {
        super("invalid route change, nothing was changed:\n - " + String.join("\n - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per invalid value, each naming the field and the fix. */
    public List<String> problems() {
        return problems;
    }
}
