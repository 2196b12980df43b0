package io.cutkit.core.smoke;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An HTTP GET that must answer with an expected status and a body that satisfies every predicate,
 * within a budget. It polls until it passes or the budget runs out (a restarted service takes a
 * moment to come up), then returns the last observation; it never throws for a failing check.
 *
 * <pre>{@code
 * SmokeResult result = SmokeCheck.get(URI.create("http://localhost:8080/leads/1"))
 *         .expectStatus(200)
 *         .expectBody("email renders as an email, not ciphertext", body -> body.contains("@") && !body.contains("\"ct\""))
 *         .within(Duration.ofSeconds(5))
 *         .run();
 * }</pre>
 */
public final class SmokeCheck {

    private static final String TIMED_OUT = "no answer: timed out";

    private final URI uri;
    private final int expectedStatus;
    private final List<BodyExpectation> bodyExpectations;
    private final Duration budget;
    private final Duration pollInterval;
    private final HttpClient client;

    private SmokeCheck(Builder builder) {
        this.uri = builder.uri;
        this.expectedStatus = builder.expectedStatus;
        this.bodyExpectations = List.copyOf(builder.bodyExpectations);
        this.budget = builder.budget;
        this.pollInterval = builder.pollInterval;
        this.client = builder.client != null ? builder.client
                : HttpClient.newBuilder().connectTimeout(builder.budget).build();
    }

    /** Starts a check of a GET on {@code uri}; expects 200 and a 5 s budget unless told otherwise. */
    public static Builder get(URI uri) {
        return new Builder(uri);
    }

    /** Polls until the check passes or the budget runs out. */
    public SmokeResult run() {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        int attempts = 0;
        String lastProblem = null;
        while (true) {
            attempts++;
            String problem = attempt(deadline);
            if (problem == null) {
                return new SmokeResult(uri, true, attempts, Duration.ofNanos(System.nanoTime() - start), "");
            }
            // an attempt cut short by the end of the budget says less than an earlier real answer
            if (lastProblem == null || !problem.startsWith(TIMED_OUT)) {
                lastProblem = problem;
            }
            long sleepNanos = Math.min(pollInterval.toNanos(), deadline - System.nanoTime());
            if (sleepNanos <= 0) {
                return new SmokeResult(uri, false, attempts, Duration.ofNanos(System.nanoTime() - start), lastProblem);
            }
            try {
                Thread.sleep(Duration.ofNanos(sleepNanos).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new SmokeResult(uri, false, attempts, Duration.ofNanos(System.nanoTime() - start), "interrupted");
            }
        }
    }

    /** One GET; returns what is wrong, or null when every expectation holds. */
    private String attempt(long deadlineNanos) {
        long remaining = Math.max(1, deadlineNanos - System.nanoTime());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofNanos(remaining)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                return "status " + response.statusCode() + ", expected " + expectedStatus;
            }
            for (BodyExpectation expectation : bodyExpectations) {
                if (!expectation.holds().test(response.body())) {
                    return "body does not satisfy: " + expectation.description();
                }
            }
            return null;
        } catch (HttpTimeoutException e) {
            return TIMED_OUT + " within the budget";
        } catch (IOException e) {
            return "no answer: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private record BodyExpectation(String description, Predicate<String> holds) {
    }

    /** Builds a {@link SmokeCheck}. */
    public static final class Builder {
        private final URI uri;
        private int expectedStatus = 200;
        private final List<BodyExpectation> bodyExpectations = new ArrayList<>();
        private Duration budget = Duration.ofSeconds(5);
        private Duration pollInterval = Duration.ofMillis(200);
        private HttpClient client;

        private Builder(URI uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        public Builder expectStatus(int status) {
            this.expectedStatus = status;
            return this;
        }

        /** Requires the body to satisfy {@code holds}; {@code description} names it in the result. */
        public Builder expectBody(String description, Predicate<String> holds) {
            bodyExpectations.add(new BodyExpectation(Objects.requireNonNull(description), Objects.requireNonNull(holds)));
            return this;
        }

        /** How long the check may keep trying. */
        public Builder within(Duration budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        public Builder pollEvery(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** Uses {@code client} (for proxies, TLS settings) instead of a default one. */
        public Builder client(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        public SmokeCheck build() {
            return new SmokeCheck(this);
        }

        /** Builds and runs the check. */
        public SmokeResult run() {
            return build().run();
        }
    }
}
