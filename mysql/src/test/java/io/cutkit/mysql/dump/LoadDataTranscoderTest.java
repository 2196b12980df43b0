package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadDataTranscoderTest {

    private static final List<ChunkManifest.Column> COLUMNS = List.of(
            new ChunkManifest.Column("key", ChunkManifest.ColumnKind.NUMBER),
            new ChunkManifest.Column("t`x", ChunkManifest.ColumnKind.STRING),
            new ChunkManifest.Column("b", ChunkManifest.ColumnKind.BINARY),
            new ChunkManifest.Column("f", ChunkManifest.ColumnKind.BIT));

    private static List<String> transcode(byte[] chunk, int statementBytes) throws Exception {
        LoadDataTranscoder t = new LoadDataTranscoder(new ByteArrayInputStream(chunk), "c.tsv", "order", COLUMNS,
                statementBytes);
        List<String> out = new ArrayList<>();
        for (String s; (s = t.next()) != null; ) {
            out.add(s);
        }
        return out;
    }

    @Test
    void turnsEscapedFieldsIntoSqlLiteralsByColumnKind() throws Exception {
        byte[] chunk = ("1\t\\N\t\\N\t\\N\n"
                + "2\t\\\\N\t\t283\n"
                + "3\ta\\tb\\nc\\\\d\\0e'f\\rg\u001a\t\\0\u00ff\\\\\t0\n"
                + "-1.5e3\tx\tz\t1\n").getBytes(StandardCharsets.ISO_8859_1);

        List<String> sql = transcode(chunk, 1 << 20);

        assertThat(sql).containsExactly("INSERT INTO `order` (`key`,`t``x`,`b`,`f`) VALUES (1,NULL,NULL,NULL),"
                + "(2,'\\\\N','',0x0283),"
                + "(3,'a\tb\\nc\\\\d\\0e\\'f\\rg\\Z',0x00FF5C,0x00),"
                + "(-1.5e3,'x',0x7A,0x01)");
    }

    @Test
    void quotesANumberColumnFieldThatIsNotANumber() throws Exception {
        List<String> sql = transcode("1);DROP TABLE x;--\ta\tb\t1\n".getBytes(StandardCharsets.ISO_8859_1), 1 << 20);
        assertThat(sql).singleElement().asString().contains("VALUES ('1);DROP TABLE x;--','a',");
    }

    @Test
    void splitsStatementsAtTheSizeLimitOnWholeRowsAndTracksLines() throws Exception {
        StringBuilder chunk = new StringBuilder();
        for (int i = 1; i <= 5; i++) {
            chunk.append(i).append("\tv\t\\N\t\\N\n");
        }
        LoadDataTranscoder t = new LoadDataTranscoder(new ByteArrayInputStream(chunk.toString().getBytes(StandardCharsets.UTF_8)),
                "c.tsv", "order", COLUMNS, 80);
        List<Long> firstLines = new ArrayList<>();
        long rows = 0;
        while (t.next() != null) {
            firstLines.add(t.firstLine());
            rows += t.rows();
        }
        assertThat(rows).isEqualTo(5);
        assertThat(firstLines).hasSizeGreaterThan(1).startsWith(1L);
    }

    @Test
    void namesTheLineWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> transcode("1\ta\tb\t1\n2\ta\tb\t1\textra\n".getBytes(StandardCharsets.UTF_8), 1 << 20))
                .isInstanceOf(DumpFormatException.class)
                .hasMessageContaining("c.tsv line 2 has more fields than the 4 columns");
    }
}
