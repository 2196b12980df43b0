package io.cutkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cutkit.core.secret.Secret;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs Node's own crypto against the codec: what cutkit writes, Node reads, and back. Skipped without {@code node}. */
class NodeInteropTest {

    private static final List<String> VALUES = List.of(
            "jane.doe@example.com", "", "daniela.espinosacastañeda@yahoo.com", "+49 170 1234567",
            "emoji 😀 and CJK 漢字", "x".repeat(5000), "quotes \" and \\ and \n newline");

    // Node reads the key from stdin (never argv), then decrypts/encrypts what the files hold.
    private static final String SCRIPT = """
            const crypto = require('crypto');
            const fs = require('fs');
            const [mode, input] = process.argv.slice(2);
            const key = Buffer.from(fs.readFileSync(0, 'utf8').trim(), 'base64');
            const items = JSON.parse(fs.readFileSync(input, 'utf8'));
            const out = items.map((item) => {
              if (mode === 'decrypt') {
                const env = JSON.parse(item);
                const iv = Buffer.from(env.iv, 'base64');
                const ct = Buffer.from(env.ct, 'base64');
                const d = crypto.createDecipheriv('aes-256-gcm', key, iv);
                d.setAuthTag(ct.subarray(ct.length - 16));
                return Buffer.concat([d.update(ct.subarray(0, ct.length - 16)), d.final()]).toString('utf8');
              }
              const iv = crypto.randomBytes(12);
              const c = crypto.createCipheriv('aes-256-gcm', key, iv);
              const ct = Buffer.concat([c.update(item, 'utf8'), c.final(), c.getAuthTag()]);
              return JSON.stringify({ v: 1, iv: iv.toString('base64'), ct: ct.toString('base64') });
            });
            process.stdout.write(JSON.stringify(out));
            """;

    @TempDir
    Path dir;

    @Test
    void nodeDecryptsWhatCutkitEncrypts() throws Exception {
        Path node = node();
        try (EncryptionKey key = EncryptionKey.generate()) {
            EnvelopeCodec codec = EnvelopeCodec.of(key);
            List<String> envelopes = VALUES.stream().map(codec::encrypt).toList();
            List<String> decrypted = runNode(node, "decrypt", envelopes, key);
            assertThat(decrypted).containsExactlyElementsOf(VALUES);
        }
    }

    @Test
    void cutkitDecryptsWhatNodeEncrypts() throws Exception {
        Path node = node();
        try (EncryptionKey key = EncryptionKey.generate()) {
            List<String> envelopes = runNode(node, "encrypt", VALUES, key);
            EnvelopeCodec codec = EnvelopeCodec.of(key);
            assertThat(envelopes).allSatisfy(e -> assertThat(e).startsWith("{\"v\":1,\"iv\":\""));
            assertThat(envelopes.stream().map(e -> codec.decrypt(e).plaintext()).toList()).containsExactlyElementsOf(VALUES);
        }
    }

    private List<String> runNode(Path node, String mode, List<String> items, EncryptionKey key) throws IOException, InterruptedException {
        Path script = dir.resolve("envelope.js");
        Files.writeString(script, SCRIPT);
        Path input = dir.resolve(mode + ".json");
        Files.writeString(input, JsonStrings.array(items));
        Process process = new ProcessBuilder(node.toString(), script.toString(), mode, input.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream stdin = process.getOutputStream(); Secret base64 = key.toBase64()) {
            base64.withBytes(bytes -> {
                try {
                    stdin.write(bytes);
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return JsonStrings.parseArray(new String(out, StandardCharsets.UTF_8));
    }

    private static Path node() {
        Optional<Path> found = Optional.empty();
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, "node");
            if (Files.isExecutable(candidate)) {
                found = Optional.of(candidate);
                break;
            }
        }
        assumeTrue(found.isPresent(), "node is not on the PATH");
        return found.get();
    }

    /** The few lines of JSON string-array handling this test needs. */
    static final class JsonStrings {

        static String array(List<String> items) {
            StringBuilder out = new StringBuilder("[");
            for (String item : items) {
                if (out.length() > 1) {
                    out.append(',');
                }
                out.append('"');
                for (char c : item.toCharArray()) {
                    switch (c) {
                        case '"' -> out.append("\\\"");
                        case '\\' -> out.append("\\\\");
                        case '\n' -> out.append("\\n");
                        default -> {
                            if (c < 0x20) {
                                out.append(String.format("\\u%04x", (int) c));
                            } else {
                                out.append(c);
                            }
                        }
                    }
                }
                out.append('"');
            }
            return out.append(']').toString();
        }

        static List<String> parseArray(String json) {
            List<String> items = new ArrayList<>();
            int i = json.indexOf('[') + 1;
            while (i < json.length()) {
                char c = json.charAt(i);
                if (c == '"') {
                    StringBuilder item = new StringBuilder();
                    i++;
                    while (json.charAt(i) != '"') {
                        char ch = json.charAt(i);
                        if (ch == '\\') {
                            char n = json.charAt(++i);
                            switch (n) {
                                case 'n' -> item.append('\n');
                                case 't' -> item.append('\t');
                                case 'r' -> item.append('\r');
                                case 'u' -> {
                                    item.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                                    i += 4;
                                }
                                default -> item.append(n);
                            }
                        } else {
                            item.append(ch);
                        }
                        i++;
                    }
                    items.add(item.toString());
                }
                i++;
            }
            return items;
        }
    }
}
