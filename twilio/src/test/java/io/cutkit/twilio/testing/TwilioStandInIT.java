package io.cutkit.twilio.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.twilio.TwilioCredentials;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stand-in's wire format, checked with a plain HTTP client rather than twilio-java. */
class TwilioStandInIT {

    static final NumberRoute OLD = NumberRoute.empty().with(RouteField.VOICE_URL, "https://old.example/voice");

    TwilioStandIn standIn;
    HttpClient http = HttpClient.newHttpClient();
    ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        standIn = TwilioStandIn.start();
        standIn.addNumbers(5, OLD);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    String basic(TwilioCredentials credentials) {
        String secret = credentials.password().withBytes(b -> new String(b, StandardCharsets.US_ASCII));
        return "Basic " + Base64.getEncoder().encodeToString(
                (credentials.username() + ":" + secret).getBytes(StandardCharsets.US_ASCII));
    }

    HttpResponse<String> send(String method, String pathAndQuery, String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(standIn.endpoint() + pathAndQuery));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (form != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        request.method(method, form == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(form));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    String listPath() {
        return "/2010-04-01/Accounts/" + standIn.accountSid() + "/IncomingPhoneNumbers.json";
    }

    @Test
    void refusesMissingOrWrongCredentialsWithTwilioShapedErrors() throws Exception {
        HttpResponse<String> none = send("GET", listPath(), null, null);
        HttpResponse<String> wrong = send("GET", listPath(), "Basic " + Base64.getEncoder().encodeToString(
                (standIn.accountSid() + ":nope").getBytes(StandardCharsets.US_ASCII)), null);

        for (HttpResponse<String> response : List.of(none, wrong)) {
            assertThat(response.statusCode()).isEqualTo(401);
            JsonNode error = json.readTree(response.body());
            assertThat(error.get("code").asInt()).isEqualTo(20003);
            assertThat(error.get("status").asInt()).isEqualTo(401);
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(error.get("more_info").asText()).startsWith("https://www.twilio.com/docs/errors/");
        }
        assertThat(send("GET", listPath(), basic(standIn.createApiKey()), null).statusCode()).isEqualTo(200);
    }

    @Test
    void pagesThroughNextPageUriUntilItIsNull() throws Exception {
        String auth = basic(standIn.credentials());
        List<String> seen = new ArrayList<>();
        String next = listPath() + "?PageSize=2";
        int pages = 0;
        while (next != null) {
            JsonNode page = json.readTree(send("GET", next, auth, null).body());
            page.get("incoming_phone_numbers").forEach(n -> seen.add(n.get("phone_number").asText()));
            next = page.get("next_page_uri").isNull() ? null : page.get("next_page_uri").asText();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void rejectsAnInvalidUrlWithoutChangingTheNumber() throws Exception {
        String sid = json.readTree(send("GET", listPath(), basic(standIn.credentials()), null).body())
                .get("incoming_phone_numbers").get(0).get("sid").asText();
        String path = "/2010-04-01/Accounts/" + standIn.accountSid() + "/IncomingPhoneNumbers/" + sid + ".json";

        HttpResponse<String> response = send("POST", path, basic(standIn.credentials()),
                "VoiceUrl=not-a-url&SmsUrl=https%3A%2F%2Fnew.example%2Fsms");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("code").asInt()).isEqualTo(21402);
        assertThat(standIn.route(sid)).isEqualTo(standIn.route(sid).with(RouteField.VOICE_URL, "https://old.example/voice"));
        assertThat(standIn.route(sid).get(RouteField.SMS_URL)).isEmpty();
    }
}
