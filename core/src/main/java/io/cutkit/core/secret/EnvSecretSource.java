package io.cutkit.core.secret;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Reads a secret from an environment variable of this process (or of a given environment map,
 * e.g. a child's). The JVM hands environment values out as strings; this source turns the value
 * into bytes at once and keeps no reference to it.
 */
public final class EnvSecretSource implements SecretSource {

    private final String variable;
    private final Map<String, String> environment;

    private EnvSecretSource(String variable, Map<String, String> environment) {
        this.variable = Objects.requireNonNull(variable, "variable");
        this.environment = environment;
    }

    /** Reads {@code variable} from this process's environment. */
    public static EnvSecretSource of(String variable) {
        return new EnvSecretSource(variable, null);
    }

    /** Reads {@code variable} from {@code environment} (for a child process's or a captured environment). */
    public static EnvSecretSource of(String variable, Map<String, String> environment) {
        return new EnvSecretSource(variable, Objects.requireNonNull(environment, "environment"));
    }

    @Override
    public String description() {
        return "env:" + variable;
    }

    @Override
    public Secret read() {
        String value = environment == null ? System.getenv(variable) : environment.get(variable);
        if (value == null) {
            throw new SecretException("Environment variable " + variable + " is not set; export it in the shell "
                    + "that runs the cutover (without echoing it) and try again.");
        }
        return Secret.adopt(value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "EnvSecretSource[" + description() + "]";
    }
}
