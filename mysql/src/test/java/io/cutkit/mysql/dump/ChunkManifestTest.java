package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkManifestTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsLoadDataEntriesWithColumnNamesThatNeedEncoding() throws Exception {
        List<ChunkManifest.Column> columns = List.of(new ChunkManifest.Column("key", ChunkManifest.ColumnKind.NUMBER),
                new ChunkManifest.Column("a,b:c d\u00e9`", ChunkManifest.ColumnKind.STRING),
                new ChunkManifest.Column("flags", ChunkManifest.ColumnKind.BIT));
        ChunkManifest manifest = new ChunkManifest("shop\tdb", "utf8mb4", "utf8mb4_bin", List.of(
                new ChunkManifest.Entry(ChunkManifest.Part.SCHEMA, "schema.sql", 10, "aa", null, 0),
                new ChunkManifest.Entry(ChunkManifest.Part.DATA, "data/0001-order.00001.tsv", 20, "bb", "order", 3,
                        ChunkManifest.Format.LOAD_DATA, columns),
                new ChunkManifest.Entry(ChunkManifest.Part.DATA, "data/0002-places.00001.sql", 30, "cc", "places", 2)));
        manifest.write(dir);

        assertThat(ChunkManifest.read(dir)).isEqualTo(manifest);
        assertThat(Files.readAllLines(dir.resolve(ChunkManifest.FILE_NAME)).get(0)).isEqualTo("cutkit-snapshot\t2");
    }

    @Test
    void roundTripsTheReplicationPositionAsAVersion3Manifest() throws Exception {
        ChunkManifest manifest = new ChunkManifest("crm", "utf8mb4", "utf8mb4_bin", List.of(
                new ChunkManifest.Entry(ChunkManifest.Part.SCHEMA, "schema.sql", 10, "aa", null, 0)),
                java.util.Optional.of(io.cutkit.core.replication.ReplicationPosition.mariaDbGtid("0-1-42,1-2-7")));
        manifest.write(dir);

        assertThat(ChunkManifest.read(dir)).isEqualTo(manifest);
        assertThat(Files.readAllLines(dir.resolve(ChunkManifest.FILE_NAME)).get(0)).isEqualTo("cutkit-snapshot\t3");
    }

    @Test
    void readsAVersion2ManifestAsOneWithoutAPosition() throws Exception {
        Files.writeString(dir.resolve(ChunkManifest.FILE_NAME), "cutkit-snapshot\t2\ndatabase\tdb\tutf8mb4\tutf8mb4_bin\n"
                + "schema\tschema.sql\t1\taa\t-\t0\tsql\t-\n");
        assertThat(ChunkManifest.read(dir).position()).isEmpty();
    }

    @Test
    void refusesALoadDataEntryWithoutColumns() {
        assertThatThrownBy(() -> new ChunkManifest.Entry(ChunkManifest.Part.DATA, "x.tsv", 1, "aa", "t", 1,
                ChunkManifest.Format.LOAD_DATA, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x.tsv");
    }

    @Test
    void namesTheManifestLineOfAnUnknownColumnKind() throws Exception {
        Files.writeString(dir.resolve(ChunkManifest.FILE_NAME), "cutkit-snapshot\t2\ndatabase\tdb\tutf8mb4\tutf8mb4_bin\n"
                + "data\td.tsv\t1\taa\tt\t1\tload-data\tnumber:id,money:amount\n");
        assertThatThrownBy(() -> ChunkManifest.read(dir))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("Manifest line 3 is malformed");
    }
}
