package io.cutkit.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.guard.MalformedEnvelopeException;
import io.cutkit.core.guard.ValueLocation;
import io.cutkit.core.guard.WrongKeyException;
import io.cutkit.core.secret.EnvSecretSource;
import io.cutkit.core.secret.Secret;
import io.cutkit.core.secret.SecretException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

    private static List<RefData.Sample> samples;
    private static Map<Long, String[]> stored;

    @BeforeAll
    static void readRefData() {
        samples = RefData.samples();
        stored = RefData.storedLeadColumns(samples.stream().map(RefData.Sample::leadId).collect(Collectors.toSet()));
    }

    private static String storedEmail(long id) {
        return stored.get(id)[1];
    }

    @Test
    void decryptsEveryRefdataSampleWithTheRealKey() {
        assertThat(samples).hasSize(5);
        try (EncryptionKey key = RefData.key()) {
            EnvelopeCodec codec = EnvelopeCodec.of(key);
            for (RefData.Sample sample : samples) {
                Decryption d = codec.decrypt(storedEmail(sample.leadId()), ValueLocation.of("leads", "email", "id", sample.leadId()));
                assertThat(d.plaintext()).as("lead %d", sample.leadId()).isEqualTo(sample.email());
                assertThat(d.version()).isEqualTo(1);
                assertThat(d.keyFingerprint()).isEqualTo(key.fingerprint());
                assertThat(d.current()).isTrue();
            }
        }
    }

    @Test
    void wrongKeyFailsWithTheWrongKeyErrorNamingTheRowAndKey() {
        RefData.Sample sample = samples.get(0);
        try (EncryptionKey wrong = RefData.wrongKey(); EncryptionKey right = RefData.key()) {
            EnvelopeCodec codec = EnvelopeCodec.of(wrong);
            ValueLocation where = ValueLocation.of("leads", "email", "id", sample.leadId());
            assertThatThrownBy(() -> codec.decrypt(storedEmail(sample.leadId()), where))
                    .isInstanceOfSatisfying(WrongKeyException.class, e -> {
                        assertThat(e.location()).isEqualTo(where);
                        assertThat(e.keyFingerprints()).containsExactly(wrong.fingerprint());
                        assertThat(e.getMessage())
                                .contains("leads.email (id=" + sample.leadId() + ")")
                                .contains(wrong.fingerprint())
                                .contains("encrypted with another key")
                                .doesNotContain(sample.email());
                        assertNoKeyMaterial(e.getMessage(), wrong, right);
                    });
        }
    }

    @Test
    void everyRefdataValueFailsUnderTheWrongKey() {
        try (EncryptionKey wrong = RefData.wrongKey()) {
            EnvelopeCodec codec = EnvelopeCodec.of(wrong);
            for (String[] columns : stored.values()) {
                for (String value : columns) {
                    if (value != null) {
                        assertThatThrownBy(() -> codec.decrypt(value)).isInstanceOf(WrongKeyException.class);
                    }
                }
            }
        }
    }

    @Test
    void keyRingFallsBackToThePreviousKeyAndSaysWhichKeyDecrypted() {
        try (EncryptionKey fresh = EncryptionKey.generate(); EncryptionKey old = RefData.key()) {
            EnvelopeCodec codec = EnvelopeCodec.of(KeyRing.of(fresh, old));
            RefData.Sample sample = samples.get(1);
            Decryption d = codec.decrypt(storedEmail(sample.leadId()));
            assertThat(d.plaintext()).isEqualTo(sample.email());
            assertThat(d.keyFingerprint()).isEqualTo(old.fingerprint());
            assertThat(d.current()).isFalse();

            Decryption mine = codec.decrypt(codec.encrypt("x@example.com"));
            assertThat(mine.keyFingerprint()).isEqualTo(fresh.fingerprint());
            assertThat(mine.current()).isTrue();
        }
    }

    @Test
    void wrongKeyErrorListsEveryKeyTried() {
        try (EncryptionKey a = EncryptionKey.generate(); EncryptionKey b = EncryptionKey.generate()) {
            String value = EnvelopeCodec.of(EncryptionKey.generate()).encrypt("secret plaintext");
            assertThatThrownBy(() -> EnvelopeCodec.of(KeyRing.of(a, b)).decrypt(value))
                    .isInstanceOfSatisfying(WrongKeyException.class, e -> {
                        assertThat(e.keyFingerprints()).containsExactly(a.fingerprint(), b.fingerprint());
                        assertThat(e.getMessage()).doesNotContain("secret plaintext");
                    });
        }
    }

    @Test
    void writesExactlyTheNodeEnvelopeShape() {
        try (EncryptionKey key = EncryptionKey.generate()) {
            String envelope = EnvelopeCodec.of(key).encrypt("hello");
            assertThat(envelope).matches("\\{\"v\":1,\"iv\":\"[A-Za-z0-9+/]{16}\",\"ct\":\"[A-Za-z0-9+/]+={0,2}\"}");
            String ct = envelope.substring(envelope.indexOf("\"ct\":\"") + 6, envelope.length() - 2);
            assertThat(Base64.getDecoder().decode(ct)).hasSize(5 + 16);
        }
    }

    @Test
    void encryptsTheEmptyStringAsTheTagAlone() {
        try (EncryptionKey key = EncryptionKey.generate()) {
            EnvelopeCodec codec = EnvelopeCodec.of(key);
            String envelope = codec.encrypt("");
            assertThat(envelope).matches(".*\"ct\":\"[A-Za-z0-9+/]{22}==\"}");
            assertThat(codec.decrypt(envelope).plaintext()).isEmpty();
        }
    }

    @Test
    void refdataEmptyStringValuesDecryptToEmpty() {
        Set<Long> emptyIds = RefData.manifestIds("emptyStringIds", "email");
        long id = emptyIds.iterator().next();
        String value = RefData.storedLeadColumns(Set.of(id)).get(id)[1];
        try (EncryptionKey key = RefData.key()) {
            assertThat(EnvelopeCodec.of(key).decrypt(value).plaintext()).isEmpty();
        }
    }

    @Test
    void v2CarriesTheKeyIdAndV1StillReads() {
        try (EncryptionKey oldKey = EncryptionKey.generate(); EncryptionKey newKey = EncryptionKey.generate()) {
            String v1 = EnvelopeCodec.of(oldKey).encrypt("before");
            EnvelopeCodec v2codec = EnvelopeCodec.of(KeyRing.of(newKey, oldKey)).writing(EnvelopeVersion.V2);
            String v2 = v2codec.encrypt("after ✓ 😀");
            assertThat(v2).startsWith("{\"v\":2,\"kid\":\"" + newKey.keyId() + "\",\"iv\":\"");
            assertThat(v2codec.decrypt(v2)).extracting(Decryption::plaintext, Decryption::version, Decryption::current)
                    .containsExactly("after ✓ 😀", 2, true);
            assertThat(v2codec.decrypt(v1)).extracting(Decryption::plaintext, Decryption::version, Decryption::keyFingerprint)
                    .containsExactly("before", 1, oldKey.fingerprint());
        }
    }

    @Test
    void tamperedCiphertextIsRejectedAsWrongKeyNotReturned() {
        try (EncryptionKey key = EncryptionKey.generate()) {
            EnvelopeCodec codec = EnvelopeCodec.of(key);
            String envelope = codec.encrypt("abcdefgh");
            int at = envelope.indexOf("\"ct\":\"") + 6;
            char flipped = envelope.charAt(at) == 'A' ? 'B' : 'A';
            String tampered = envelope.substring(0, at) + flipped + envelope.substring(at + 1);
            assertThatThrownBy(() -> codec.decrypt(tampered)).isInstanceOf(WrongKeyException.class);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "jane.doe@example.com",
        "{\"v\":1,\"iv\":\"AAAAAAAAAAAAAAAA\"}",
        "{\"v\":3,\"iv\":\"AAAAAAAAAAAAAAAA\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}",
        "{\"v\":1,\"iv\":\"AAAAAAAA\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}",
        "{\"v\":1,\"iv\":\"AAAAAAAAAAAAAAAA\",\"ct\":\"AAAA\"}",
        "{\"v\":1,\"iv\":\"AAAAAAAAAAAAAAAA\",\"ct\":\"not base64!\"}",
        "{\"v\":1,\"iv\":\"AAAAAAAAAAAAAAAA\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\",\"extra\":\"jane\"}",
        "{\"v\":1,\"iv\":\"AAAAAAAAAAAAAAAA\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\"} trailing",
        "{\"v\":1,\"iv\":\"AAAAAAAAAAAAAAAA\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\"",
        "{\"v\":2,\"iv\":\"AAAAAAAAAAAAAAAA\",\"ct\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}",
        ""})
    void malformedValuesGetTheMalformedErrorWithoutEchoingTheValue(String value) {
        try (EncryptionKey key = EncryptionKey.generate()) {
            ValueLocation where = ValueLocation.of("leads", "phone", "id", 7);
            assertThatThrownBy(() -> EnvelopeCodec.of(key).decrypt(value, where))
                    .isInstanceOfSatisfying(MalformedEnvelopeException.class, e -> {
                        assertThat(e.location()).isEqualTo(where);
                        assertThat(e.getMessage()).contains("leads.phone (id=7)").contains(key.fingerprint());
                        if (value.length() > 3) {
                            assertThat(e.getMessage()).doesNotContain(value);
                        }
                        assertThat(e.getMessage()).doesNotContain("jane");
                    });
        }
    }

    @Test
    void readsEnvelopesWithWhiteSpaceReorderedMembersAndEscapedSlashes() {
        try (EncryptionKey key = EncryptionKey.generate()) {
            EnvelopeCodec codec = EnvelopeCodec.of(key);
            String envelope = codec.encrypt("reordered/plain");
            String iv = envelope.substring(envelope.indexOf("\"iv\":\"") + 6, envelope.indexOf("\",\"ct\""));
            String ct = envelope.substring(envelope.indexOf("\"ct\":\"") + 6, envelope.length() - 2);
            String other = "{ \"ct\" : \"" + ct.replace("/", "\\/") + "\",\n \"iv\":\"" + iv + "\", \"v\": 1 }";
            assertThat(codec.decrypt(other).plaintext()).isEqualTo("reordered/plain");
        }
    }

    @Test
    void base64AndRawFormsOfAKeyAreTheSameKeyWithTheSameFingerprint() {
        try (Secret text = RefData.encryptionKeyText("secrets.env");
             EncryptionKey fromText = EncryptionKey.fromBase64(text);
             Secret raw = Secret.adopt(Base64.getDecoder().decode(text.copyBytes()));
             EncryptionKey fromRaw = EncryptionKey.fromRawBytes(raw)) {
            assertThat(fromRaw).isEqualTo(fromText);
            assertThat(fromRaw.fingerprint()).isEqualTo(fromText.fingerprint()).isEqualTo(text.fingerprint());
            assertThat(fromText.toString()).isEqualTo("EncryptionKey[" + text.fingerprint() + "]");
        }
    }

    @Test
    void refusesKeysOfTheWrongLengthOrAlphabetWithoutShowingThem() {
        try (Secret shortKey = Secret.copyOf("c2hvcnQta2V5".getBytes(StandardCharsets.US_ASCII));
             Secret notBase64 = Secret.copyOf("not*base64*at*all".getBytes(StandardCharsets.US_ASCII));
             Secret raw = Secret.copyOf(new byte[16])) {
            assertThatThrownBy(() -> EncryptionKey.fromBase64(shortKey)).isInstanceOf(SecretException.class)
                    .hasMessageContaining("9 bytes").hasMessageNotContaining("c2hvcnQta2V5");
            assertThatThrownBy(() -> EncryptionKey.fromBase64(notBase64)).isInstanceOf(SecretException.class)
                    .hasMessageNotContaining("not*base64");
            assertThatThrownBy(() -> EncryptionKey.fromRawBytes(raw)).isInstanceOf(SecretException.class)
                    .hasMessageContaining("16 bytes");
        }
    }

    @Test
    void readsTheKeyFromASecretSourceAndNamesTheSourceOnError() {
        try (Secret text = RefData.encryptionKeyText("secrets.env"); EncryptionKey direct = EncryptionKey.fromBase64(text)) {
            String base64 = new String(text.copyBytes(), StandardCharsets.US_ASCII);
            try (EncryptionKey viaEnv = EncryptionKey.fromBase64(EnvSecretSource.of("ENCRYPTION_KEY", Map.of("ENCRYPTION_KEY", base64)))) {
                assertThat(viaEnv).isEqualTo(direct);
            }
            assertThatThrownBy(() -> EncryptionKey.fromBase64(EnvSecretSource.of("ENCRYPTION_KEY", Map.of("ENCRYPTION_KEY", "changeme"))))
                    .isInstanceOf(SecretException.class).hasMessageStartingWith("env:ENCRYPTION_KEY: ")
                    .hasMessageNotContaining("changeme");
        }
    }

    @Test
    void closedKeysAreZeroedAndRefuseUse() {
        EncryptionKey key = EncryptionKey.generate();
        EnvelopeCodec codec = EnvelopeCodec.of(key);
        key.close();
        assertThat(key.isClosed()).isTrue();
        assertThatThrownBy(() -> codec.encrypt("x")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void recognisesEnvelopeShapes() {
        assertThat(EnvelopeCodec.looksLikeEnvelope("{\"v\":1,\"iv\":\"x\",\"ct\":\"y\"}")).isTrue();
        assertThat(EnvelopeCodec.looksLikeEnvelope(" {\"ct\":\"y\",\"v\":2} ")).isTrue();
        assertThat(EnvelopeCodec.looksLikeEnvelope("jane@example.com")).isFalse();
        assertThat(EnvelopeCodec.looksLikeEnvelope("{\"name\":\"jane\"}")).isFalse();
        assertThat(EnvelopeCodec.looksLikeEnvelope("")).isFalse();
        assertThat(EnvelopeCodec.looksLikeEnvelope(null)).isFalse();
    }

    static void assertNoKeyMaterial(String text, EncryptionKey... keys) {
        for (EncryptionKey key : keys) {
            try (Secret base64 = key.toBase64()) {
                String encoded = new String(base64.copyBytes(), StandardCharsets.US_ASCII);
                assertThat(text).doesNotContain(encoded).doesNotContain(encoded.substring(0, 12));
            }
        }
    }
}
