package io.cutkit.core.numbers;

import java.util.Objects;

/** A phone number as the provider knows it: its resource id (e.g. a Twilio {@code PN...} SID) and its E.164 form. */
public record NumberId(String sid, String phoneNumber) {

    public NumberId {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
    }

    /** Whether {@code identifier} names this number, by id or by E.164. */
    public boolean matches(String identifier) {
        return sid.equals(identifier) || phoneNumber.equals(identifier);
    }

    @Override
    public String toString() {
        return phoneNumber + " (" + sid + ")";
    }
}
