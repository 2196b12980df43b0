package io.cutkit.core.secret;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Set;

/** File rules shared by the file-based sources and sinks: no world-readable secret files. */
final class SecretFiles {

    private SecretFiles() {
    }

    /** Throws when {@code path} can be read by every user of the machine. */
    static void requireNotWorldReadable(Path path) {
        if (!Files.exists(path)) {
            throw new SecretException("Secret file " + path + " does not exist.");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return; // no POSIX permissions on this file system: nothing to check
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new SecretException("Secret file " + path + " is readable by every user of this machine; "
                        + "run `chmod o-r " + path + "` (or copy it to a file with mode 600) and try again.");
            }
        } catch (IOException e) {
            throw new SecretException("Cannot read the permissions of secret file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Removes one trailing {@code \n} or {@code \r\n}, as left by editors and {@code echo}. */
    static byte[] withoutTrailingNewline(byte[] bytes) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') {
            end--;
            if (end > 0 && bytes[end - 1] == '\r') {
                end--;
            }
        }
        if (end == bytes.length) {
            return bytes;
        }
        byte[] trimmed = Arrays.copyOf(bytes, end);
        Arrays.fill(bytes, (byte) 0);
        return trimmed;
    }
}
