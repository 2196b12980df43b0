package io.cutkit.mysql.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.RecreateOutcome;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcDatabaseRecreatorIT {

    private static DatabaseServer source;
    private static DatabaseServer target;
    private static String sourceDb;
    private String targetDb;

    @BeforeAll
    static void startServers() throws SQLException {
        source = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_0900_ai_ci").start();
        target = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_unicode_ci").start();
        sourceDb = source.createDatabase("Source");
        run(source, sourceDb, "CREATE TABLE leads (id INT PRIMARY KEY, ref VARCHAR(64), payload TEXT COLLATE utf8mb4_bin)");
        run(source, sourceDb, "CREATE TABLE `SequelizeMeta` (name VARCHAR(255) PRIMARY KEY)"
                + " CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci");
    }

    @AfterAll
    static void stopServers() {
        source.close();
        target.close();
    }

    @BeforeEach
    void targetWithATable() throws SQLException {
        targetDb = target.createDatabase("crm");
        run(target, targetDb, "CREATE TABLE old_data (id INT PRIMARY KEY)");
        run(target, targetDb, "INSERT INTO old_data VALUES (1), (2)");
    }

    @Test
    void surveyReadsDefaultsAndListsTablesAndColumnsThatDiffer() {
        CollationSurvey survey = JdbcDatabaseRecreator.survey(source.dataSource(null), sourceDb);

        assertThat(survey.database()).isEqualTo(new DatabaseSpec(sourceDb, "utf8mb4", "utf8mb4_0900_ai_ci"));
        assertThat(survey.differing()).containsExactly(
                new DifferingCollation("SequelizeMeta", Optional.empty(), "utf8mb3_unicode_ci", "utf8mb4_0900_ai_ci"),
                new DifferingCollation("leads", Optional.of("payload"), "utf8mb4_bin", "utf8mb4_0900_ai_ci"));
    }

    @Test
    void recreatesTargetWithSourceCollationOnServerWhoseDefaultDiffers() throws SQLException {
        DatabaseSpec like = JdbcDatabaseRecreator.survey(source.dataSource(null), sourceDb).database();

        RecreateOutcome outcome = recreator(false).recreateLike(like, targetDb);

        assertThat(outcome.droppedExisting()).isTrue();
        assertThat(outcome.dryRun()).isFalse();
        assertThat(outcome.created()).isEqualTo(new DatabaseSpec(targetDb, "utf8mb4", "utf8mb4_0900_ai_ci"));
        assertThat(schemaCollation(targetDb)).isEqualTo("utf8mb4_0900_ai_ci");
        assertThat(target.defaultCollation()).isEqualTo("utf8mb4_unicode_ci");
        assertThat(tableCount(targetDb)).isZero();
    }

    @Test
    void refdataImportedIntoRecreatedDatabaseKeepsItsCollationsOnServerWhoseDefaultDiffers() {
        String manifest = Refdata.manifest();
        DatabaseSpec refdataSpec = new DatabaseSpec("Optileads", manifestString(manifest, "characterSet"),
                manifestString(manifest, "collation"));
        String copy = "optileads_copy";
        JdbcDatabaseRecreator.builder().target(target.dataSource(null)).targetDatabase(copy).build()
                .recreateLike(refdataSpec, copy);
        try {
            Refdata.importInto(target, copy);

            CollationSurvey survey = JdbcDatabaseRecreator.survey(target.dataSource(null), copy);

            assertThat(survey.database()).isEqualTo(refdataSpec.renamed(copy));
            assertThat(survey.database().collation()).isNotEqualTo(target.defaultCollation());
            assertThat(survey.differing()).containsExactlyInAnyOrderElementsOf(expectedDiffering(manifest, refdataSpec.collation()));
        } finally {
            target.dropDatabase(copy);
        }
    }

    @Test
    void dryRunSaysWhatItWouldDoAndChangesNothing() throws SQLException {
        RecreateOutcome outcome = recreator(true).recreateLike(
                new DatabaseSpec("anything", "utf8mb4", "utf8mb4_0900_ai_ci"), targetDb);

        assertThat(outcome.dryRun()).isTrue();
        assertThat(outcome.summary()).contains("would drop `" + targetDb + "` (1 table(s), utf8mb4/utf8mb4_unicode_ci)")
                .contains("create `" + targetDb + "` with utf8mb4/utf8mb4_0900_ai_ci");
        assertTargetUntouched();
    }

    @Test
    void refusesAnotherDatabaseThanTheConfiguredTarget() throws SQLException {
        JdbcDatabaseRecreator recreator = JdbcDatabaseRecreator.builder()
                .target(target.dataSource(null)).targetDatabase("crm_staging").build();

        assertThatThrownBy(() -> recreator.recreateLike(new DatabaseSpec("x", "utf8mb4", "utf8mb4_bin"), targetDb))
                .isInstanceOf(TargetMismatchException.class)
                .hasMessageContaining("Refusing to drop `" + targetDb + "`")
                .hasMessageContaining("`crm_staging`");
        assertTargetUntouched();
    }

    @Test
    void refusesCollationTheServerLacksNamingTheClosestBeforeDroppingAnything() throws SQLException {
        DatabaseSpec mysqlOnly = new DatabaseSpec("src", "utf8mb4", "utf8mb4_ja_0900_as_cs");

        assertThatThrownBy(() -> recreator(false).recreateLike(mysqlOnly, targetDb))
                .isInstanceOfSatisfying(CollationUnavailableException.class, e -> {
                    assertThat(e.collation()).isEqualTo("utf8mb4_ja_0900_as_cs");
                    assertThat(e.closest()).contains("utf8mb4_0900_as_cs");
                    assertThat(e.serverVersion()).contains("11.4.5");
                })
                .hasMessageContaining("closest it has is utf8mb4_0900_as_cs");
        assertTargetUntouched();
    }

    @Test
    void refusesSystemDatabaseAsTarget() {
        assertThatThrownBy(() -> JdbcDatabaseRecreator.builder().target(target.dataSource(null)).targetDatabase("mysql").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("system database");
    }

    @Test
    void surveyOfMissingDatabaseSaysSo() {
        assertThatThrownBy(() -> JdbcDatabaseRecreator.survey(source.dataSource(null), "no_such_db"))
                .isInstanceOf(SchemaInspectionException.class)
                .hasMessageContaining("`no_such_db` does not exist");
    }

    /** The manifest's tables whose collation is not the database's, and its columns with their own collation. */
    private static List<DifferingCollation> expectedDiffering(String manifest, String databaseCollation) {
        List<DifferingCollation> expected = new ArrayList<>();
        Matcher tables = Pattern.compile("\"tableCollations\"\\s*:\\s*\\{([^}]*)\\}").matcher(manifest);
        assertThat(tables.find()).isTrue();
        Matcher pair = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\"([^\"]+)\"").matcher(tables.group(1));
        while (pair.find()) {
            if (!pair.group(2).equals(databaseCollation)) {
                expected.add(new DifferingCollation(pair.group(1), Optional.empty(), pair.group(2), databaseCollation));
            }
        }
        Matcher columns = Pattern.compile("\"columnsWithOwnCollation\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(manifest);
        assertThat(columns.find()).isTrue();
        Matcher column = Pattern.compile("\\{([^}]*)\\}").matcher(columns.group(1));
        while (column.find()) {
            String entry = column.group(1);
            expected.add(new DifferingCollation(manifestString(entry, "table"), Optional.of(manifestString(entry, "column")),
                    manifestString(entry, "collation"), manifestString(entry, "tableDefault")));
        }
        assertThat(expected).isNotEmpty();
        return expected;
    }

    private static String manifestString(String manifest, String key) {
        Matcher matcher = Pattern.compile("\"" + key + "\"\\s*:\\s*\"([^\"]+)\"").matcher(manifest);
        assertThat(matcher.find()).as("manifest has " + key).isTrue();
        return matcher.group(1);
    }

    private JdbcDatabaseRecreator recreator(boolean dryRun) {
        return JdbcDatabaseRecreator.builder().target(target.dataSource(null)).targetDatabase(targetDb).dryRun(dryRun).build();
    }

    private void assertTargetUntouched() throws SQLException {
        assertThat(schemaCollation(targetDb)).isEqualTo("utf8mb4_unicode_ci");
        try (Connection connection = target.connect(targetDb); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM old_data")) {
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }

    private static String schemaCollation(String db) throws SQLException {
        return query(target, "SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + db + "'");
    }

    private static int tableCount(String db) throws SQLException {
        return Integer.parseInt(query(target, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db + "'"));
    }

    private static String query(DatabaseServer server, String sql) throws SQLException {
        try (Connection connection = server.connect(null); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void run(DatabaseServer server, String db, String sql) throws SQLException {
        try (Connection connection = server.connect(db); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
