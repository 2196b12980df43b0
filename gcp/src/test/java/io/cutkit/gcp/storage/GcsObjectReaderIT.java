package io.cutkit.gcp.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.storage.BlobInfo;
import io.cutkit.core.data.SnapshotException;
import io.cutkit.gcp.testing.Fault;
import io.cutkit.gcp.testing.LocalBucket;
import io.cutkit.gcp.Backoff;
import io.cutkit.mysql.refdata.Refdata;
import java.time.Duration;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class GcsObjectReaderIT {

    private static final URI DUMP = URI.create("gs://cutover-dumps/optileads.sql.gz");

    private final LocalBucket bucket = LocalBucket.create();

    @Test
    void streamsAGzipDumpDecompressedAndVerifiesSizeAndChecksums() throws Exception {
        bucket.put(DUMP, Files.readAllBytes(Refdata.dump()));
        MessageDigest sha = MessageDigest.getInstance("SHA-256");

        GcsObjectReader.Read<Long> read = GcsObjectReader.of(bucket.storage()).read(DUMP, in -> {
            try {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = in.read(buf)) > 0; total += n) {
                    sha.update(buf, 0, n);
                }
                return total;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(read.gzip()).isTrue();
        assertThat(read.facts().size()).isEqualTo(Refdata.number("dump", "bytes"));
        assertThat(read.storedBytesRead()).isEqualTo(Refdata.number("dump", "bytes"));
        assertThat(read.result()).isEqualTo(Refdata.number("dump", "uncompressedBytes"));
        assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(Refdata.text("dump", "uncompressedSha256"));
        assertThat(read.crc32cVerified()).isTrue();
        assertThat(read.md5Verified()).isTrue();
    }

    @Test
    void verifiesChecksumsEvenWhenTheConsumerStopsEarly() {
        URI plain = URI.create("gs://cutover-dumps/small.sql");
        bucket.put(plain, "USE `Optileads`;\nSELECT 1;\n".getBytes(StandardCharsets.UTF_8));

        GcsObjectReader.Read<String> read = GcsObjectReader.of(bucket.storage()).read(plain, in -> {
            try {
                return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });

        assertThat(read.gzip()).isFalse();
        assertThat(read.result()).isEqualTo("USE `Optileads`;");
        assertThat(read.storedBytesRead()).isEqualTo(27);
        assertThat(read.crc32cVerified()).isTrue();
    }

    @Test
    void refusesAnObjectWhoseBytesDoNotMatchTheReportedChecksum() {
        URI tampered = URI.create("gs://cutover-dumps/tampered.sql");
        bucket.storeWithChecksums(BlobInfo.newBuilder("cutover-dumps", "tampered.sql").setCrc32c("AAAAAA==")
                .setMd5("AAAAAAAAAAAAAAAAAAAAAA==").build(), "SELECT 1;\n".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> GcsObjectReader.of(bucket.storage()).read(tampered, in -> null))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("does not match its CRC32C")
                .hasMessageContaining("Export it again");
    }

    @Test
    void saysClearlyWhenTheObjectOrTheUriIsWrong() {
        assertThatThrownBy(() -> GcsObjectReader.of(bucket.storage()).facts(URI.create("gs://cutover-dumps/missing.sql")))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> GcsObjectReader.blobId(URI.create("s3://bucket/dump.sql")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gs://bucket/object");
    }

    @Test
    void retriesThrottledAndUnavailableMetadataCallsWithinTheDeadline() {
        URI plain = URI.create("gs://cutover-dumps/retried.sql");
        bucket.put(plain, "SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
        bucket.faults().failNext("get", Fault.UNAVAILABLE, 1).failNext("get", Fault.RATE_LIMITED, 1);
        GcsObjectReader reader = GcsObjectReader.of(bucket.storage())
                .withRetry(new Backoff(Duration.ofMillis(10), 2.0, Duration.ofMillis(100)), Duration.ofSeconds(2));

        assertThat(reader.facts(plain).size()).isEqualTo(10);
        assertThat(bucket.faults().callCount("get")).isEqualTo(3);

        bucket.faults().failAlways("get", Fault.UNAVAILABLE);
        long start = System.nanoTime();
        assertThatThrownBy(() -> reader.facts(plain))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("HTTP 503");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void namesTheRoleWhenReadingIsDeniedWithoutRetrying() {
        URI plain = URI.create("gs://cutover-dumps/denied.sql");
        bucket.put(plain, "SELECT 1;\n".getBytes(StandardCharsets.UTF_8));
        bucket.faults().failAlways("get", Fault.PERMISSION_DENIED);

        assertThatThrownBy(() -> GcsObjectReader.of(bucket.storage()).read(plain, in -> null))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("HTTP 403")
                .hasMessageContaining("roles/storage.objectViewer");
        assertThat(bucket.faults().callCount("get")).isEqualTo(1);
    }
}
