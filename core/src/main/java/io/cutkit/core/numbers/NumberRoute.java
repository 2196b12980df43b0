package io.cutkit.core.numbers;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where one number sends its traffic: the value of every {@link RouteField}, {@code null} (absent
 * from {@link #values()}) when unset. Immutable; equality compares every field, which is what
 * verification and rollback rely on.
 */
public final class NumberRoute {

    private static final NumberRoute EMPTY = new NumberRoute(new EnumMap<>(RouteField.class));

    private final Map<RouteField, String> values;

    private NumberRoute(EnumMap<RouteField, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** A route with no field set. */
    public static NumberRoute empty() {
        return EMPTY;
    }

    /** A route holding {@code values}; blank values count as unset. */
    public static NumberRoute of(Map<RouteField, String> values) {
        NumberRoute route = EMPTY;
        for (Map.Entry<RouteField, String> entry : values.entrySet()) {
            route = route.with(entry.getKey(), entry.getValue());
        }
        return route;
    }

    /** The value of {@code field}, empty when unset. */
    public Optional<String> get(RouteField field) {
        return Optional.ofNullable(values.get(field));
    }

    /** The value of {@code field}, or {@code null} when unset. */
    public String valueOrNull(RouteField field) {
        return values.get(field);
    }

    /** The set fields and their values, in {@link RouteField} order. */
    public Map<RouteField, String> values() {
        return values;
    }

    /** A copy with {@code field} set to {@code value}, or unset when {@code value} is null or blank. */
    public NumberRoute with(RouteField field, String value) {
        Objects.requireNonNull(field, "field");
        EnumMap<RouteField, String> copy = values.isEmpty()
                ? new EnumMap<>(RouteField.class) : new EnumMap<>(values);
        if (value == null || value.isBlank()) {
            copy.remove(field);
        } else {
            copy.put(field, value);
        }
        return new NumberRoute(copy);
    }

    /** The fields whose values differ from {@code target}'s, as changes from this route to {@code target}. */
    public List<FieldChange> diff(NumberRoute target) {
        return Stream.of(RouteField.values())
                .filter(field -> !Objects.equals(values.get(field), target.values.get(field)))
                .map(field -> new FieldChange(field, values.get(field), target.values.get(field)))
                .toList();
    }

    /** The set fields that make {@code field} ineffective (e.g. a trunk SID for the voice URL). */
    public List<RouteField> overridesOf(RouteField field) {
        return Stream.of(RouteField.values())
                .filter(values::containsKey)
                .filter(overriding -> overriding.shadows().contains(field))
                .toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NumberRoute that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "NumberRoute" + values;
    }
}
