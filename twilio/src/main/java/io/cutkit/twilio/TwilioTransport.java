package io.cutkit.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.exception.ApiConnectionException;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link HttpClient} cutkit hands to twilio-java: sends each request with the JDK's HTTP
 * client, optionally to another endpoint than Twilio's fixed API hosts (a local stand-in), and
 * retries 429 (honouring Retry-After), 5xx and connection failures with a resilience4j
 * {@link Retry} under a {@link TwilioRetryPolicy}.
 *
 * <p>twilio-java's own {@link HttpClient#reliableRequest(Request)} would retry every 5xx up to
 * three times in all, 100 ms apart, and never a 429; this class replaces that loop, so each
 * request is retried by one policy only. Like twilio-java it retries 5xx for every method; a
 * connection that fails after a POST was sent is not retried (it may have been applied), only
 * failures to connect and failed reads are. Updates of a number set fields, so repeating one is
 * harmless; for creates where a duplicate would hurt, use {@link TwilioRetryPolicy#none()}.
 * It never logs headers or bodies, so credentials do not reach logs. Thread-safe; share one
 * instance per application.
 */
public final class TwilioTransport extends HttpClient {

    private static final Logger log = LoggerFactory.getLogger(TwilioTransport.class);
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final String USER_AGENT = "cutkit-twilio twilio-java/13";

    private final java.net.http.HttpClient http;
    private final URI endpoint;
    private final Duration requestTimeout;
    private final TwilioRetryPolicy policy;
    private final Retry retry;
    private final AtomicLong retries = new AtomicLong();

    private TwilioTransport(Builder builder) {
        this.endpoint = builder.endpoint;
        this.requestTimeout = builder.requestTimeout;
        this.policy = builder.policy;
        this.http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.connectTimeout)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .build();
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(
                policy.initialBackoff(), 2.0, 0.2, policy.maxBackoff());
        RetryConfig config = RetryConfig.<Exchange>custom()
                .maxAttempts(policy.maxAttempts())
                .retryOnResult(this::worthRetrying)
                .retryOnException(RetryableConnectionFailure.class::isInstance)
                .intervalBiFunction((Integer attempt, Either<Throwable, Exchange> outcome) -> {
                    if (outcome.isRight() && outcome.get().retryAfter().isPresent()) {
                        return outcome.get().retryAfter().get().toMillis();
                    }
                    return backoff.apply(attempt);
                })
                .failAfterMaxAttempts(false)
                .build();
        this.retry = Retry.of("twilio", config);
        this.retry.getEventPublisher().onRetry(event -> {
            retries.incrementAndGet();
            log.debug("Twilio request retry {} of {} in {} ms: {}", event.getNumberOfRetryAttempts(),
                    policy.maxAttempts() - 1, event.getWaitInterval().toMillis(),
                    event.getLastThrowable() == null ? "retryable status" : event.getLastThrowable().getMessage());
        });
    }

    /** A transport to Twilio's real API hosts with the default retry policy. */
    public static TwilioTransport toTwilio() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many retries (not first attempts) this transport has made since it was built. */
    public long retryCount() {
        return retries.get();
    }

    public TwilioRetryPolicy retryPolicy() {
        return policy;
    }

    /** Sends the request, retrying under the policy; the last response is returned even when it is an error. */
    @Override
    public Response reliableRequest(Request request) {
        Exchange exchange = retry.executeSupplier(() -> exchange(request));
        return exchange.response();
    }

    /** Same as {@link #reliableRequest(Request)}: the policy, not the caller's codes, decides retries. */
    @Override
    public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
        return reliableRequest(request);
    }

    /** One attempt, no retry. */
    @Override
    public Response makeRequest(Request request) {
        return exchange(request).response();
    }

    /** twilio-java's retry loop is replaced by the policy; never retry a second time here. */
    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }

    private boolean worthRetrying(Exchange exchange) {
        int status = exchange.response().getStatusCode();
        if (status == 429) {
            return exchange.retryAfter().map(wait -> wait.compareTo(policy.maxRetryAfter()) <= 0).orElse(true);
        }
        return status >= 500 && status != 501;
    }

    private Exchange exchange(Request request) {
        URI target = target(request.constructURL());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target)
                .timeout(requestTimeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
        for (Map.Entry<String, List<String>> header : request.getHeaderParams().entrySet()) {
            if (!RESTRICTED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        if (request.requiresAuthentication()) {
            builder.header("Authorization", request.getAuthString());
        }
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            boolean json = request.getContentType() == EnumConstants.ContentType.JSON;
            String body = json ? Objects.requireNonNullElse(request.getBody(), "") : request.encodeFormBody();
            builder.header("Content-Type", json ? "application/json" : "application/x-www-form-urlencoded");
            builder.method(method.toString(), HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(method.toString(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            HttpHeaders headers = response.headers();
            Header[] copied = headers.map().entrySet().stream()
                    .flatMap(entry -> entry.getValue().stream().map(value -> new BasicHeader(entry.getKey(), value)))
                    .toArray(Header[]::new);
            return new Exchange(new Response(response.body(), response.statusCode(), copied),
                    headers.firstValue("Retry-After").flatMap(TwilioTransport::parseRetryAfter));
        } catch (IOException e) {
            String message = method + " " + target.getPath() + " failed: " + e;
            // a request that never left, or a read, can be sent again; a write may have been applied
            if (e instanceof ConnectException || e instanceof HttpConnectTimeoutException || method == HttpMethod.GET) {
                throw new RetryableConnectionFailure(message, e);
            }
            throw new ApiConnectionException(message, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiConnectionException(method + " " + target.getPath() + " was interrupted", e);
        }
    }

    private URI target(URL url) {
        if (endpoint == null) {
            return URI.create(url.toString());
        }
        return URI.create(endpoint.getScheme() + "://" + endpoint.getRawAuthority() + url.getFile());
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** A connection failure after which sending the request again cannot apply it twice. */
    private static final class RetryableConnectionFailure extends ApiConnectionException {
        RetryableConnectionFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A response and the wait its Retry-After header asks for, if any. */
    private record Exchange(Response response, Optional<Duration> retryAfter) {
    }

    /** Configures a {@link TwilioTransport}; every setting has a safe default. */
    public static final class Builder {
        private URI endpoint;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private TwilioRetryPolicy policy = TwilioRetryPolicy.defaults();

        private Builder() {
        }

        /**
         * Sends every request to {@code endpoint} (scheme, host and port; e.g. a stand-in's
         * {@code http://127.0.0.1:PORT}) instead of Twilio's hosts, keeping path and query.
         */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            if (endpoint.getScheme() == null || endpoint.getRawAuthority() == null) {
                throw new IllegalArgumentException("endpoint needs a scheme and a host, e.g. http://127.0.0.1:8080, got " + endpoint);
            }
            this.endpoint = endpoint;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder retryPolicy(TwilioRetryPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        public TwilioTransport build() {
            return new TwilioTransport(this);
        }
    }
}
