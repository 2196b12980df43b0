package io.cutkit.core.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmokeCheckTest {

    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/warming", exchange -> {
            int status = calls.incrementAndGet() < 3 ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/lead", exchange -> {
            byte[] body = "{\"email\":{\"v\":1,\"iv\":\"abc\",\"ct\":\"def\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void passesOnExpectedStatusAndBody() {
        SmokeResult result = SmokeCheck.get(uri("/health")).expectBody("says ok", "ok"::equals).run();
        assertThat(result.passed()).isTrue();
        assertThat(result.attempts()).isEqualTo(1);
    }

    @Test
    void keepsPollingWhileTheServiceWarmsUp() {
        SmokeResult result = SmokeCheck.get(uri("/warming")).pollEvery(Duration.ofMillis(10)).within(Duration.ofSeconds(5)).run();
        assertThat(result.passed()).isTrue();
        assertThat(result.attempts()).isEqualTo(3);
    }

    @Test
    void failsNamingTheBodyExpectationThatDidNotHold() {
        SmokeResult result = SmokeCheck.get(uri("/lead"))
                .expectBody("email renders as an email, not ciphertext", body -> !body.contains("\"ct\""))
                .within(Duration.ofMillis(300)).pollEvery(Duration.ofMillis(50)).run();
        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).isEqualTo("body does not satisfy: email renders as an email, not ciphertext");
    }

    @Test
    void failsWithinItsBudgetWhenNothingAnswers() throws IOException {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        SmokeResult result = SmokeCheck.get(URI.create("http://127.0.0.1:" + freePort + "/health"))
                .within(Duration.ofMillis(500)).pollEvery(Duration.ofMillis(50)).run();
        assertThat(result.passed()).isFalse();
        assertThat(result.problem()).startsWith("no answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }
}
