package io.cutkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import io.cutkit.core.numbers.NumberId;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.twilio.testing.TwilioStandIn;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TwilioTransportIT {

    TwilioStandIn standIn;
    NumberId number;

    @BeforeEach
    void start() {
        standIn = TwilioStandIn.start();
        number = standIn.addNumber("+13125550181", NumberRoute.empty().with(RouteField.VOICE_URL, "https://old.example/v"));
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    TwilioRestClient client(TwilioRetryPolicy policy) {
        return standIn.credentials().restClient(
                TwilioTransport.builder().endpoint(standIn.endpoint()).retryPolicy(policy).build());
    }

    @Test
    void retriesServerErrorsUnderItsOwnPolicyOnly() {
        TwilioRetryPolicy fast = new TwilioRetryPolicy(6, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(1));
        standIn.faults().serverErrors(2);

        IncomingPhoneNumber fetched = IncomingPhoneNumber.fetcher(standIn.accountSid(), number.sid()).fetch(client(fast));

        assertThat(fetched.getVoiceUrl()).hasToString("https://old.example/v");
        assertThat(standIn.requests()).extracting(r -> r.status()).containsExactly(500, 500, 200);

        // two attempts allowed, errors persist: exactly two requests reach the server. twilio-java's
        // own loop (three tries per call) would have multiplied them.
        standIn.faults().serverErrors(100);
        assertThatThrownBy(() -> IncomingPhoneNumber.fetcher(standIn.accountSid(), number.sid())
                .fetch(client(fast.withMaxAttempts(2))))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(500));
        assertThat(standIn.requests()).hasSize(5);
    }

    @Test
    void waitsAsLongAsRetryAfterSays() {
        standIn.faults().tooManyRequests(1, 2);
        long started = System.nanoTime();

        IncomingPhoneNumber.fetcher(standIn.accountSid(), number.sid()).fetch(client(TwilioRetryPolicy.defaults()));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(standIn.requests()).extracting(r -> r.status()).containsExactly(429, 200);
    }

    @Test
    void aClientErrorIsNotRetried() {
        standIn.faults().rejectUpdatesOf(number.sid(), 400);

        assertThatThrownBy(() -> IncomingPhoneNumber.updater(standIn.accountSid(), number.sid())
                .setVoiceUrl("https://new.example/v").update(client(TwilioRetryPolicy.defaults())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
        assertThat(standIn.requests()).hasSize(1);
    }

    @Test
    void retriesAFailedConnectionButNeverResendsAPostThatMayHaveLanded() throws Exception {
        java.net.URI closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        TwilioRetryPolicy three = new TwilioRetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofSeconds(1));
        TwilioTransport refused = TwilioTransport.builder().endpoint(closed).retryPolicy(three).build();
        TwilioRestClient client = standIn.credentials().restClient(refused);

        assertThatThrownBy(() -> IncomingPhoneNumber.fetcher(standIn.accountSid(), number.sid()).fetch(client))
                .isInstanceOf(com.twilio.exception.ApiConnectionException.class);
        assertThat(refused.retryCount()).isEqualTo(2);

        // a server that accepts the request and drops the connection before answering
        try (java.net.ServerSocket dropping = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!dropping.isClosed()) {
                    try (java.net.Socket socket = dropping.accept()) {
                        socket.getInputStream().read(new byte[8192]);
                    } catch (java.io.IOException ignored) {
                        // closed by the test
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            TwilioTransport dropped = TwilioTransport.builder()
                    .endpoint(java.net.URI.create("http://127.0.0.1:" + dropping.getLocalPort())).retryPolicy(three).build();

            assertThatThrownBy(() -> IncomingPhoneNumber.updater(standIn.accountSid(), number.sid())
                    .setVoiceUrl("https://new.example/v").update(standIn.credentials().restClient(dropped)))
                    .isInstanceOf(com.twilio.exception.ApiConnectionException.class);
            assertThat(dropped.retryCount()).isZero();
        }
    }
}
