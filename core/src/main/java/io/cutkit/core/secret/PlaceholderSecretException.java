package io.cutkit.core.secret;

/**
 * A secret is a placeholder, not a real value. Thrown before anything is written. Carries the
 * secret's name and the reason, never its value.
 */
public final class PlaceholderSecretException extends SecretException {

    private final String secretName;
    private final String reason;

    public PlaceholderSecretException(String secretName, String reason) {
        super("Secret '" + secretName + "' is a placeholder (" + reason + "); nothing was written. "
                + "Pipe the real value from the source system (for the encryption key: the source service's "
                + "environment), then run again.");
        this.secretName = secretName;
        this.reason = reason;
    }

    public String secretName() {
        return secretName;
    }

    public String reason() {
        return reason;
    }
}
