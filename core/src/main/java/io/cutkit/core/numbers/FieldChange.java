package io.cutkit.core.numbers;

/** One field of one number going from {@code before} to {@code after}; {@code null} means unset. */
public record FieldChange(RouteField field, String before, String after) {

    @Override
    public String toString() {
        return field + ": " + show(before) + " -> " + show(after);
    }

    private static String show(String value) {
        return value == null ? "(unset)" : value;
    }
}
