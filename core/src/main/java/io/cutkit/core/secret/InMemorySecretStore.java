package io.cutkit.core.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A versioned secret held in memory: a sink that adds versions {@code 1, 2, ...} and a source that
 * reads the latest. For rehearsals and tests; it plays a secret store on the destination stack.
 * Thread-safe.
 */
public final class InMemorySecretStore implements SecretSource, SecretSink, AutoCloseable {

    private final String name;
    private final List<Secret> versions = new ArrayList<>();

    private InMemorySecretStore(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** An empty store called {@code name}. */
    public static InMemorySecretStore named(String name) {
        return new InMemorySecretStore(name);
    }

    @Override
    public String description() {
        return "memory:" + name;
    }

    @Override
    public synchronized String write(Secret secret) {
        versions.add(Secret.copyOf(secret.copyBytes()));
        return Integer.toString(versions.size());
    }

    @Override
    public synchronized Secret read() {
        if (versions.isEmpty()) {
            throw new SecretException("Secret store " + description() + " has no version yet; pipe a value into it first.");
        }
        return Secret.copyOf(versions.get(versions.size() - 1).copyBytes());
    }

    @Override
    public synchronized Optional<String> fingerprintOf(String version) {
        int index = Integer.parseInt(version) - 1;
        return index >= 0 && index < versions.size() ? Optional.of(versions.get(index).fingerprint()) : Optional.empty();
    }

    /** How many versions have been written. */
    public synchronized int versionCount() {
        return versions.size();
    }

    /** Zeroes every version. */
    @Override
    public synchronized void close() {
        versions.forEach(Secret::close);
        versions.clear();
    }

    @Override
    public synchronized String toString() {
        return "InMemorySecretStore[" + name + ", versions=" + versions.size() + "]";
    }
}
