package io.cutkit.gcp;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared reference data by walking up from the working directory to a folder holding {@code shared/refdata}. */
public final class RefData {

    private RefData() {
    }

    public static Path dir() {
        Path at = Path.of("").toAbsolutePath();
        while (at != null) {
            Path candidate = at.resolve("shared").resolve("refdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            at = at.getParent();
        }
        throw new IllegalStateException("no shared/refdata folder above " + Path.of("").toAbsolutePath()
                + "; clone the repository with shared/ beside it");
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** refdata's {@code secrets.env} copied into {@code folder} with mode 600, as EnvFile requires. */
    public static Path privateSecretsEnv(Path folder) {
        try {
            Path copy = folder.resolve("secrets.env");
            Files.copy(file("secrets.env"), copy);
            Files.setPosixFilePermissions(copy, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return copy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
