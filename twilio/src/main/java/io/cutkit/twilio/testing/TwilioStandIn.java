package io.cutkit.twilio.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cutkit.core.numbers.NumberId;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.secret.Secret;
import io.cutkit.twilio.TwilioCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local HTTP server on 127.0.0.1 that answers Twilio's IncomingPhoneNumbers API (list with
 * PageSize/Page/PageToken and {@code next_page_uri}, fetch, form-encoded update) with Twilio's
 * JSON shapes and error bodies ({@code code}, {@code message}, {@code more_info}, {@code status}),
 * behind HTTP Basic auth with the account's auth token or an API key (401 otherwise). Faults are
 * injected through {@link #faults()}. Reach it with a {@link io.cutkit.twilio.TwilioTransport}
 * whose endpoint is {@link #endpoint()}.
 *
 * <p>Starting costs a few milliseconds; {@link #close()} stops the server. Error codes for
 * invalid update values are close to Twilio's but not guaranteed identical. Loading this class
 * sets {@code sun.net.httpserver.nodelay=true} (unless already set) so that responses are not
 * held back ~40 ms each by Nagle's algorithm.
 */
public final class TwilioStandIn implements AutoCloseable {

    private static final Pattern LIST = Pattern.compile("/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers\\.json");
    private static final Pattern ONE = Pattern.compile("/2010-04-01/Accounts/([^/]+)/IncomingPhoneNumbers/([^/]+)\\.json");
    private static final Pattern APPLICATION_SID = Pattern.compile("AP[0-9a-fA-F]{32}");
    private static final Pattern TRUNK_SID = Pattern.compile("TK[0-9a-fA-F]{32}");
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);
    private static final int DEFAULT_PAGE_SIZE = 50;
    private static final int MAX_PAGE_SIZE = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each
        // response then waits for the client's delayed ACK (~40 ms). Read once per JVM, so set it
        // before the first server starts, unless the user chose otherwise.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final String accountSid;
    private final Secret authToken;
    private final Map<String, Secret> apiKeys = new ConcurrentHashMap<>();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final Map<String, StoredNumber> numbers = new ConcurrentHashMap<>();
    private final StandInFaults faults = new StandInFaults();
    private final ConcurrentLinkedQueue<RecordedRequest> requests = new ConcurrentLinkedQueue<>();
    private final AtomicInteger numberCounter = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final ExecutorService executor;

    private TwilioStandIn(Builder builder) throws IOException {
        this.accountSid = builder.accountSid != null ? builder.accountSid : "AC" + randomHex(16);
        this.authToken = builder.authToken != null ? builder.authToken
                : Secret.copyOf(randomHex(16).getBytes(StandardCharsets.US_ASCII));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        this.executor = Executors.newFixedThreadPool(builder.threads, runnable -> {
            Thread thread = new Thread(runnable, "twilio-stand-in");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A stand-in with a random account SID and auth token, answering on 16 threads. */
    public static TwilioStandIn start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the server listens, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String accountSid() {
        return accountSid;
    }

    /** Auth-token credentials the stand-in accepts. */
    public TwilioCredentials credentials() {
        return TwilioCredentials.authToken(accountSid, authToken);
    }

    /** Creates an API key the stand-in accepts and returns its credentials. */
    public TwilioCredentials createApiKey() {
        String keySid = "SK" + randomHex(16);
        Secret secret = Secret.copyOf(randomHex(16).getBytes(StandardCharsets.US_ASCII));
        apiKeys.put(keySid, secret);
        return TwilioCredentials.apiKey(accountSid, keySid, secret);
    }

    /** The fault switches of this stand-in. */
    public StandInFaults faults() {
        return faults;
    }

    /**
     * Adds a number with {@code route} (voice/SMS methods default to POST, receive mode to voice,
     * as Twilio does) and returns its id, with a SID derived from the number.
     */
    public NumberId addNumber(String phoneNumber, NumberRoute route) {
        return addNumber(phoneNumber, sidFor(phoneNumber), route);
    }

    /** Adds a number with a given SID ({@code PN} + 32 hex digits). */
    public NumberId addNumber(String phoneNumber, String sid, NumberRoute route) {
        Objects.requireNonNull(route, "route");
        if (numbers.containsKey(sid)) {
            throw new IllegalArgumentException("the stand-in already has a number with SID " + sid);
        }
        NumberRoute withDefaults = route;
        for (RouteField field : List.of(RouteField.VOICE_METHOD, RouteField.VOICE_FALLBACK_METHOD,
                RouteField.STATUS_CALLBACK_METHOD, RouteField.SMS_METHOD, RouteField.SMS_FALLBACK_METHOD)) {
            if (withDefaults.get(field).isEmpty()) {
                withDefaults = withDefaults.with(field, "POST");
            }
        }
        if (withDefaults.get(RouteField.VOICE_RECEIVE_MODE).isEmpty()) {
            withDefaults = withDefaults.with(RouteField.VOICE_RECEIVE_MODE, "voice");
        }
        numbers.put(sid, new StoredNumber(sid, phoneNumber, withDefaults, ZonedDateTime.now()));
        order.add(sid);
        return new NumberId(sid, phoneNumber);
    }

    /** Adds {@code count} numbers +1555000xxxx with the same route, in order. */
    public List<NumberId> addNumbers(int count, NumberRoute route) {
        List<NumberId> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            added.add(addNumber(String.format(Locale.ROOT, "+1555%07d", numberCounter.incrementAndGet()), route));
        }
        return added;
    }

    /** The current route of number {@code sid}, as the API would report it. */
    public NumberRoute route(String sid) {
        StoredNumber number = numbers.get(sid);
        if (number == null) {
            throw new IllegalArgumentException("the stand-in has no number " + sid);
        }
        return number.route();
    }

    /** Every request answered so far, in order of completion. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** How many updates (POSTs) were accepted so far. */
    public long acceptedUpdates() {
        return requests.stream().filter(RecordedRequest::isSuccessfulUpdate).count();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Reply reply = answer(exchange);
            requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
                    reply.status));
            byte[] body = json.writeValueAsBytes(reply.body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            reply.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(reply.status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Reply answer(HttpExchange exchange) throws IOException {
        byte[] requestBody;
        try (InputStream in = exchange.getRequestBody()) {
            requestBody = in.readAllBytes();
        }
        if (!authenticated(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Reply.error(401, 20003, "Authenticate");
        }
        sleep(faults.latency());
        int retryAfter = faults.takeTooManyRequests(exchange.getRequestMethod().equals("POST"));
        if (retryAfter >= 0) {
            Reply reply = Reply.error(429, 20429, "Too Many Requests");
            reply.headers.put("Retry-After", Integer.toString(retryAfter));
            return reply;
        }
        if (faults.takeServerError()) {
            return Reply.error(500, 20500, "Internal Server Error");
        }
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        Matcher list = LIST.matcher(path);
        Matcher one = ONE.matcher(path);
        if (list.matches()) {
            if (!list.group(1).equals(accountSid)) {
                return Reply.notFound(path);
            }
            if (!method.equals("GET")) {
                return Reply.error(405, 20004, "Method not allowed");
            }
            return list(path, parseForm(exchange.getRequestURI().getRawQuery()));
        }
        if (one.matches()) {
            StoredNumber number = numbers.get(one.group(2));
            if (!one.group(1).equals(accountSid) || number == null) {
                return Reply.notFound(path);
            }
            return switch (method) {
                case "GET" -> Reply.ok(toJson(number));
                case "POST" -> update(number, parseForm(new String(requestBody, StandardCharsets.UTF_8)));
                default -> Reply.error(405, 20004, "Method not allowed");
            };
        }
        return Reply.notFound(path);
    }

    private boolean authenticated(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(header.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            int colon = -1;
            for (int i = 0; i < decoded.length; i++) {
                if (decoded[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon < 0) {
                return false;
            }
            String user = new String(decoded, 0, colon, StandardCharsets.UTF_8);
            byte[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
            try {
                Secret expected = user.equals(accountSid) ? authToken : apiKeys.get(user);
                return expected != null && expected.withBytes(bytes -> MessageDigest.isEqual(bytes, password));
            } finally {
                Arrays.fill(password, (byte) 0);
            }
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private Reply list(String path, Map<String, String> query) {
        int pageSize;
        int page;
        try {
            pageSize = Integer.parseInt(query.getOrDefault("PageSize", Integer.toString(DEFAULT_PAGE_SIZE)));
            page = Integer.parseInt(query.getOrDefault("Page", "0"));
        } catch (NumberFormatException e) {
            return Reply.error(400, 20001, "PageSize and Page must be integers");
        }
        if (pageSize < 1 || page < 0) {
            return Reply.error(400, 20001, "PageSize must be positive and Page not negative");
        }
        pageSize = Math.min(pageSize, MAX_PAGE_SIZE);
        String phoneFilter = query.get("PhoneNumber");
        String nameFilter = query.get("FriendlyName");
        List<StoredNumber> matching = new ArrayList<>();
        for (String sid : order) {
            StoredNumber number = numbers.get(sid);
            if ((phoneFilter == null || number.phoneNumber.contains(phoneFilter.replace("*", "")))
                    && (nameFilter == null || nameFilter.equals(number.phoneNumber))) {
                matching.add(number);
            }
        }
        int start = page * pageSize;
        String token = query.get("PageToken");
        if (token != null && token.startsWith("PA")) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).sid.equals(token.substring(2))) {
                    start = i + 1;
                }
            }
        }
        int end = Math.min(matching.size(), start + pageSize);
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = start; i < end; i++) {
            records.add(toJson(matching.get(i)));
        }
        String filters = (phoneFilter == null ? "" : "&PhoneNumber=" + encode(phoneFilter))
                + (nameFilter == null ? "" : "&FriendlyName=" + encode(nameFilter));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("first_page_uri", path + "?PageSize=" + pageSize + "&Page=0" + filters);
        body.put("end", Math.max(start, end - 1));
        body.put("previous_page_uri", page > 0 ? path + "?PageSize=" + pageSize + "&Page=" + (page - 1) + filters : null);
        body.put("incoming_phone_numbers", records);
        body.put("uri", path + "?PageSize=" + pageSize + "&Page=" + page + filters);
        body.put("page_size", pageSize);
        body.put("start", start);
        body.put("next_page_uri", end < matching.size()
                ? path + "?PageSize=" + pageSize + "&Page=" + (page + 1) + "&PageToken=PA" + matching.get(end - 1).sid + filters
                : null);
        body.put("page", page);
        return Reply.ok(body);
    }

    private Reply update(StoredNumber number, Map<String, String> form) {
        Map<RouteField, String> changes = new EnumMap<>(RouteField.class);
        for (RouteField field : RouteField.values()) {
            String value = form.get(formName(field));
            if (value == null) {
                continue;
            }
            String problem = problemWith(field, value);
            if (problem != null) {
                return Reply.error(400, field.kind() == RouteField.Kind.URL ? 21402 : 21200, problem);
            }
            changes.put(field, normalize(field, value));
        }
        int rejection = faults.updateRejection(number.sid);
        if (rejection != 0) {
            return Reply.error(rejection, rejection == 429 ? 20429 : rejection >= 500 ? 20500 : 21200,
                    rejection >= 500 ? "Internal Server Error" : "Update rejected");
        }
        synchronized (number) {
            NumberRoute route = number.route;
            for (Map.Entry<RouteField, String> change : changes.entrySet()) {
                route = route.with(change.getKey(), change.getValue());
            }
            number.route = route;
            number.updated = ZonedDateTime.now();
            return Reply.ok(toJson(number));
        }
    }

    private static String problemWith(RouteField field, String value) {
        if (value.isEmpty()) {
            return field.kind() == RouteField.Kind.URL || field.kind() == RouteField.Kind.REFERENCE
                    ? null : formName(field) + " cannot be empty";
        }
        return switch (field.kind()) {
            case URL -> {
                try {
                    URI uri = new URI(value);
                    yield uri.getScheme() != null && uri.getScheme().toLowerCase(Locale.ROOT).startsWith("http")
                            && uri.getHost() != null ? null : formName(field) + " is not a valid URL: " + value;
                } catch (URISyntaxException e) {
                    yield formName(field) + " is not a valid URL: " + value;
                }
            }
            case METHOD -> value.equalsIgnoreCase("GET") || value.equalsIgnoreCase("POST")
                    ? null : formName(field) + " must be GET or POST";
            case MODE -> value.equals("voice") || value.equals("fax") ? null : formName(field) + " must be voice or fax";
            case REFERENCE -> (field == RouteField.TRUNK_SID ? TRUNK_SID : APPLICATION_SID).matcher(value).matches()
                    ? null : formName(field) + " is not a valid SID: " + value;
        };
    }

    private static String normalize(RouteField field, String value) {
        return field.kind() == RouteField.Kind.METHOD ? value.toUpperCase(Locale.ROOT) : value;
    }

    private Map<String, Object> toJson(StoredNumber number) {
        NumberRoute route;
        ZonedDateTime updated;
        synchronized (number) {
            route = number.route;
            updated = number.updated;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("account_sid", accountSid);
        body.put("address_requirements", "none");
        body.put("address_sid", null);
        body.put("api_version", "2010-04-01");
        body.put("beta", false);
        body.put("bundle_sid", null);
        body.put("capabilities", Map.of("voice", true, "SMS", true, "MMS", true, "fax", false));
        body.put("date_created", RFC_2822.format(number.created));
        body.put("date_updated", RFC_2822.format(updated));
        body.put("emergency_status", "Inactive");
        body.put("emergency_address_sid", null);
        body.put("emergency_address_status", "unregistered");
        body.put("friendly_name", number.phoneNumber);
        body.put("identity_sid", null);
        body.put("origin", "twilio");
        body.put("phone_number", number.phoneNumber);
        body.put("sid", number.sid);
        body.put("status", "in-use");
        body.put("type", "local");
        body.put("uri", "/2010-04-01/Accounts/" + accountSid + "/IncomingPhoneNumbers/" + number.sid + ".json");
        body.put("voice_caller_id_lookup", false);
        for (RouteField field : RouteField.values()) {
            String value = route.valueOrNull(field);
            // Twilio reports an absent application SID as "" but absent URLs and trunk as null.
            boolean emptyString = field == RouteField.VOICE_APPLICATION_SID || field == RouteField.SMS_APPLICATION_SID;
            body.put(jsonName(field), value == null && emptyString ? "" : value);
        }
        return body;
    }

    private static String jsonName(RouteField field) {
        return field.name().toLowerCase(Locale.ROOT);
    }

    private static String formName(RouteField field) {
        StringBuilder name = new StringBuilder();
        for (String part : field.name().split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private static Map<String, String> parseForm(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(name, value);
        }
        return values;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sidFor(String phoneNumber) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(phoneNumber.getBytes(StandardCharsets.UTF_8));
            return "PN" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static void sleep(java.time.Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A number as the stand-in stores it; route and update time change under its own lock. */
    private static final class StoredNumber {
        private final String sid;
        private final String phoneNumber;
        private final ZonedDateTime created;
        private NumberRoute route;
        private ZonedDateTime updated;

        StoredNumber(String sid, String phoneNumber, NumberRoute route, ZonedDateTime created) {
            this.sid = sid;
            this.phoneNumber = phoneNumber;
            this.route = route;
            this.created = created;
            this.updated = created;
        }

        synchronized NumberRoute route() {
            return route;
        }
    }

    /** A status, extra headers and a JSON body. */
    private static final class Reply {
        private final int status;
        private final Object body;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Reply(int status, Object body) {
            this.status = status;
            this.body = body;
        }

        static Reply ok(Object body) {
            return new Reply(200, body);
        }

        static Reply error(int status, int code, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", code);
            body.put("message", message);
            body.put("more_info", "https://www.twilio.com/docs/errors/" + code);
            body.put("status", status);
            return new Reply(status, body);
        }

        static Reply notFound(String path) {
            return error(404, 20404, "The requested resource " + path + " was not found");
        }
    }

    /** Configures a stand-in before it starts. */
    public static final class Builder {
        private String accountSid;
        private Secret authToken;
        private int threads = 16;

        private Builder() {
        }

        /** The account SID to serve ({@code AC...}); random by default. */
        public Builder accountSid(String accountSid) {
            this.accountSid = Objects.requireNonNull(accountSid, "accountSid");
            return this;
        }

        /** The auth token to accept; random by default. */
        public Builder authToken(Secret authToken) {
            this.authToken = Objects.requireNonNull(authToken, "authToken");
            return this;
        }

        /** How many requests are served at once. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Starts the server on 127.0.0.1 and an ephemeral port. */
        public TwilioStandIn start() {
            try {
                return new TwilioStandIn(this);
            } catch (IOException e) {
                throw new IllegalStateException("could not start the Twilio stand-in on 127.0.0.1: " + e.getMessage(), e);
            }
        }
    }
}
