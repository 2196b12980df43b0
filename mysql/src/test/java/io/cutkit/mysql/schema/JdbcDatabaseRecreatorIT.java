package io.cutkit.mysql.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import io.cutkit.core.data.DatabaseSpec;
import io.cutkit.core.data.RecreateOutcome;
import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        String other = "utf8mb4_unicode_ci".equals(Refdata.text("database", "collation")) ? "utf8mb4_general_ci" : "utf8mb4_unicode_ci";
        target = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation(other).start();
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
        DatabaseSpec refdataSpec = new DatabaseSpec(Refdata.databaseName(), Refdata.text("database", "characterSet"),
                Refdata.text("database", "collation"));
        String copy = "refdata_copy";
        JdbcDatabaseRecreator.builder().target(target.dataSource(null)).targetDatabase(copy).build()
                .recreateLike(refdataSpec, copy);
        try {
            Refdata.importWithClient(target, copy);

            CollationSurvey survey = JdbcDatabaseRecreator.survey(target.dataSource(null), copy);

            assertThat(survey.database()).isEqualTo(refdataSpec.renamed(copy));
            assertThat(survey.database().collation()).isNotEqualTo(target.defaultCollation());
            assertThat(survey.differing()).containsExactlyInAnyOrderElementsOf(expectedDiffering(refdataSpec.collation()));
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
    private static List<DifferingCollation> expectedDiffering(String databaseCollation) {
        List<DifferingCollation> expected = new ArrayList<>();
        Refdata.at("database", "tableCollations").properties().forEach(table -> {
            if (!table.getValue().asString().equals(databaseCollation)) {
                expected.add(new DifferingCollation(table.getKey(), Optional.empty(), table.getValue().asString(), databaseCollation));
            }
        });
        for (JsonNode column : Refdata.at("database", "columnsWithOwnCollation")) {
            expected.add(new DifferingCollation(column.path("table").asString(), Optional.of(column.path("column").asString()),
                    column.path("collation").asString(), column.path("tableDefault").asString()));
        }
        assertThat(expected).isNotEmpty();
        return expected;
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
