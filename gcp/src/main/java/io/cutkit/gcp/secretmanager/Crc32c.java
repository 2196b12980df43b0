package io.cutkit.gcp.secretmanager;

import java.util.zip.CRC32C;

/** CRC32C of a byte array, as Secret Manager's {@code data_crc32c} carries it (an unsigned 32-bit value in an int64). */
final class Crc32c {

    private Crc32c() {
    }

    static long of(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length);
        return crc.getValue();
    }
}
