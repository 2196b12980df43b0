package io.cutkit.mysql.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClosestCollationTest {

    private static final List<String> MARIADB_10_6 = List.of("utf8mb4_general_ci", "utf8mb4_bin", "utf8mb4_unicode_ci",
            "utf8mb4_unicode_520_ci", "utf8mb4_german2_ci", "utf8mb4_general_nopad_ci", "utf8mb4_unicode_520_nopad_ci",
            "latin1_swedish_ci");

    @Test
    void mysql8DefaultOnOldMariaDbMapsToNewestAccentInsensitiveUnicodeCollation() {
        assertThat(ClosestCollation.among("utf8mb4_0900_ai_ci", "utf8mb4", MARIADB_10_6)).contains("utf8mb4_unicode_520_ci");
    }

    @Test
    void caseSensitiveCollationMapsToACaseSensitiveOne() {
        assertThat(ClosestCollation.among("utf8mb4_0900_as_cs", "utf8mb4", MARIADB_10_6)).contains("utf8mb4_bin");
    }

    @Test
    void mariaDbUca1400MapsToMysql0900OfSameSensitivity() {
        List<String> mysql84 = List.of("utf8mb4_0900_ai_ci", "utf8mb4_0900_as_cs", "utf8mb4_0900_as_ci",
                "utf8mb4_unicode_ci", "utf8mb4_bin", "utf8mb4_general_ci");
        assertThat(ClosestCollation.among("utf8mb4_uca1400_as_ci", "utf8mb4", mysql84)).contains("utf8mb4_0900_as_ci");
    }

    @Test
    void nothingForACharacterSetTheServerLacks() {
        assertThat(ClosestCollation.among("utf16_general_ci", "utf16", MARIADB_10_6)).isEmpty();
    }
}
