package io.cutkit.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.TwilioRestClient;
import io.cutkit.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How to authenticate to Twilio's REST API: an account's auth token, or an API key. The secret
 * part stays a {@link Secret} (redacted in {@code toString}); it becomes a String once, inside
 * the {@link TwilioRestClient} that {@link #restClient} builds, because twilio-java keeps its
 * credentials as Strings.
 */
public sealed interface TwilioCredentials permits TwilioCredentials.AuthToken, TwilioCredentials.ApiKey {

    /** The account whose numbers are read and changed. */
    String accountSid();

    /** The user name of HTTP Basic auth: the account SID or the API key SID. */
    String username();

    /** The password of HTTP Basic auth. */
    Secret password();

    /** Account SID ({@code AC...}) and its auth token. */
    static TwilioCredentials authToken(String accountSid, Secret authToken) {
        return new AuthToken(accountSid, authToken);
    }

    /** API key SID ({@code SK...}) and its secret, acting on account {@code accountSid}. */
    static TwilioCredentials apiKey(String accountSid, String keySid, Secret keySecret) {
        return new ApiKey(accountSid, keySid, keySecret);
    }

    /**
     * A twilio-java client using these credentials and {@code transport} (for instance a
     * {@link TwilioTransport} pointed at a stand-in).
     */
    default TwilioRestClient restClient(HttpClient transport) {
        String secret = password().withBytes(bytes -> new String(bytes, StandardCharsets.UTF_8));
        return new TwilioRestClient.Builder(username(), secret)
                .accountSid(accountSid())
                .httpClient(transport)
                .build();
    }

    /** Auth-token credentials; the token is never printed. */
    record AuthToken(String accountSid, Secret authToken) implements TwilioCredentials {
        public AuthToken {
            Objects.requireNonNull(accountSid, "accountSid");
            Objects.requireNonNull(authToken, "authToken");
        }

        @Override
        public String username() {
            return accountSid;
        }

        @Override
        public Secret password() {
            return authToken;
        }
    }

    /** API-key credentials; the key secret is never printed. */
    record ApiKey(String accountSid, String keySid, Secret keySecret) implements TwilioCredentials {
        public ApiKey {
            Objects.requireNonNull(accountSid, "accountSid");
            Objects.requireNonNull(keySid, "keySid");
            Objects.requireNonNull(keySecret, "keySecret");
        }

        @Override
        public String username() {
            return keySid;
        }

        @Override
        public Secret password() {
            return keySecret;
        }
    }
}
