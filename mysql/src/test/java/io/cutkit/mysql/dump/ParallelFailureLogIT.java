package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One failing statement in a parallel load yields that statement's error, not a stack trace per stopped connection. */
class ParallelFailureLogIT {

    @TempDir
    Path tmp;

    @Test
    void stopsTheOtherWorkersWithoutStackTracesAndThrowsTheFailingStatement() throws Exception {
        DatabaseServer server = DatabaseServers.shared();
        ServerAddress address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
        StringBuilder dump = new StringBuilder("CREATE DATABASE `src`;\nUSE `src`;\n");
        for (int t = 0; t < 4; t++) {
            dump.append("CREATE TABLE `t").append(t).append("` (`id` int PRIMARY KEY, `v` varchar(200));\n");
        }
        String row = "x".repeat(150);
        int line = 6;
        int failingLine = 0;
        for (int i = 0; i < 400; i++) {
            StringBuilder insert = new StringBuilder("INSERT INTO `t" + (i % 4) + "` VALUES ");
            for (int r = 0; r < 500; r++) {
                insert.append(r == 0 ? "" : ",").append('(').append(i * 500 + r).append(",'").append(row).append("')");
            }
            if (i == 200) {
                failingLine = line + 1;
                dump.append("INSERT INTO `t1` VALUES (cutkit_no_such_function(), 'x');\n");
                line++;
            }
            dump.append(insert).append(";\n");
            line++;
        }
        Path file = tmp.resolve("parallel.sql");
        Files.writeString(file, dump);
        long expectedLine = failingLine;

        try (CapturedLog log = new CapturedLog()) {
            assertThatThrownBy(() -> JdbcSnapshotImporter.builder(address).workers(4).build()
                    .importPath(file, "noise_" + Long.toHexString(System.nanoTime())))
                    .isInstanceOfSatisfying(StatementFailedException.class, e -> assertThat(e.line()).isEqualTo(expectedLine))
                    .hasMessageContaining("cutkit_no_such_function");
            assertThat(log.text()).doesNotContain("\tat ").doesNotContainPattern("(WARN|ERROR) .*Exception");
        }
    }
}
