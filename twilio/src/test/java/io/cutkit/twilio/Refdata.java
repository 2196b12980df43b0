package io.cutkit.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutkit.core.numbers.NumberRoute;
import io.cutkit.core.numbers.RouteField;
import io.cutkit.core.secret.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The shared reference data (../shared/refdata), found by walking up from the working directory. */
final class Refdata {

    /** One of the CRM's numbers as manifest.json lists it. */
    record PhoneNumber(String phoneNumber, String sid, NumberRoute route) {
    }

    private Refdata() {
    }

    static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("refdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no shared/refdata above " + Path.of("").toAbsolutePath()
                + ": clone the shared folder beside the repository");
    }

    static List<PhoneNumber> phoneNumbers() {
        try {
            JsonNode manifest = new ObjectMapper().readTree(directory().resolve("manifest.json").toFile());
            List<PhoneNumber> numbers = new ArrayList<>();
            for (JsonNode node : manifest.get("phoneNumbers")) {
                NumberRoute route = NumberRoute.empty()
                        .with(RouteField.VOICE_URL, text(node, "voiceUrl"))
                        .with(RouteField.SMS_URL, text(node, "smsUrl"))
                        .with(RouteField.STATUS_CALLBACK, text(node, "statusCallback"));
                numbers.add(new PhoneNumber(node.get("phoneNumber").asText(), node.get("sid").asText(), route));
            }
            return numbers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A variable of secrets.env as a {@link Secret}, never as a String. */
    static Secret secret(String name) {
        try {
            byte[] file = Files.readAllBytes(directory().resolve("secrets.env"));
            try {
                byte[] prefix = (name + "=").getBytes(StandardCharsets.US_ASCII);
                int lineStart = 0;
                while (lineStart < file.length) {
                    int lineEnd = lineStart;
                    while (lineEnd < file.length && file[lineEnd] != '\n') {
                        lineEnd++;
                    }
                    int valueEnd = lineEnd > lineStart && file[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                    if (valueEnd - lineStart >= prefix.length
                            && Arrays.equals(file, lineStart, lineStart + prefix.length, prefix, 0, prefix.length)) {
                        return Secret.adopt(Arrays.copyOfRange(file, lineStart + prefix.length, valueEnd));
                    }
                    lineStart = lineEnd + 1;
                }
                throw new IllegalStateException(name + " is not in secrets.env");
            } finally {
                Arrays.fill(file, (byte) 0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
