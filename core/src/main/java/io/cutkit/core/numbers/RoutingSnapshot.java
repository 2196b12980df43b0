package io.cutkit.core.numbers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The complete route of every selected number, read before a repoint. A rollback writes these
 * values back field by field, so it restores exactly this state. {@link #toText()} and
 * {@link #parse(String)} keep it in a file, so a rollback still works after the process that took
 * it has gone.
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

    private static final String HEADER = "# cutkit routing snapshot v1";

    /**
     * A line-based text form: a header, {@code account=}, {@code takenAt=}, then per number a
     * {@code number=<sid> <e164>} line followed by {@code FIELD=value} lines. Holds no credentials.
     */
    public String toText() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        text.append("account=").append(escape(account)).append('\n');
        text.append("takenAt=").append(takenAt).append('\n');
        for (RoutedNumber routed : numbers) {
            text.append("number=").append(escape(routed.number().sid())).append(' ')
                    .append(escape(routed.number().phoneNumber())).append('\n');
            for (Map.Entry<RouteField, String> field : routed.route().values().entrySet()) {
                text.append(field.getKey()).append('=').append(escape(field.getValue())).append('\n');
            }
        }
        return text.toString();
    }

    /**
     * Reads what {@link #toText()} wrote.
     *
     * @throws IllegalArgumentException naming the first line that cannot be read
     */
    public static RoutingSnapshot parse(String text) {
        String[] lines = text.split("\r?\n");
        if (lines.length < 3 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a cutkit routing snapshot: the first line must be '" + HEADER + "'");
        }
        String account = null;
        Instant takenAt = null;
        List<RoutedNumber> numbers = new ArrayList<>();
        NumberId current = null;
        NumberRoute route = NumberRoute.empty();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("snapshot line " + (i + 1) + " has no '=': " + line);
            }
            String key = line.substring(0, eq);
            String value = unescape(line.substring(eq + 1));
            switch (key) {
                case "account" -> account = value;
                case "takenAt" -> {
                    try {
                        takenAt = Instant.parse(value);
                    } catch (DateTimeParseException e) {
                        throw new IllegalArgumentException("snapshot line " + (i + 1) + ": takenAt is not an instant: " + value, e);
                    }
                }
                case "number" -> {
                    if (current != null) {
                        numbers.add(new RoutedNumber(current, route));
                    }
                    String[] parts = value.split(" ");
                    if (parts.length != 2) {
                        throw new IllegalArgumentException("snapshot line " + (i + 1) + ": expected 'number=<sid> <e164>'");
                    }
                    current = new NumberId(parts[0], parts[1]);
                    route = NumberRoute.empty();
                }
                default -> {
                    RouteField field;
                    try {
                        field = RouteField.valueOf(key);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("snapshot line " + (i + 1) + ": unknown field " + key, e);
                    }
                    if (current == null) {
                        throw new IllegalArgumentException("snapshot line " + (i + 1) + ": field before any number= line");
                    }
                    route = route.with(field, value);
                }
            }
        }
        if (current != null) {
            numbers.add(new RoutedNumber(current, route));
        }
        if (account == null || takenAt == null) {
            throw new IllegalArgumentException("snapshot has no account= or takenAt= line");
        }
        return new RoutingSnapshot(account, takenAt, numbers);
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static String unescape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                char next = value.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
