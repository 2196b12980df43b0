package io.cutkit.mysql.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32;

/** Content checksums: SHA-256 of normalised text (cutkit's), and Flyway's line-wise CRC32 (to read its history). */
final class Checksums {

    private Checksums() {
    }

    /** Line endings normalised to LF and a BOM dropped, so a checkout on another OS keeps the same identity. */
    static String normalise(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.replace("\r\n", "\n").replace('\r', '\n');
    }

    static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(digest().digest(bytes));
    }

    static String sha256(String text) {
        return sha256(normalise(text).getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JRE", e);
        }
    }

    /** CRC32 over each line's UTF-8 bytes without its terminator, as Flyway records it (signed int). */
    static String flywayCrc32(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(
                text.startsWith("\uFEFF") ? text.substring(1) : text))) {
            String line;
            while ((line = reader.readLine()) != null) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "crc32:" + (int) crc.getValue();
    }
}
