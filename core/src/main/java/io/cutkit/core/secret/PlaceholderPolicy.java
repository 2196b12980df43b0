package io.cutkit.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a secret is a placeholder rather than a real value: empty or blank, one of the
 * usual stand-in words ({@code changeme}, {@code placeholder}, {@code TODO}, ...), or a known
 * default configured by the caller (for example the value a template ships with). Immutable; build
 * with {@link #defaults()} and {@link #withKnownDefault(Secret)}.
 */
public final class PlaceholderPolicy {

    private static final List<String> STAND_IN_WORDS = List.of(
            "changeme", "change-me", "change_me", "placeholder", "todo", "tbd", "fixme",
            "replaceme", "replace-me", "replace_me", "secret", "password", "dummy", "xxx", "null", "none");

    private final List<Secret> knownDefaults;

    private PlaceholderPolicy(List<Secret> knownDefaults) {
        this.knownDefaults = List.copyOf(knownDefaults);
    }

    /** Refuses empty, blank and the usual stand-in words. */
    public static PlaceholderPolicy defaults() {
        return new PlaceholderPolicy(List.of());
    }

    /** A copy of this policy that also refuses {@code knownDefault} (compared in constant time). */
    public PlaceholderPolicy withKnownDefault(Secret knownDefault) {
        List<Secret> all = new ArrayList<>(knownDefaults);
        all.add(Secret.copyOf(knownDefault.copyBytes()));
        return new PlaceholderPolicy(all);
    }

    /**
     * Throws {@link PlaceholderSecretException} when {@code secret} is a placeholder. The message
     * names {@code secretName} and why, never the value.
     */
    public void requireReal(String secretName, Secret secret) {
        String reason = reasonIfPlaceholder(secret);
        if (reason != null) {
            throw new PlaceholderSecretException(secretName, reason);
        }
    }

    /** Why {@code secret} is a placeholder, or {@code null} when it looks real. */
    public String reasonIfPlaceholder(Secret secret) {
        if (secret.length() == 0) {
            return "it is empty";
        }
        for (Secret known : knownDefaults) {
            if (known.equals(secret)) {
                return "it equals a configured known default (" + known.fingerprint() + ")";
            }
        }
        return secret.withBytes(bytes -> {
            if (isBlank(bytes)) {
                return "it is blank";
            }
            if (bytes.length > 32) {
                return null; // stand-in words are short; no need to decode long values
            }
            byte[] folded = foldTrimmed(bytes);
            for (String word : STAND_IN_WORDS) {
                if (MessageDigest.isEqual(folded, word.getBytes(StandardCharsets.US_ASCII))) {
                    return "it is the stand-in word '" + word + "'";
                }
            }
            return null;
        });
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Trims ASCII white space and {@code <>}/quotes, lower-cases ASCII letters. */
    private static byte[] foldTrimmed(byte[] bytes) {
        int from = 0;
        int to = bytes.length;
        while (from < to && isWrapper(bytes[from])) {
            from++;
        }
        while (to > from && isWrapper(bytes[to - 1])) {
            to--;
        }
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            out[i - from] = (b >= 'A' && b <= 'Z') ? (byte) (b + 32) : b;
        }
        return out;
    }

    private static boolean isWrapper(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n' || b == '<' || b == '>' || b == '"' || b == '\'';
    }

    @Override
    public String toString() {
        return "PlaceholderPolicy[standInWords=" + STAND_IN_WORDS.size() + ", knownDefaults=" + knownDefaults.size() + "]";
    }
}
