package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.ImportOutcome;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows whose foreign key has no parent: refused like the client's error 1452, or loaded and reported when the dump turns checks off. */
class ForeignKeyOrphansIT {

    private static final String CHECKS_OFF = "/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;\n";
    private static DatabaseServer server;
    private static ServerAddress address;

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() {
        server = DatabaseServers.shared();
        address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
    }

    private Path dumpWithOrphans(String header) throws Exception {
        Path dump = tmp.resolve("orphans.sql");
        Files.writeString(dump, header + "CREATE DATABASE `src`;\nUSE `src`;\n"
                + "CREATE TABLE `parent` (`id` int PRIMARY KEY);\n"
                + "CREATE TABLE `child` (`id` int PRIMARY KEY, `parentId` int,"
                + " CONSTRAINT `child_parent_fk` FOREIGN KEY (`parentId`) REFERENCES `parent` (`id`));\n"
                + "INSERT INTO `parent` VALUES (1);\n"
                + "INSERT INTO `child` VALUES (10,1),(11,17),(12,NULL),(13,18);\n");
        return dump;
    }

    @Test
    void refusesOrphanRowsOfADumpThatLeavesForeignKeyChecksOnNamingConstraintAndKeys() throws Exception {
        String target = "fk_refused_" + Long.toHexString(System.nanoTime());
        Path dump = dumpWithOrphans("");
        List<String> before = QueryResults.databases(server);

        assertThatThrownBy(() -> JdbcSnapshotImporter.builder(address).build().importPath(dump, target))
                .isInstanceOfSatisfying(ForeignKeyViolationException.class, e -> assertThat(e.orphans()).singleElement()
                        .satisfies(o -> {
                            assertThat(o.constraint()).isEqualTo("child_parent_fk");
                            assertThat(o.table()).isEqualTo("child");
                            assertThat(o.firstKeys()).containsExactly("(17)", "(18)");
                        }))
                .hasMessageContaining("`child_parent_fk`").hasMessageContaining("(17), (18)").hasMessageContaining("1452")
                .hasMessageContaining("the target `" + target + "` does not exist, as before");

        assertThat(QueryResults.databases(server)).isEqualTo(before);
    }

    @Test
    void loadsOrphanRowsOfADumpThatTurnsChecksOffAndReportsThemAsWarnings() throws Exception {
        String target = "fk_loaded_" + Long.toHexString(System.nanoTime());
        Path dump = dumpWithOrphans(CHECKS_OFF);

        ImportOutcome outcome;
        try (CapturedLog log = new CapturedLog()) {
            outcome = JdbcSnapshotImporter.builder(address).build().importPath(dump, target);
            assertThat(log.text()).containsPattern("WARN .*`child_parent_fk`.*\\(17\\), \\(18\\)");
        }

        assertThat(outcome.warnings()).singleElement().asString().contains("`child_parent_fk`").contains("(17), (18)");
        assertThat(QueryResults.strings(server, "SELECT COUNT(*) FROM `" + target + "`.child")).containsExactly("4");
    }

    @Test
    void reportsNothingForADumpWhoseForeignKeysHold() throws Exception {
        Path dump = tmp.resolve("clean.sql");
        Files.writeString(dump, "CREATE DATABASE `src`;\nUSE `src`;\nCREATE TABLE `parent` (`id` int PRIMARY KEY);\n"
                + "CREATE TABLE `child` (`id` int PRIMARY KEY, `parentId` int, FOREIGN KEY (`parentId`) REFERENCES `parent` (`id`));\n"
                + "INSERT INTO `child` VALUES (10,1),(12,NULL);\nINSERT INTO `parent` VALUES (1);\n");

        ImportOutcome outcome = JdbcSnapshotImporter.builder(address).build()
                .importPath(dump, "fk_clean_" + Long.toHexString(System.nanoTime()));

        assertThat(outcome.warnings()).isEmpty();
    }
}
