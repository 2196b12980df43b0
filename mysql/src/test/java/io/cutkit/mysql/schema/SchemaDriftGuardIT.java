package io.cutkit.mysql.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseExtension;
import io.cutkit.mysql.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DatabaseExtension.class)
class SchemaDriftGuardIT {

    private static TestDatabase refdata;
    /** The column migration 045 widened, its type before and now, and the rows that only fit the wide type: all from the manifest. */
    private static final String TABLE = Refdata.text("referenceId", "column").split("\\.")[0];
    private static final String COLUMN = Refdata.text("referenceId", "column").split("\\.")[1];
    private static final String NARROW = Refdata.text("referenceId", "typeBeforeMigration045");
    private static final String LIVE = Refdata.text("referenceId", "currentType");
    private static final long TOO_LONG = Refdata.number("referenceId", "longerThan32", "count");
    private static final long FIRST_TOO_LONG = Refdata.at("referenceId", "longerThan32", "leadIds").get(0).asLong();

    @BeforeAll
    static void importRefdata(TestDatabase db) {
        Refdata.importWithClient(db.server(), db.name());
        refdata = db;
    }

    @Test
    void flagsReferenceIdNarrowingWithRowCountAndFirstOffendingKeyFromLiveData() {
        DriftReport report = SchemaDriftGuard.of(refdata.dataSource(), refdata.name())
                .compareWith(ExpectedSchema.builder().column(TABLE, COLUMN, NARROW.toUpperCase(java.util.Locale.ROOT)).build());

        assertThat(report.narrowings()).singleElement().satisfies(narrowing -> {
            assertThat(narrowing.table()).isEqualTo(TABLE);
            assertThat(narrowing.live().length()).isEqualTo(Integer.parseInt(LIVE.replaceAll("\\D", "")));
            assertThat(narrowing.rowsThatDoNotFit()).isEqualTo(TOO_LONG);
            assertThat(narrowing.firstOffendingKey()).contains(String.valueOf(FIRST_TOO_LONG));
        });
        assertThat(report.otherDifferences()).isEmpty();
    }

    @Test
    void refusesDataLosingSchemaAndLeavesLiveColumnUntouched() throws SQLException {
        DriftReport report = SchemaDriftGuard.of(refdata.dataSource(), refdata.name())
                .compareWith(ExpectedSchema.builder().column(TABLE, COLUMN, NARROW).build());

        assertThatThrownBy(report::requireNoDataLoss)
                .isInstanceOf(NarrowingWouldLoseDataException.class)
                .hasMessageContaining(Refdata.quote(TABLE) + "." + Refdata.quote(COLUMN))
                .hasMessageContaining("first at primary key " + FIRST_TOO_LONG);
        assertThat(columnType(refdata, TABLE, COLUMN)).isEqualTo(LIVE);
    }

    @Test
    void wideningOrEqualTypesAreNotNarrowings() {
        DriftReport report = SchemaDriftGuard.of(refdata.dataSource(), refdata.name())
                .compareWith(ExpectedSchema.builder()
                        .column(TABLE, COLUMN, LIVE)
                        .column(TABLE, "status", "VARCHAR(100)")
                        .column(TABLE, "id", "BIGINT")
                        .build());

        assertThat(report.narrowings()).isEmpty();
        assertThat(report.otherDifferences()).extracting(ColumnDifference::column).containsExactlyInAnyOrder("status", "id");
        report.requireNoDataLoss();
    }

    @Test
    void comparesWithDatabaseBuiltFromMigrationsAcrossTypeFamilies(TestDatabase live, TestDatabase migrated)
            throws SQLException {
        try (Connection connection = live.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE `order` (`key` INT PRIMARY KEY, amount DECIMAL(10,2), qty INT,"
                    + " body MEDIUMTEXT, label VARCHAR(20) CHARACTER SET utf8mb4, extra INT) DEFAULT CHARSET=utf8mb4");
            statement.execute("INSERT INTO `order` VALUES"
                    + " (1, 12.50, 5, 'short', 'plain', 0),"
                    + " (2, 123456.78, 300, REPEAT('x', 70000), 'emoji \uD83D\uDE00', 0),"
                    + " (3, 1.25, 127, 'ok', 'caf\u00e9', 0),"
                    + " (4, 99999.99, -200, 'ok', 'smile \uD83D\uDE00', 0)");
        }
        try (Connection connection = migrated.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE `order` (`key` INT PRIMARY KEY, amount DECIMAL(6,1), qty TINYINT,"
                    + " body TEXT, label VARCHAR(20) CHARACTER SET utf8mb3, missing_live INT)");
        }

        DriftReport report = SchemaDriftGuard.of(live.dataSource(), live.name())
                .compareWith(ExpectedSchema.fromDatabase(migrated.dataSource(), migrated.name()));

        assertThat(report.narrowings()).extracting(ColumnNarrowing::column)
                .containsExactly("amount", "qty", "body", "label");
        // amount: 123456.78 has six integer digits, 1.25 and 99999.99 lose their second decimal
        assertThat(report.narrowings().get(0).rowsThatDoNotFit()).isEqualTo(3);
        assertThat(report.narrowings().get(0).firstOffendingKey()).contains("2");
        // qty: 300 and -200 are outside TINYINT
        assertThat(report.narrowings().get(1).rowsThatDoNotFit()).isEqualTo(2);
        // body: one value of 70000 bytes is over TEXT's 65535
        assertThat(report.narrowings().get(2).rowsThatDoNotFit()).isEqualTo(1);
        assertThat(report.narrowings().get(2).firstOffendingKey()).contains("2");
        // label: two values hold an emoji that utf8mb3 cannot store; 'café' can be stored
        assertThat(report.narrowings().get(3).rowsThatDoNotFit()).isEqualTo(2);
        assertThat(report.narrowings().get(3).reasons()).singleElement().asString().contains("utf8mb4 -> utf8mb3");
        assertThat(report.otherDifferences()).extracting(ColumnDifference::column)
                .containsExactlyInAnyOrder("missing_live", "extra");
    }

    @Test
    void missingLiveDatabaseGetsAClearError() {
        assertThatThrownBy(() -> SchemaDriftGuard.of(refdata.dataSource(), "no_such_database_here")
                .compareWith(ExpectedSchema.builder().column("t", "c", "INT").build()))
                .isInstanceOf(SchemaInspectionException.class)
                .hasMessageContaining("no_such_database_here");
    }

    private static String columnType(TestDatabase db, String table, String column) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COLUMN_TYPE FROM information_schema.COLUMNS"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = '" + column + "'")) {
            rows.next();
            return rows.getString(1);
        }
    }
}
