package io.cutkit.core.preflight;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One problem a pre-flight check found: how much it matters, its class, what is wrong, the one fix,
 * where ({@code object}: {@code db.table.column}, {@code db.routine} or {@code file:line}, or null),
 * the cutkit option that fixes it during the import ({@code autofix}, e.g. {@code definers=strip}, or null)
 * and the evidence (ordered name to value; values are strings, numbers, booleans or lists of them).
 * Evidence never holds a secret value: fingerprints only.
 *
 * <pre>{@code
 * Finding f = Finding.of(FindingClass.WRONG_KEY, "key 3f2a... does not decrypt leads.email",
 *                 "pipe the source service's ENCRYPTION_KEY, not a copy")
 *         .object("crm.leads.email").evidence("first_ids", List.of(1, 2)).build();
 * }</pre>
 */
public record Finding(Severity severity, FindingClass findingClass, String message, String fix, String object,
        String autofix, Map<String, Object> evidence) {

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(findingClass, "findingClass");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(fix, "fix");
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    /** A builder for a finding of {@code findingClass} at its default severity. */
    public static Builder of(FindingClass findingClass, String message, String fix) {
        return new Builder(findingClass, message, fix);
    }

    /** This finding as one line: {@code P0 wrong-key crm.leads.email: message}. */
    public String headline() {
        return severity + " " + findingClass.id() + (object == null ? "" : " " + object) + ": " + message;
    }

    /** Builds a {@link Finding}. */
    public static final class Builder {
        private final FindingClass findingClass;
        private final String message;
        private final String fix;
        private Severity severity;
        private String object;
        private String autofix;
        private final Map<String, Object> evidence = new LinkedHashMap<>();

        private Builder(FindingClass findingClass, String message, String fix) {
            this.findingClass = Objects.requireNonNull(findingClass, "findingClass");
            this.message = message;
            this.fix = fix;
            this.severity = findingClass.defaultSeverity();
        }

        /** Overrides the class's default severity. */
        public Builder severity(Severity severity) {
            this.severity = Objects.requireNonNull(severity, "severity");
            return this;
        }

        /** Where the problem is: {@code db.table.column}, {@code db.routine} or {@code file:line}. */
        public Builder object(String object) {
            this.object = object;
            return this;
        }

        /** The cutkit option that fixes this during the import, e.g. {@code definers=strip}. */
        public Builder autofix(String option) {
            this.autofix = option;
            return this;
        }

        /** Adds one piece of evidence; {@code value} is a string, number, boolean or a list of those. */
        public Builder evidence(String name, Object value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (value instanceof List<?> list) {
                value = List.copyOf(list);
            } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                value = value.toString();
            }
            evidence.put(name, value);
            return this;
        }

        public Finding build() {
            return new Finding(severity, findingClass, message, fix, object, autofix, evidence);
        }
    }
}
