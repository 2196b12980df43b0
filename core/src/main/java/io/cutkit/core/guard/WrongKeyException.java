package io.cutkit.core.guard;

import java.util.List;

/**
 * A well-formed envelope failed authentication under every key tried: the value was encrypted
 * with another key (or altered). Nothing is returned in its place. The message names the value's
 * location and the fingerprints of the keys tried, and says what to do.
 */
public final class WrongKeyException extends CiphertextGuardException {

    public WrongKeyException(ValueLocation location, List<String> triedFingerprints) {
        this(location, triedFingerprints, null);
    }

    public WrongKeyException(ValueLocation location, List<String> triedFingerprints, Throwable cause) {
        super(message(location, triedFingerprints), location, triedFingerprints, cause);
    }

    /** A copy that names {@code where} (the codec does not know the row; the guard does). */
    public WrongKeyException at(ValueLocation where) {
        return new WrongKeyException(where, keyFingerprints(), this);
    }

    private static String message(ValueLocation location, List<String> tried) {
        String keys = tried.size() == 1 ? "key " + tried.get(0) : "keys " + String.join(", ", tried);
        return "Wrong encryption key: " + location.describe() + " does not decrypt with " + keys
                + " (AES-GCM authentication tag mismatch). The data was encrypted with another key. "
                + "Abort: do not start the application or run data migrations on it. Pipe the source system's "
                + "key (for example ENCRYPTION_KEY from the source service's environment) into this environment, "
                + "compare fingerprints, and run again.";
    }
}
