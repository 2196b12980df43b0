package io.cutkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.numbers.NumberSelection;
import io.cutkit.core.numbers.OverrideHandling;
import io.cutkit.core.numbers.RepointResult;
import io.cutkit.core.numbers.RouteChange;
import io.cutkit.core.numbers.RoutingSnapshot;
import io.cutkit.core.secret.Secret;
import io.cutkit.twilio.testing.TwilioStandIn;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretLeakIT {

    static {
        // this class runs in its own JVM (reuseForks=false), so no logger exists yet: twilio-java's
        // per-request debug lines are switched on here and read back by the test
        System.setProperty("org.slf4j.simpleLogger.log.com.twilio", "debug");
    }

    @Test
    void theAuthTokenAppearsInNoLogLineExceptionOrReport() {
        String accountSid = Refdata.secret("TWILIO_ACCOUNT_SID").withBytes(b -> new String(b, StandardCharsets.US_ASCII));
        Secret token = Refdata.secret("TWILIO_AUTH_TOKEN");
        String tokenText = token.withBytes(b -> new String(b, StandardCharsets.US_ASCII));
        String basicHeader = Base64.getEncoder().encodeToString(
                (accountSid + ":" + tokenText).getBytes(StandardCharsets.US_ASCII));
        List<String> texts = new ArrayList<>();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream originalErr = System.err;
        PrintStream originalOut = System.out;
        System.setErr(new PrintStream(new Tee(captured, originalErr), true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new Tee(captured, originalOut), true, StandardCharsets.UTF_8));
        try (TwilioStandIn standIn = TwilioStandIn.builder().accountSid(accountSid).authToken(token).start()) {
            Refdata.phoneNumbers().forEach(n -> standIn.addNumber(n.phoneNumber(), n.sid(), n.route()));
            TwilioTransport transport = TwilioTransport.builder().endpoint(standIn.endpoint())
                    .retryPolicy(new TwilioRetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2)))
                    .build();
            TwilioCredentials credentials = standIn.credentials();
            texts.add(credentials.toString());
            TwilioNumberRepointer repointer = TwilioNumberRepointer.create(credentials, transport);

            RoutingSnapshot snapshot = repointer.snapshot(NumberSelection.all());
            standIn.faults().serverErrors(2).failNthUpdatedNumber(4, 500);
            RepointResult failed = repointer.apply(repointer.plan(snapshot,
                    RouteChange.builder().voiceUrl("https://new.example/voice").build(), OverrideHandling.REFUSE));
            texts.add(failed.toText());
            texts.add(failed.toString());
            standIn.faults().clear();
            texts.add(repointer.rollback(snapshot).toText());
            texts.add(snapshot.toString());

            TwilioCredentials almost = TwilioCredentials.authToken(accountSid,
                    Secret.copyOf((tokenText + "x").getBytes(StandardCharsets.US_ASCII)));
            try {
                TwilioNumberRepointer.create(almost, transport).snapshot(NumberSelection.all());
            } catch (RuntimeException e) {
                texts.add(stackTrace(e));
            }
            try {
                repointer.snapshot(NumberSelection.of("+19995550000"));
            } catch (RuntimeException e) {
                texts.add(stackTrace(e));
            }
            try {
                TwilioTransport unreachable = TwilioTransport.builder().endpoint(java.net.URI.create("http://127.0.0.1:1"))
                        .retryPolicy(TwilioRetryPolicy.none()).build();
                TwilioNumberRepointer.create(credentials, unreachable).snapshot(NumberSelection.all());
            } catch (RuntimeException e) {
                texts.add(stackTrace(e));
            }
        } finally {
            System.setErr(originalErr);
            System.setOut(originalOut);
        }
        String logs = captured.toString(StandardCharsets.UTF_8);

        // the capture really holds twilio-java's debug request log and our own retry and failure lines
        assertThat(logs).contains("-- BEGIN Twilio API Request --").contains("Twilio request retry")
                .contains("failed, stopping the run");
        assertThat(texts).hasSize(8);
        assertThat(String.join("\n", texts)).contains("HTTP 401").contains("+19995550000");
        List<String> all = append(texts, logs);
        for (int i = 0; i < all.size(); i++) {
            // booleans, so that a failure does not print the token into the test report
            assertThat(all.get(i).contains(tokenText)).as("auth token in text #%d", i).isFalse();
            assertThat(all.get(i).contains(basicHeader)).as("Basic auth header in text #%d", i).isFalse();
        }
    }

    private static List<String> append(List<String> texts, String logs) {
        List<String> all = new ArrayList<>(texts);
        all.add(logs);
        return all;
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    /** Writes to the capture and to the original stream. */
    private static final class Tee extends OutputStream {
        private final ByteArrayOutputStream capture;
        private final OutputStream original;

        Tee(ByteArrayOutputStream capture, OutputStream original) {
            this.capture = capture;
            this.original = original;
        }

        @Override
        public synchronized void write(int b) {
            capture.write(b);
            try {
                original.write(b);
            } catch (java.io.IOException ignored) {
                // the console is best effort; the capture is what the test reads
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            capture.write(bytes, offset, length);
            try {
                original.write(bytes, offset, length);
            } catch (java.io.IOException ignored) {
                // the console is best effort; the capture is what the test reads
            }
        }
    }
}
