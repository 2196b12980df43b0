package io.cutkit.mysql.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.testing.DatabaseExtension;
import io.cutkit.mysql.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabaseExtension.class)
class CanonicalEncodingIT {

    private static final String COLUMNS = "(`key` VARCHAR(20) PRIMARY KEY, f FLOAT, d DOUBLE, n DECIMAL(12,4), ts TIMESTAMP(3) NULL,"
            + " dt DATETIME(6), b BIT(5), bin VARBINARY(16), t TEXT, e ENUM('x','y'))";
    private static final String ROWS = "INSERT INTO `select` VALUES"
            + " ('a', 0.1, 1e300, 12.3400, '2024-03-01 10:00:00.125', '2024-03-01 10:00:00.000001', b'10101', 0x00FF10, 'caf\u00e9 \uD83D\uDE00', 'y'),"
            + " ('B', -2.5, NULL, -0.0001, NULL, '1999-12-31 23:59:59', b'0', '', '', 'x')";

    @Test
    void sameRowsInDifferentCollationsAndSessionTimeZonesMatch(TestDatabase left, TestDatabase right) throws SQLException {
        run(left, "SET time_zone = '+00:00'", "CREATE TABLE `select` " + COLUMNS + " COLLATE utf8mb4_unicode_ci", ROWS);
        run(right, "SET time_zone = '+00:00'", "CREATE TABLE `select` " + COLUMNS + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", ROWS);

        VerificationReport report = DatabaseVerifier.builder().parallelism(1).build()
                .compare(left.dataSource(), left.name(), right.dataSource(), right.name());

        assertThat(report.matches()).as(report.toText()).isTrue();
        assertThat(report.tables()).singleElement().extracting(TableComparison::sourceRows).isEqualTo(2L);
    }

    @Test
    void oneBitOfDifferenceInABinaryValueIsFoundByStringKey(TestDatabase left, TestDatabase right) throws SQLException {
        run(left, "CREATE TABLE `select` " + COLUMNS, ROWS);
        run(right, "CREATE TABLE `select` " + COLUMNS, ROWS, "UPDATE `select` SET bin = 0x00FF11 WHERE `key` = 'a'");

        VerificationReport report = DatabaseVerifier.builder().build()
                .compare(left.dataSource(), left.name(), right.dataSource(), right.name());

        assertThat(report.differences()).singleElement().satisfies(table -> {
            assertThat(table.verdict()).isEqualTo(TableComparison.Verdict.CONTENT_DIFFERS);
            assertThat(table.firstDifferingKey()).contains("a");
        });
    }

    private static void run(TestDatabase db, String... sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            for (String each : sql) {
                statement.execute(each);
            }
        }
    }
}
