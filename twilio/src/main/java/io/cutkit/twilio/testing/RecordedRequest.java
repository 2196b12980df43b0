package io.cutkit.twilio.testing;

/** One request a {@link TwilioStandIn} answered: method, path with query, and the status it returned. */
public record RecordedRequest(String method, String pathAndQuery, int status) {

    /** Whether this was an accepted update (POST answered 200). */
    public boolean isSuccessfulUpdate() {
        return method.equals("POST") && status == 200;
    }
}
