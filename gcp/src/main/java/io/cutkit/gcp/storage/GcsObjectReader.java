package io.cutkit.gcp.storage;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import io.cutkit.core.data.SnapshotException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import io.cutkit.gcp.Backoff;
import io.cutkit.gcp.BoundedPoll;
import io.cutkit.gcp.DeadlineExceededException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;

/**
 * Streams a Cloud Storage object (a dump, typically) into a consumer, decompressing gzip when the
 * object starts with gzip's magic bytes, and checks the stored bytes against the CRC32C and MD5
 * that GCS reports. Costs one metadata call (429 and 5xx answers retried with backoff until a
 * deadline) and one sequential read, which is not retried; memory stays constant.
 *
 * <pre>{@code
 * GcsObjectReader reader = GcsObjectReader.of(storage);
 * GcsObjectReader.Read<DumpReport> read = reader.read(URI.create("gs://bucket/optileads.sql.gz"),
 *         in -> inspector.inspect(in, "optileads.sql.gz"));
 * }</pre>
 */
public final class GcsObjectReader {

    private final Storage storage;
    private final BoundedPoll retry;

    private GcsObjectReader(Storage storage, BoundedPoll retry) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /** A reader that retries throttled (429) and unavailable (5xx) metadata calls for up to 30 s. */
    public static GcsObjectReader of(Storage storage) {
        return new GcsObjectReader(storage, BoundedPoll.of(Backoff.standard(), Duration.ofSeconds(30)));
    }

    /** The same reader, retrying throttled and unavailable metadata calls with {@code backoff} until {@code deadline}. */
    public GcsObjectReader withRetry(Backoff backoff, Duration deadline) {
        return new GcsObjectReader(storage, BoundedPoll.of(backoff, deadline));
    }

    /** The result of a {@link #read}: the consumer's result, the object's facts and what was verified. */
    public record Read<T>(T result, GcsObjectFacts facts, boolean gzip, long storedBytesRead, long bytesDelivered,
            boolean crc32cVerified, boolean md5Verified) {
    }

    /** Splits {@code gs://bucket/name} into a blob id; refuses anything else with a clear message. */
    public static BlobId blobId(URI uri) {
        if (!"gs".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null
                || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("'" + uri + "' is not a Cloud Storage object URI; use gs://bucket/object");
        }
        return BlobId.of(uri.getHost(), uri.getPath().substring(1));
    }

    /**
     * The object's facts.
     *
     * @throws SnapshotException when it does not exist or cannot be read (names the permission)
     */
    public GcsObjectFacts facts(URI uri) {
        BlobId id = blobId(uri);
        StorageException[] lastRefusal = new StorageException[1];
        Optional<Blob> found;
        try {
            found = retry.await("metadata of " + uri, () -> {
                try {
                    return BoundedPoll.done(Optional.ofNullable(storage.get(id)));
                } catch (StorageException e) {
                    if (e.getCode() == 429 || e.getCode() >= 500) {
                        lastRefusal[0] = e;
                        return BoundedPoll.pending("HTTP " + e.getCode());
                    }
                    throw failed("read the metadata of", uri, e);
                }
            });
        } catch (DeadlineExceededException e) {
            throw failed("read the metadata of", uri, lastRefusal[0]);
        }
        Blob blob = found.orElse(null);
        if (blob == null) {
            throw new SnapshotException("Cloud Storage object " + uri + " does not exist; check the URI (and that the "
                    + "export that should have written it succeeded).");
        }
        return new GcsObjectFacts(uri, blob.getSize() == null ? -1 : blob.getSize(),
                Optional.ofNullable(blob.getCrc32c()), Optional.ofNullable(blob.getMd5()),
                Optional.ofNullable(blob.getContentEncoding()), blob.getGeneration() == null ? 0 : blob.getGeneration());
    }

