package io.cutkit.crypto.bench;

import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.EnvelopeCodec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The envelope codec against the JDK's raw AES-GCM cipher on the same plaintext: the codec adds
 * UTF-8, base64 and JSON around the same cipher calls. Run (outside {@code mvn verify}):
 * {@code mvn -B -ntp -P bench -pl crypto -am verify -DskipTests -Dbench=EnvelopeCodec}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvelopeCodecJmh {

    /** A typical email (34 bytes) and a longer free-text value (1 KiB). */
    @Param({"34", "1024"})
    public int length;

    private EnvelopeCodec codec;
    private String plaintext;
    private String envelope;

    private Cipher cipher;
    private SecretKey rawKey;
    private SecureRandom random;
    private byte[] plainBytes;
    private byte[] iv;
    private byte[] sealed;

    @Setup
    public void setUp() throws Exception {
        EncryptionKey key = EncryptionKey.generate();
        codec = EnvelopeCodec.of(key);
        plaintext = "jane.doe.".repeat(length / 9 + 1).substring(0, length - 12) + "@example.com";
        envelope = codec.encrypt(plaintext);

        byte[] raw = Base64.getDecoder().decode(key.toBase64().copyBytes());
        rawKey = new SecretKeySpec(raw, "AES");
        cipher = Cipher.getInstance("AES/GCM/NoPadding");
        random = new SecureRandom();
        plainBytes = plaintext.getBytes(StandardCharsets.UTF_8);
        iv = new byte[12];
        random.nextBytes(iv);
        cipher.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(128, iv));
        sealed = cipher.doFinal(plainBytes);
    }

    @Benchmark
    public String codecEncrypt() {
        return codec.encrypt(plaintext);
    }

    @Benchmark
    public byte[] rawEncrypt() throws Exception {
        byte[] freshIv = new byte[12];
        random.nextBytes(freshIv);
        cipher.init(Cipher.ENCRYPT_MODE, rawKey, new GCMParameterSpec(128, freshIv));
        return cipher.doFinal(plainBytes);
    }

    @Benchmark
    public String codecDecrypt() {
        return codec.decrypt(envelope).plaintext();
    }

    @Benchmark
    public byte[] rawDecrypt() throws Exception {
        cipher.init(Cipher.DECRYPT_MODE, rawKey, new GCMParameterSpec(128, iv));
        return cipher.doFinal(sealed);
    }

    /**
     * Runs every benchmark with many short iterations and reports, besides JMH's own table, the
     * minimum and median iteration of each: on a shared machine load spikes inflate the mean, and
     * the minimum is the fairest comparison of the work each side does.
     */
    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(EnvelopeCodecJmh.class.getName())
                .forks(1)
                .warmupIterations(5).warmupTime(TimeValue.milliseconds(400))
                .measurementIterations(25).measurementTime(TimeValue.milliseconds(400))
                .build();
        Map<String, double[]> byName = new TreeMap<>();
        for (RunResult result : new Runner(options).run()) {
            String name = result.getParams().getBenchmark().replaceAll(".*\\.", "") + "/" + result.getParams().getParam("length");
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
            Collections.sort(scores);
            byName.put(name, new double[] {scores.get(0), scores.get(scores.size() / 2)});
        }
        System.out.println("benchmark/length: min, median ns/op");
        byName.forEach((name, v) -> System.out.printf("  %-22s %8.1f %8.1f%n", name, v[0], v[1]));
        for (String op : new String[] {"Encrypt", "Decrypt"}) {
            for (String length : new String[] {"34", "1024"}) {
                double[] codec = byName.get("codec" + op + "/" + length);
                double[] raw = byName.get("raw" + op + "/" + length);
                System.out.printf("%s %s bytes: codec overhead %+.0f%% (min), %+.0f%% (median)%n", op.toLowerCase(), length,
                        (codec[0] / raw[0] - 1) * 100, (codec[1] / raw[1] - 1) * 100);
            }
        }
    }
}
