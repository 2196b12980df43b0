package io.cutkit.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared reference data: {@code shared/refdata} beside the checkout (or above the working directory). */
public final class RefData {

    private RefData() {
    }

    public static Path dir() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/refdata"), dir.resolve("../shared/refdata")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate.normalize();
                }
            }
        }
        throw new IllegalStateException("shared/refdata not found above " + Path.of("").toAbsolutePath()
                + "; clone the project with shared/ beside it");
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }
}
