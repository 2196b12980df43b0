package io.cutkit.crypto.flyway;

import io.cutkit.core.guard.ColumnRef;
import io.cutkit.crypto.KeyRing;
import io.cutkit.crypto.jdbc.JdbcCiphertextGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs {@link JdbcCiphertextGuard} checks from Flyway, on Flyway's own connection, at one event
 * ({@link Event#BEFORE_MIGRATE} unless told otherwise), so that no migration runs against data
 * the environment's key cannot read. A failing check throws out of {@code migrate()} before any
 * migration is applied. Flyway is an optional dependency: only this class needs it.
 *
 * <pre>{@code
 * Flyway.configure().dataSource(ds)
 *     .callbacks(CiphertextGuardCallback.builder(keyRing).sampleDecrypt(ColumnRef.of("leads", "email"), 1).build())
 *     .load().migrate();
 * }</pre>
 */
public final class CiphertextGuardCallback implements Callback {

    private final KeyRing ring;
    private final Event event;
    private final List<Consumer<JdbcCiphertextGuard>> checks;
    private final String description;

    private CiphertextGuardCallback(Builder builder) {
        this.ring = builder.ring;
        this.event = builder.event;
        this.checks = List.copyOf(builder.checks);
        this.description = String.join(", ", builder.descriptions);
    }

    /** Starts a callback that checks with {@code ring}. */
    public static Builder builder(KeyRing ring) {
        return new Builder(ring);
    }

    @Override
    public boolean supports(Event candidate, Context context) {
        return candidate == event;
    }

    @Override
    public boolean canHandleInTransaction(Event candidate, Context context) {
        return true;
    }

    @Override
    public void handle(Event candidate, Context context) {
        JdbcCiphertextGuard guard = JdbcCiphertextGuard.on(context.getConnection(), ring);
        for (Consumer<JdbcCiphertextGuard> check : checks) {
            check.accept(guard);
        }
    }

    @Override
    public String getCallbackName() {
        return "cutkit ciphertext guard (" + description + ")";
    }

    @Override
    public String toString() {
        return getCallbackName() + " at " + event;
    }

    /** Collects the checks, run in the order they were added. */
    public static final class Builder {
        private final KeyRing ring;
        private Event event = Event.BEFORE_MIGRATE;
        private final List<Consumer<JdbcCiphertextGuard>> checks = new ArrayList<>();
        private final List<String> descriptions = new ArrayList<>();

        private Builder(KeyRing ring) {
            this.ring = Objects.requireNonNull(ring, "ring");
        }

        /** Strictly decrypt the first {@code sampleSize} non-NULL values of {@code column}. */
        public Builder sampleDecrypt(ColumnRef column, int sampleSize) {
            checks.add(guard -> guard.sampleDecrypt(column, sampleSize));
            descriptions.add("sample-decrypt " + column);
            return this;
        }

        /** Require that {@code plaintextColumn} holds no envelope-shaped value. */
        public Builder assertNoCiphertext(ColumnRef plaintextColumn) {
            checks.add(guard -> guard.assertNoCiphertext(plaintextColumn));
            descriptions.add("no ciphertext in " + plaintextColumn);
            return this;
        }

        /** Require that every value of {@code encryptedColumn} decrypts, once, to plaintext. */
        public Builder assertNoPlaintext(ColumnRef encryptedColumn) {
            checks.add(guard -> guard.assertNoPlaintext(encryptedColumn));
            descriptions.add("no plaintext in " + encryptedColumn);
            return this;
        }

        /** Run at {@code flywayEvent} instead of {@link Event#BEFORE_MIGRATE}. */
        public Builder at(Event flywayEvent) {
            this.event = Objects.requireNonNull(flywayEvent, "flywayEvent");
            return this;
        }

        public CiphertextGuardCallback build() {
            if (checks.isEmpty()) {
                throw new IllegalStateException("add at least one check (sampleDecrypt, assertNoCiphertext, assertNoPlaintext)");
            }
            return new CiphertextGuardCallback(this);
        }
    }
}
