package io.cutkit.gcp.testing;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;
import io.cutkit.gcp.storage.GcsObjectReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Cloud Storage in memory for tests, on google-cloud-nio's {@link LocalStorageHelper}, reached
 * through the real {@link Storage} client. Objects written through {@link #put} carry the CRC32C
 * and MD5 that GCS would report (the helper does not compute them). Holds objects in memory:
 * suited to dumps of tens of megabytes.
 */
public final class LocalBucket {

    private final Storage storage;
    private final Storage faulty;
    private final FaultPlan faults = new FaultPlan();

    private LocalBucket(Storage storage) {
        this.storage = storage;
        this.faulty = (Storage) Proxy.newProxyInstance(Storage.class.getClassLoader(), new Class<?>[] {Storage.class},
                this::invokeWithFaults);
    }

    /** A fresh, empty store (each call is independent). */
    public static LocalBucket create() {
        return new LocalBucket(LocalStorageHelper.customOptions(false).getService());
    }

    /**
     * The client to hand to code under test: the real client on this store, answering with the
     * planned {@link #faults()} (calls named as {@link Storage}'s methods: {@code get},
     * {@code reader}, {@code create}, ...) as a {@link StorageException} with the fault's HTTP status.
     */
    public Storage storage() {
        return faulty;
    }

    /** Faults for calls made through {@link #storage()}. */
    public FaultPlan faults() {
        return faults;
    }

    private Object invokeWithFaults(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() != Object.class) {
            Optional<Fault> fault = faults.next(method.getName());
            if (fault.isPresent()) {
                throw new StorageException(fault.get().httpStatus(), fault.get().describe("storage." + method.getName()));
            }
        }
        try {
            return method.invoke(storage, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Writes {@code content} to {@code uri} ({@code gs://bucket/name}) with GCS-style checksums. */
    public Blob put(URI uri, InputStream content) {
        try {
            byte[] bytes = content.readAllBytes();
            return put(uri, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code bytes} to {@code uri} with GCS-style checksums. */
    public Blob put(URI uri, byte[] bytes) {
        BlobId id = GcsObjectReader.blobId(uri);
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        BlobInfo info = BlobInfo.newBuilder(id)
                .setCrc32c(Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()))
                .setMd5(Base64.getEncoder().encodeToString(md5(bytes)))
                .setContentType(uri.getPath().endsWith(".gz") ? "application/gzip" : "application/sql")
                .build();
        return storeWithChecksums(info, bytes);
    }

    /**
     * Stores {@code bytes} under {@code info}, keeping the CRC32C and MD5 that {@code info} carries
     * as the object's reported checksums, true or not: how a test makes GCS report a checksum the
     * bytes do not match.
     */
    @SuppressWarnings("deprecation") // the stream upload is the one path on which the helper keeps given checksums
    public Blob storeWithChecksums(BlobInfo info, byte[] bytes) {
        return storage.create(info, new ByteArrayInputStream(bytes), Storage.BlobWriteOption.crc32cMatch(),
                Storage.BlobWriteOption.md5Match());
    }

    /** The bytes stored at {@code uri}. */
    public byte[] get(URI uri) {
        return storage.readAllBytes(GcsObjectReader.blobId(uri));
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
