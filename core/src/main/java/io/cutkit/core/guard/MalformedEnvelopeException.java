package io.cutkit.core.guard;

import java.util.List;

/**
 * A value that should be an encryption envelope is not one (not JSON of the expected shape, an
 * unknown version, a bad IV or ciphertext length, invalid base64). The message names the
 * location and the structural problem, never the value itself (it may be plaintext).
 */
public final class MalformedEnvelopeException extends CiphertextGuardException {

    private final String problem;

    public MalformedEnvelopeException(ValueLocation location, String problem, List<String> keyFingerprints) {
        this(location, problem, keyFingerprints, null);
    }

    public MalformedEnvelopeException(ValueLocation location, String problem, List<String> keyFingerprints,
                                      Throwable cause) {
        super("Malformed encryption envelope at " + location.describe() + ": " + problem
                + ". Expected {\"v\":1,\"iv\":\"<base64 12 bytes>\",\"ct\":\"<base64 ciphertext+tag>\"}"
                + (keyFingerprints.isEmpty() ? "" : " (key " + String.join(", ", keyFingerprints) + ")")
                + ". Check that this column is encrypted and that the value was not truncated or altered.",
                location, keyFingerprints, cause);
        this.problem = problem;
    }

    /** What is wrong with the envelope's structure. */
    public String problem() {
        return problem;
    }

    /** A copy that names {@code where}. */
    public MalformedEnvelopeException at(ValueLocation where) {
        return new MalformedEnvelopeException(where, problem, keyFingerprints(), this);
    }
}
