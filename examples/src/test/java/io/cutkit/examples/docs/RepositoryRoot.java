package io.cutkit.examples.docs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory, found from the module directory a test runs in. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve(".ci/run"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no README.md and .ci/run above " + Path.of("").toAbsolutePath());
    }
}
