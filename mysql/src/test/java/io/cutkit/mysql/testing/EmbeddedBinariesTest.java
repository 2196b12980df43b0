package io.cutkit.mysql.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBinariesTest {

    @Test
    void sweepDeletesOnlyDirectoriesWhoseOwnerProcessIsGone(@TempDir Path tmp) throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path abandoned = owned(tmp.resolve("cutkit-mariadb-abandoned"), finished.pid());
        Files.createDirectories(abandoned.resolve("base/bin"));
        Files.writeString(abandoned.resolve("base/bin/mariadbd"), "binary");
        Path alive = owned(tmp.resolve("cutkit-mariadb-alive"), ProcessHandle.current().pid());
        Path starting = Files.createDirectories(tmp.resolve("cutkit-mariadb-starting"));
        Path unrelated = owned(tmp.resolve("other-abandoned"), finished.pid());

        EmbeddedBinaries.sweepAbandoned(tmp);

        assertThat(abandoned).doesNotExist();
        assertThat(alive).isDirectory();
        assertThat(starting).isDirectory();
        assertThat(unrelated).isDirectory();
    }

    private static Path owned(Path dir, long pid) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("owner.pid"), Long.toString(pid));
        return dir;
    }
}
