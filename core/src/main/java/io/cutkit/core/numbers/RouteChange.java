package io.cutkit.core.numbers;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a repoint should change on every selected number: fields to set and fields to clear;
 * fields not mentioned keep their current values. Built once with {@link #builder()}, which
 * validates every value (absolute http(s) URLs, GET/POST methods, voice/fax receive mode) and
 * throws {@link InvalidRouteChangeException} listing all problems at once.
 */
public final class RouteChange {

    private final Map<RouteField, String> values;

    private RouteChange(EnumMap<RouteField, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The fields this change touches, mapped to their new value; a {@code null} value means the
     * field is cleared.
     */
    public Map<RouteField, String> values() {
        return values;
    }

    /** {@code route} with this change applied. */
    public NumberRoute applyTo(NumberRoute route) {
        NumberRoute result = route;
        for (Map.Entry<RouteField, String> entry : values.entrySet()) {
            result = result.with(entry.getKey(), entry.getValue());
        }
        return result;
    }

    /** Whether this change clears {@code field}. */
    public boolean clears(RouteField field) {
        return values.containsKey(field) && values.get(field) == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RouteChange that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "RouteChange" + values;
    }

    /** Collects fields to set or clear; {@link #build()} validates them all. */
    public static final class Builder {
        private final EnumMap<RouteField, String> values = new EnumMap<>(RouteField.class);

        private Builder() {
        }

        /** Sets {@code field} to {@code value} on every number. */
        public Builder set(RouteField field, String value) {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, () -> "value of " + field + "; use clear(" + field + ") to unset it");
            values.put(field, value);
            return this;
        }

        /** Unsets {@code field} on every number (an empty URL, no application, no trunk). */
        public Builder clear(RouteField field) {
            values.put(Objects.requireNonNull(field, "field"), null);
            return this;
        }

        public Builder voiceUrl(String url) {
            return set(RouteField.VOICE_URL, url);
        }

        public Builder voiceFallbackUrl(String url) {
            return set(RouteField.VOICE_FALLBACK_URL, url);
        }

        public Builder smsUrl(String url) {
            return set(RouteField.SMS_URL, url);
        }

        public Builder smsFallbackUrl(String url) {
            return set(RouteField.SMS_FALLBACK_URL, url);
        }

        public Builder statusCallback(String url) {
            return set(RouteField.STATUS_CALLBACK, url);
        }

        /**
         * Validates and freezes the change.
         *
         * @throws InvalidRouteChangeException naming every invalid value and how to fix it
         */
        public RouteChange build() {
            List<String> problems = new ArrayList<>();
            if (values.isEmpty()) {
                problems.add("the change sets nothing: name at least one field, e.g. voiceUrl(\"https://new-host/voice\")");
            }
            for (Map.Entry<RouteField, String> entry : values.entrySet()) {
                String value = entry.getValue();
                if (value != null) {
                    String problem = problemWith(entry.getKey(), value);
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
            }
            if (!problems.isEmpty()) {
                throw new InvalidRouteChangeException(problems);
            }
            EnumMap<RouteField, String> normalized = new EnumMap<>(RouteField.class);
            values.forEach((field, value) -> normalized.put(field, normalize(field, value)));
            return new RouteChange(normalized);
        }

        private static String normalize(RouteField field, String value) {
            if (value == null) {
                return null;
            }
            return switch (field.kind()) {
                case METHOD -> value.trim().toUpperCase(Locale.ROOT);
                case MODE -> value.trim().toLowerCase(Locale.ROOT);
                default -> value.trim();
            };
        }

        private static String problemWith(RouteField field, String value) {
            return switch (field.kind()) {
                case URL -> urlProblem(field, value);
                case METHOD -> {
                    String method = value.trim().toUpperCase(Locale.ROOT);
                    yield method.equals("GET") || method.equals("POST") ? null
                            : field + " is '" + value + "': use GET or POST";
                }
                case MODE -> {
                    String mode = value.trim().toLowerCase(Locale.ROOT);
                    yield mode.equals("voice") || mode.equals("fax") ? null
                            : field + " is '" + value + "': use voice or fax";
                }
                case REFERENCE -> value.isBlank()
                        ? field + " is blank: use clear(" + field + ") to remove it" : null;
            };
        }

        private static String urlProblem(RouteField field, String value) {
            String fix = ": give an absolute http(s) URL such as https://new-host.example/api/twilio/voice";
            if (value.isBlank()) {
                return field + " is blank: use clear(" + field + ") to unset it";
            }
            if (!value.equals(value.trim()) || value.chars().anyMatch(Character::isWhitespace)) {
                return field + " '" + value + "' contains whitespace" + fix;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
                    return field + " '" + value + "' is not an http(s) URL" + fix;
                }
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    return field + " '" + value + "' has no host" + fix;
                }
                return null;
            } catch (URISyntaxException e) {
                return field + " '" + value + "' is not a valid URL (" + e.getReason() + ")" + fix;
            }
        }
    }
}
