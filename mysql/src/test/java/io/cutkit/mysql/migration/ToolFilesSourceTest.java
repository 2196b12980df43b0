package io.cutkit.mysql.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.migration.MigrationException;
import io.cutkit.mysql.refdata.Refdata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolFilesSourceTest {

    @Test
    void sequelizeFilesAreNamedWithoutExtensionAsTheirHistoryRecordsThem() {
        List<Migration> migrations = MigrationSource.toolFiles(
                Refdata.file(Refdata.text("migrations", "contractorFolder"))).load();

        List<String> applied = new ArrayList<>();
        Refdata.at("migrations", "applied").forEach(n -> applied.add(MigrationNames.logicalName(n.asString())));
        assertThat(migrations).extracting(Migration::name).containsExactlyElementsOf(applied);
        assertThat(migrations).allSatisfy(m -> assertThat(m.runnable()).isFalse());
    }

    @Test
    void identityIsTheContentWhateverTheExtension(@TempDir Path dir) throws Exception {
        Path js = Files.createDirectories(dir.resolve("js"));
        Path ts = Files.createDirectories(dir.resolve("ts"));
        Files.writeString(js.resolve("001-a.js"), "module.exports = {};\n", StandardCharsets.UTF_8);
        Files.writeString(ts.resolve("001-a.ts"), "module.exports = {};\r\n", StandardCharsets.UTF_8);
        Files.writeString(ts.resolve("README.md"), "not a migration", StandardCharsets.UTF_8);

        Migration fromJs = MigrationSource.toolFiles(js).load().get(0);
        List<Migration> fromTs = MigrationSource.toolFiles(ts).load();

        assertThat(fromTs).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("001-a");
            assertThat(m.checksum()).isEqualTo(fromJs.checksum()).startsWith("sha256:");
        });
    }

    @Test
    void applyingAToolFileSaysItsOwnToolAppliesIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("007-add-x.cjs"), "module.exports = {};", StandardCharsets.UTF_8);
        Migration migration = MigrationSource.toolFiles(dir).load().get(0);

        assertThatThrownBy(() -> migration.apply(null)).isInstanceOf(MigrationException.class)
                .hasMessageContaining("007-add-x").hasMessageContaining(".cjs").hasMessageContaining("its own tool")
                .hasMessageContaining("nothing of it was run");
    }
}
