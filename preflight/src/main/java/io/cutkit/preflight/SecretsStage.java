package io.cutkit.preflight;

import io.cutkit.core.preflight.SecretFindings;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks the plan's source secrets for placeholders and compares the destination's with them by fingerprint
 * ({@link SecretFindings}); the note lists every fingerprint, never a value. Needs no data.
 */
final class SecretsStage implements Stage {

    @Override
    public String name() {
        return "secrets";
    }

    @Override
    public Optional<String> missing(DryRunState state) {
        return state.plan.secrets().isEmpty() && state.plan.destinationSecrets().isEmpty()
                ? Optional.of("needs --secrets (the source's, and the destination's to compare)") : Optional.empty();
    }

    @Override
    public String run(DryRunState state) {
        SecretFindings checked = SecretFindings.check(state.plan.secrets(), state.plan.destinationSecrets(),
                state.plan.placeholderPolicy());
        state.addAll(checked.findings());
        return checked.fingerprints().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
