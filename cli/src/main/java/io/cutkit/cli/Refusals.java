package io.cutkit.cli;

import io.cutkit.core.guard.CiphertextGuardException;
import io.cutkit.core.migration.GuardRefusedException;
import io.cutkit.core.migration.PlanConflictException;
import io.cutkit.core.migration.StalePlanException;
import io.cutkit.core.numbers.RepointRefusedException;
import io.cutkit.core.numbers.UnknownNumberException;
import io.cutkit.core.secret.PlaceholderSecretException;
import io.cutkit.mysql.dump.ImportRefusedException;
import java.util.List;

/** The library exceptions that mean "checked, and refused before changing anything": exit code 1. */
final class Refusals {

    private static final List<Class<? extends Exception>> REFUSALS = List.of(ImportRefusedException.class,
            CiphertextGuardException.class, PlanConflictException.class, StalePlanException.class,
            GuardRefusedException.class, RepointRefusedException.class, UnknownNumberException.class,
            PlaceholderSecretException.class);

    private Refusals() {
    }

    static boolean isRefusal(Exception e) {
        return REFUSALS.stream().anyMatch(type -> type.isInstance(e));
    }
}
