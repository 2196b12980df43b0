package io.cutkit.gcp.storage;

import java.net.URI;
import java.util.Optional;

/**
 * What Cloud Storage reports about an object: its size in bytes as stored, CRC32C and MD5 as
 * GCS reports them (base64 of the big-endian checksum; empty when the store gives none, as for
 * composite objects' MD5), content encoding and generation.
 */
public record GcsObjectFacts(URI uri, long size, Optional<String> crc32c, Optional<String> md5,
        Optional<String> contentEncoding, long generation) {
}
