package io.cutkit.core.preflight;

import io.cutkit.core.secret.PlaceholderPolicy;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import io.cutkit.core.secret.SecretSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the secrets of both sides of a cutover and turns what it finds into pre-flight {@link Finding}s: a
 * secret holding a placeholder is P0 {@code placeholder-secret}; a destination secret whose fingerprint differs
 * from the source secret of the same name is P0 {@code secret-mismatch}; a source secret the destination lacks is
 * P1 and a destination secret without a source counterpart P2 ({@code other}); a secret that cannot be read is P0
 * {@code other}. Each secret is read once and closed; findings and {@link #fingerprints()} name secrets and carry
 * fingerprints, never values (and no fingerprint of a placeholder, which would be guessable).
 */
public final class SecretFindings {

    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, String> fingerprints = new LinkedHashMap<>();

    private SecretFindings() {
    }

    /**
     * Reads and checks every secret of {@code source} and {@code destination} (name to where it is read from).
     * With no destination secrets only the source's are checked.
     */
    public static SecretFindings check(Map<String, SecretSource> source, Map<String, SecretSource> destination,
            PlaceholderPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        SecretFindings result = new SecretFindings();
        Map<String, String> sourceFingerprints = new LinkedHashMap<>();
        source.forEach((name, secret) -> result.fingerprint("source", name, secret, policy)
                .ifPresent(fp -> sourceFingerprints.put(name, fp)));
        destination.forEach((name, secret) -> result.fingerprint("destination", name, secret, policy)
                .ifPresent(fp -> result.compare(name, sourceFingerprints, source.containsKey(name), fp)));
        if (!destination.isEmpty()) {
            source.keySet().stream().filter(name -> !destination.containsKey(name)).forEach(name -> result.findings.add(
                    Finding.of(FindingClass.OTHER, "the destination has no secret " + name + ", which the source has",
                                    "pipe " + name + " to the destination (SecretPipe), or confirm in the runbook that the"
                                            + " new stack does not need it")
                            .severity(Severity.P1).object(name).evidence("secret", name).build()));
        }
        return result;
    }

    /** What was found, source secrets first. */
    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    /** The fingerprint of every secret read that is no placeholder, keyed {@code source:NAME} or {@code destination:NAME}. */
    public Map<String, String> fingerprints() {
        return Collections.unmodifiableMap(fingerprints);
    }

    private Optional<String> fingerprint(String side, String name, SecretSource secret, PlaceholderPolicy policy) {
        try (Secret value = secret.read()) {
            String reason = policy.reasonIfPlaceholder(value);
            if (reason != null) {
                findings.add(Finding.of(FindingClass.PLACEHOLDER_SECRET,
                                "the " + side + " secret " + name + " (" + secret.description() + ") is a placeholder: "
                                        + reason,
                                "pipe the real " + name + " from the source system (SecretPipe) before the window; a"
                                        + " service started on a placeholder fails or, worse, runs")
                        .object(name).evidence("secret", name).evidence("side", side)
                        .evidence("source", secret.description()).evidence("reason", reason).build());
                return Optional.empty();
            }
            String fp = value.fingerprint();
            fingerprints.put(side + ":" + name, fp);
            return Optional.of(fp);
        } catch (SecretException e) {
            findings.add(Finding.of(FindingClass.OTHER,
                            "the " + side + " secret " + name + " cannot be read: " + e.getMessage(),
                            "give the dry-run read access to " + secret.description() + " (it reads, never writes)")
                    .severity(Severity.P0).object(name).evidence("secret", name).evidence("side", side).build());
            return Optional.empty();
        }
    }

    private void compare(String name, Map<String, String> sourceFingerprints, boolean inSource, String destination) {
        if (!inSource) {
            findings.add(Finding.of(FindingClass.OTHER,
                            "the destination secret " + name + " has no source counterpart to compare with",
                            "remove it from the destination if nothing uses it, or name its source counterpart")
                    .severity(Severity.P2).object(name).evidence("secret", name)
                    .evidence("destination_fingerprint", destination).build());
            return;
        }
        String source = sourceFingerprints.get(name);
        if (source != null && !source.equals(destination)) {
            findings.add(Finding.of(FindingClass.SECRET_MISMATCH,
                            "the destination's " + name + " (" + destination + ") is not the source's (" + source + ")",
                            "pipe " + name + " from the source to the destination again (SecretPipe) and compare"
                                    + " fingerprints; never retype or copy it by hand")
                    .object(name).evidence("secret", name).evidence("source_fingerprint", source)
                    .evidence("destination_fingerprint", destination).build());
        }
    }
}
