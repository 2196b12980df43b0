package io.cutkit.mysql.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ColumnTypeTest {

    @Test
    void parsesInformationSchemaSpellings() {
        ColumnType varchar = ColumnType.parse("varchar(64)", "utf8mb4");
        assertThat(varchar.dataType()).isEqualTo("varchar");
        assertThat(varchar.length()).isEqualTo(64);
        assertThat(varchar.characterSet()).contains("utf8mb4");
        ColumnType integer = ColumnType.parse("int(11) unsigned");
        assertThat(integer.unsigned()).isTrue();
        assertThat(integer.maximum()).isEqualTo(BigInteger.valueOf(4_294_967_295L));
        ColumnType decimal = ColumnType.parse("decimal(10,2)");
        assertThat(decimal.length()).isEqualTo(10);
        assertThat(decimal.scale()).isEqualTo(2);
    }

    @Test
    void parsesDeclaredCharacterSetAndReadsUtf8AsUtf8mb3() {
        ColumnType type = ColumnType.parse("VARCHAR(32) CHARACTER SET utf8 COLLATE utf8_bin");
        assertThat(type.characterSet()).isEqualTo(Optional.of("utf8mb3"));
        assertThat(type.characterCapacity()).isEqualTo(32);
    }

    @Test
    void textTypesHaveByteCapacities() {
        assertThat(ColumnType.parse("mediumtext").byteCapacity()).isEqualTo(16_777_215L);
        assertThat(ColumnType.parse("TINYBLOB").byteCapacity()).isEqualTo(255L);
        assertThat(ColumnType.parse("signed tinyint").isInteger()).isFalse();
        assertThat(ColumnType.parse("tinyint").minimum()).isEqualTo(BigInteger.valueOf(-128));
    }

    @Test
    void refusesTextThatIsNotAType() {
        assertThatThrownBy(() -> ColumnType.parse("(32)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VARCHAR(32)");
    }
}
