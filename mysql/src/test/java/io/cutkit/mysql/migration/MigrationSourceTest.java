package io.cutkit.mysql.migration;

import io.cutkit.core.migration.MigrationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrationSourceTest {

    @Test
    void classpathLocationInsideAJarIsListedWithoutItsSubfolders(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String name : List.of("db/migration/002-b.sql", "db/migration/001-a.sql", "db/migration/old/000-x.sql",
                    "db/other/003-c.sql")) {
                out.putNextEntry(new JarEntry(name));
                out.write(("-- " + name + "\nDO 1;\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<Migration> migrations = MigrationSource.classpath("db/migration", loader).load();
            assertThat(migrations).extracting(Migration::name).containsExactly("001-a", "002-b");
            assertThat(migrations.get(0).origin()).isEqualTo("classpath:db/migration/001-a.sql");
        }
    }

    @Test
    void sameContentWithOtherLineEndingsHasTheSameChecksum(@TempDir Path dir) throws Exception {
        Path unix = Files.createDirectory(dir.resolve("unix"));
        Path windows = Files.createDirectory(dir.resolve("windows"));
        Files.writeString(unix.resolve("001-a.sql"), "CREATE TABLE t (id INT);\nDO 1;\n");
        Files.writeString(windows.resolve("001-a.sql"), "\uFEFFCREATE TABLE t (id INT);\r\nDO 1;\r\n");
        assertThat(MigrationSource.directory(windows).load().get(0).checksum())
                .isEqualTo(MigrationSource.directory(unix).load().get(0).checksum());
    }

    @Test
    void duplicateNamesAcrossSourcesAreRefusedNamingBothOrigins(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectory(dir.resolve("a"));
        Path b = Files.createDirectory(dir.resolve("b"));
        Files.writeString(a.resolve("001-x.sql"), "DO 1;");
        Files.writeString(b.resolve("001-x.sql"), "DO 2;");
        assertThatThrownBy(() -> MigrationSource.directory(a).and(MigrationSource.directory(b)).load())
                .isInstanceOf(MigrationException.class).hasMessageContaining("001-x")
                .hasMessageContaining(a.resolve("001-x.sql").toString()).hasMessageContaining(b.resolve("001-x.sql").toString());
    }

    @Test
    void missingDirectoryIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> MigrationSource.directory(dir.resolve("nope")).load())
                .isInstanceOf(MigrationException.class).hasMessageContaining("does not exist");
    }
}