    /**
     * Streams the object into {@code consumer} (decompressed when gzip), then reads what the
     * consumer left to finish the checksums, and compares them with what GCS reports.
     *
     * @throws SnapshotException when the object is missing, unreadable or its checksums differ
     */
    public <T> Read<T> read(URI uri, Function<InputStream, T> consumer) {
        GcsObjectFacts facts = facts(uri);
        CRC32C crc = new CRC32C();
        MessageDigest md5 = md5();
        try (ReadChannel channel = storage.reader(blobId(uri));
                CountingDigestStream stored = new CountingDigestStream(
                        new BufferedInputStream(Channels.newInputStream(channel), 1 << 16), crc, md5)) {
            channel.setChunkSize(2 << 20);
            stored.mark(2);
            boolean gzip = stored.read() == 0x1f & stored.read() == 0x8b;
            stored.reset();
            InputStream delivered = gzip ? new GZIPInputStream(stored, 1 << 16) : stored;
            CountingDigestStream counted = new CountingDigestStream(delivered, null, null);
            T result = consumer.apply(counted);
            counted.transferTo(java.io.OutputStream.nullOutputStream());
            stored.transferTo(java.io.OutputStream.nullOutputStream());
            String crcSeen = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
            String md5Seen = Base64.getEncoder().encodeToString(md5.digest());
            if (facts.size() >= 0 && facts.size() != stored.count()) {
                throw new SnapshotException("Cloud Storage object " + uri + " is " + facts.size() + " bytes but "
                        + stored.count() + " were read; it changed while being read or the read was cut short. "
                        + "Read it again.");
            }
            checkSum(uri, "CRC32C", facts.crc32c(), crcSeen);
            checkSum(uri, "MD5", facts.md5(), md5Seen);
            return new Read<>(result, facts, gzip, stored.count(), counted.count(), facts.crc32c().isPresent(),
                    facts.md5().isPresent());
        } catch (StorageException e) {
            throw failed("read", uri, e);
        } catch (IOException e) {
            throw new SnapshotException("Could not read Cloud Storage object " + uri + ": " + e.getMessage()
                    + " (a truncated or corrupt gzip stream?); check the object and read it again.", e);
        } catch (UncheckedIOException e) {
            if (e.getCause() != null && e.getCause().getCause() instanceof StorageException se) {
                throw failed("read", uri, se);
            }
            throw e;
        }
    }

    private static void checkSum(URI uri, String kind, Optional<String> reported, String seen) {
        if (reported.isPresent() && !reported.get().equals(seen)) {
            throw new SnapshotException("Cloud Storage object " + uri + " does not match its " + kind + " (GCS reports "
                    + reported.get() + ", the bytes read give " + seen + "); the object is corrupt or was replaced "
                    + "while being read. Export it again.");
        }
    }

    private static SnapshotException failed(String action, URI uri, StorageException e) {
        String next = switch (e.getCode()) {
            case 401, 403 -> "grant the caller roles/storage.objectViewer on the bucket";
            case 404 -> "check the bucket and object name";
            case 429, 503 -> "Cloud Storage is throttling or unavailable; run again in a minute";
            default -> "run again";
        };
        return new SnapshotException("Could not " + action + " Cloud Storage object " + uri + ": HTTP " + e.getCode()
                + " (" + e.getMessage() + "); " + next + ".", e);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JVM", e);
        }
    }

    /** Counts bytes (and feeds digests) as they pass. */
    private static final class CountingDigestStream extends FilterInputStream {
        private final CRC32C crc;
        private final MessageDigest md5;
        private long count;
        private long markCount;

        CountingDigestStream(InputStream in, CRC32C crc, MessageDigest md5) {
            super(in);
            this.crc = crc;
            this.md5 = md5;
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
                if (crc != null) {
                    crc.update(b);
                    md5.update((byte) b);
                }
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count += n;
                if (crc != null) {
                    crc.update(buf, off, n);
                    md5.update(buf, off, n);
                }
            }
            return n;
        }

        @Override
        public synchronized void mark(int limit) {
            super.mark(limit);
            markCount = count;
        }

        @Override
        public synchronized void reset() throws IOException {
            // only used to peek at gzip's two magic bytes before any digesting starts
            super.reset();
            count = markCount;
            crc.reset();
            md5.reset();
        }

        @Override
        public void close() {
            // the channel is closed by its owner; consumers must not close it early
        }
    }
}
