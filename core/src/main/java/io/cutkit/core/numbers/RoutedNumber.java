package io.cutkit.core.numbers;

import java.util.Objects;

/** A number and its route at one moment. */
public record RoutedNumber(NumberId number, NumberRoute route) {

    public RoutedNumber {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(route, "route");
    }
}
