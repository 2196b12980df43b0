package io.cutkit.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.bench.BenchmarkLauncher.Resolution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkLauncherTest {

    @TempDir
    Path root;

    @BeforeEach
    void twoModulesWithBenchmarks() throws IOException {
        source("mysql", "io/cutkit/mysql/dump/ExportImportBenchmark.java");
        source("mysql", "io/cutkit/mysql/dump/ExportImportIT.java");
        source("crypto", "io/cutkit/crypto/bench/EnvelopeCodecJmh.java");
        source("crypto/target/test-classes", "io/cutkit/crypto/bench/StaleCopyBenchmark.java");
    }

    @Test
    void aNameWithOrWithoutItsSuffixRunsTheModulesOwnBenchmark() {
        Resolution expected = new Resolution.Run("io.cutkit.mysql.dump.ExportImportBenchmark");

        assertThat(BenchmarkLauncher.resolve(root.resolve("mysql"), "ExportImport")).isEqualTo(expected);
        assertThat(BenchmarkLauncher.resolve(root.resolve("mysql"), "ExportImportBenchmark")).isEqualTo(expected);
        assertThat(BenchmarkLauncher.resolve(root.resolve("crypto"), "EnvelopeCodec"))
                .isEqualTo(new Resolution.Run("io.cutkit.crypto.bench.EnvelopeCodecJmh"));
    }

    @Test
    void aModuleBuiltOnlyForAnotherModulesBenchmarkSkipsIt() {
        assertThat(BenchmarkLauncher.resolve(root.resolve("mysql"), "EnvelopeCodec"))
                .isEqualTo(new Resolution.Elsewhere("crypto"));
    }

    @Test
    void anUnknownNameListsEveryBenchmarkButNotTestsOrBuildOutput() {
        assertThat(BenchmarkLauncher.resolve(root.resolve("mysql"), "ExportImportIT"))
                .isEqualTo(new Resolution.Unknown(List.of("-pl crypto -Dbench=EnvelopeCodecJmh",
                        "-pl mysql -Dbench=ExportImportBenchmark")));
    }

    private void source(String module, String path) throws IOException {
        Path file = root.resolve(module).resolve("src/test/java").resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "class Placeholder {}\n");
    }
}
