package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.core.data.ImportOutcome;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loads scripts written here with the real {@code mariadb} client into one database and with
 * {@link JdbcSnapshotImporter} into another, on a server with grant tables, and finds both databases
 * identical: schema, collations, views, triggers, routines with their bodies byte for byte, events,
 * grants and every table's content.
 */
class ClientParityIT {

    private static DatabaseServer server;
    private static ServerAddress address;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        server = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_unicode_ci").grantTables(true).start();
        address = ServerAddress.of(server.jdbcUrl(""), server.user(), server.password());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "DELIMITER {0} with {1} line ends")
    @CsvSource({"//, LF", "$$, LF", ";;, LF", "|, LF", "~~, LF", "GO, LF", "END_PROC, LF", "//, CRLF", "$$, CRLF"})
    void loadsEveryDelimiterFormLikeTheClient(String delimiter, String lineEnds) throws Exception {
        String script = script(delimiter);
        Path file = tmp.resolve("script.sql");
        Files.write(file, ("CRLF".equals(lineEnds) ? script.replace("\n", "\r\n") : script).getBytes(StandardCharsets.UTF_8));
        String byClient = server.createDatabase("by_client");
        String byCutkit = server.createDatabase("by_cutkit");

        MariaDbClient.Result client = MariaDbClient.load(server, file, byClient);
        assertThat(client.exitCode()).as(client.output()).isZero();
        JdbcSnapshotImporter.builder(address).workers(2).build().importPath(file, byCutkit);

        try (Connection c = server.connect("")) {
            Map<String, String> expected = DatabaseFingerprint.of(c, byClient);
            assertThat(expected).containsKeys("table parity_t", "view parity_v", "trigger parity_tr",
                    "routine PROCEDURE parity_p", "routine FUNCTION parity_f", "event parity_e", "rows parity_log");
            assertThat(expected.get("routine PROCEDURE parity_p")).contains("SET y = x + 1;");
            assertThat(expected.get("table parity_t")).contains("KEY `parity_name`").doesNotContain("parity_tmp");
            assertThat(DatabaseFingerprint.of(c, byCutkit)).isEqualTo(expected);
        }
    }

    @Test
    void loadsTheTableOfATriggerCreatedBeforeItsDataWithTheTriggerFiringLikeTheClient() throws Exception {
        StringBuilder script = new StringBuilder("""
                CREATE TABLE audited (id INT PRIMARY KEY, v INT);
                CREATE TABLE audit_log (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(40));
                CREATE TABLE plain (id INT PRIMARY KEY);
                CREATE TRIGGER audited_ai AFTER INSERT ON audited FOR EACH ROW
                  INSERT INTO audit_log (msg) VALUES (CONCAT('insert ', NEW.id));
                INSERT INTO plain VALUES (1), (2);
                """);
        for (int i = 0; i < 40; i++) {
            script.append("INSERT INTO audited VALUES (").append(2 * i).append(", 1), (").append(2 * i + 1).append(", 2);\n");
            script.append("INSERT INTO plain VALUES (").append(i + 10).append(");\n");
        }
        script.append("CREATE TRIGGER audited_au AFTER UPDATE ON audited FOR EACH ROW INSERT INTO audit_log (msg) VALUES ('update');\n")
                .append("UPDATE audited SET v = v + 1 WHERE id < 5;\n");

        ImportOutcome outcome = assertLoadsLikeTheClient(script.toString(), 2);

        assertThat(outcome.warnings()).anyMatch(w -> w.startsWith("`audited` loaded with its triggers in place"))
                .noneMatch(w -> w.startsWith("`plain`"));
    }

    @Test
    void numbersTheRowsWhoseAutoIncrementValueTheServerGeneratesInFileOrderLikeTheClient() throws Exception {
        StringBuilder script = new StringBuilder("CREATE TABLE numbered (id INT AUTO_INCREMENT PRIMARY KEY, batch INT, note VARCHAR(20));\n"
                + "CREATE TABLE listed (id INT PRIMARY KEY, v INT);\n");
        for (int i = 0; i < 30; i++) {
            script.append("INSERT INTO listed VALUES (").append(i).append(", ").append(i * 7).append(");\n");
        }
        for (int i = 0; i < 30; i++) {
            script.append(switch (i % 5) {
                case 0 -> "INSERT INTO numbered (batch, note) VALUES (" + i + ", 'a, (b)'), (" + i + ", 'c');\n";
                case 1 -> "INSERT INTO numbered VALUES (NULL, " + i + ", 'it''s'), (/*!40000 0 */, " + i + ", NULL);\n";
                case 2 -> "INSERT INTO numbered VALUES (" + (1000 + 10 * i) + ", " + i + ", 'given');\n";
                case 3 -> "INSERT INTO numbered SET batch = " + i + ", note = 'set';\n";
                default -> "INSERT INTO `numbered` (`note`, `id`, `batch`) VALUES ('x', DEFAULT, " + i + "), ('y', '0', " + i + ");\n";
            });
        }
        assertLoadsLikeTheClient(script.toString(), 4);
    }

    @Test
    void givesUserVariablesTheValuesOfTheStatementsBeforeThemLikeTheClient() throws Exception {
        StringBuilder script = new StringBuilder("CREATE TABLE owner (id INT AUTO_INCREMENT PRIMARY KEY, label VARCHAR(30));\n"
                + "CREATE TABLE pet (id INT AUTO_INCREMENT PRIMARY KEY, owner_id INT, legs INT);\n");
        for (int i = 0; i < 12; i++) {
            script.append("INSERT INTO owner (label) VALUES ('owner ").append(i).append("');\n")
                    .append("SET @owner = LAST_INSERT_ID();\n")
                    .append("INSERT INTO pet (owner_id, legs) VALUES (@owner, 4), (@owner, 2);\n");
        }
        script.append("SET @legs := (SELECT SUM(legs) FROM pet);\n")
                .append("INSERT INTO owner (label) VALUES (CONCAT('legs ', @legs));\n")
                .append("SELECT COUNT(*) INTO @owners FROM owner;\n")
                .append("INSERT INTO pet (owner_id, legs) VALUES (@owners, 0), (LAST_INSERT_ID(), 1);\n");

        ImportOutcome outcome = assertLoadsLikeTheClient(script.toString(), 4);

        assertThat(outcome.warnings()).anyMatch(w -> w.startsWith("line 4: the script sets a user variable"));
    }

    @Test
    void undoesTheRowsATransactionRollsBackLikeTheClient() throws Exception {
        StringBuilder script = new StringBuilder("CREATE TABLE ledger (id INT PRIMARY KEY, amount INT);\n");
        for (int i = 0; i < 20; i++) {
            script.append(i % 4 == 0 ? "START TRANSACTION;\n" : "")
                    .append("INSERT INTO ledger VALUES (").append(i).append(", ").append(i * 10).append(");\n")
                    .append(i % 4 == 3 ? (i % 8 == 3 ? "ROLLBACK;\n" : "COMMIT;\n") : "");
        }

        assertLoadsLikeTheClient(script.toString(), 4);
    }

    @Test
    void loadsTheFilesItsLoadDataLocalStatementsNameFromTheScriptsDirectoryLikeTheClient() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("with data"));
        Files.writeString(dir.resolve("animals.txt"), "cat\t4\tmeows\nbird\t2\t\\N\nsnake\t0\tsays \"hi\"\n");
        Files.writeString(dir.resolve("more.csv"), "id,name\n1,\"Smith, Jo\"\n2,Lee\n");
        Path script = dir.resolve("load.sql");
        Files.writeString(script, """
                CREATE TABLE animal (name VARCHAR(20), legs INT, note VARCHAR(20));
                LOAD DATA LOCAL INFILE 'animals.txt' INTO TABLE animal;
                INSERT INTO animal VALUES ('fish', 0, NULL);
                CREATE TABLE person (id INT PRIMARY KEY, name VARCHAR(30));
                LOAD DATA LOCAL INFILE './more.csv' INTO TABLE person FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"'
                  IGNORE 1 LINES (id, name);
                """);

        ImportOutcome outcome = assertLoadsLikeTheClient(script, 2);

        assertThat(outcome.rows()).isEqualTo(6);
    }

    @Test
    void refusesALoadDataLocalFileOutsideTheScriptsDirectoryAndChangesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("scripts"));
        Path outside = Files.writeString(tmp.resolve("private.txt"), "secret\n");
        String target = server.createDatabase("by_cutkit");
        for (String name : new String[] {"../private.txt", outside.toString()}) {
            Path script = Files.writeString(dir.resolve("load.sql"), "CREATE TABLE leak (v VARCHAR(40));\n"
                    + "LOAD DATA LOCAL INFILE '" + name + "' INTO TABLE leak;\n");

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcSnapshotImporter.builder(address).build()
                            .importPath(script, target))
                    .isInstanceOf(StatementFailedException.class).hasMessageContaining("outside the script's directory")
                    .hasMessageEndingWith("the target `" + target + "` is unchanged");
        }
        try (Connection c = server.connect(target); java.sql.ResultSet rs = c.getMetaData().getTables(target, null, "%", null)) {
            assertThat(rs.next()).as("tables in the target").isFalse();
        }
    }

    @Test
    void dropsTheRowsAScriptLeavesUncommittedWithAutocommitOffLikeTheClientsExit() throws Exception {
        StringBuilder script = new StringBuilder("SET autocommit = 0;\nCREATE TABLE journal (id INT PRIMARY KEY, v INT);\n");
        for (int i = 0; i < 20; i++) {
            script.append("INSERT INTO journal VALUES (").append(i).append(", 1);\n").append(i == 9 ? "COMMIT;\n" : "");
        }
        script.append("UPDATE journal SET v = 2;\n");

        ImportOutcome outcome = assertLoadsLikeTheClient(script.toString(), 4);

        assertThat(outcome.warnings()).anyMatch(w -> w.startsWith("line 14: "));
    }

    @Test
    void keepsTheRowTheClientKeepsWhenLaterRowsRepeatAKey() throws Exception {
        StringBuilder script = new StringBuilder("CREATE TABLE kept (k INT PRIMARY KEY, v INT, n INT DEFAULT 0);\n"
                + "CREATE TABLE filler (id INT PRIMARY KEY, pad VARCHAR(100));\n");
        int fill = 0;
        for (int i = 0; i < 40; i++) {
            int key = i % 3;
            for (int statement = 0; statement < 2; statement++) { // keeps the workers unevenly busy
                script.append("INSERT INTO filler VALUES ");
                for (int r = 0; r < 400; r++, fill++) {
                    script.append(r == 0 ? "" : ",").append("(").append(fill).append(", REPEAT('p', 90))");
                }
                script.append(";\n");
            }
            script.append(switch (i % 3) {
                case 0 -> "REPLACE INTO kept VALUES (" + key + ", " + i + ", 0);\n";
                case 1 -> "INSERT IGNORE INTO kept VALUES (" + key + ", " + i + ", 0), (" + (key + 3) + ", " + i + ", 0);\n";
                default -> "INSERT INTO kept (k, v) VALUES (" + key + ", " + i + ") ON DUPLICATE KEY UPDATE n = n * 2 + v, v = "
                        + i + ";\n";
            });
        }
        assertLoadsLikeTheClient(script.toString(), 4);
    }

    @Test
    void replacesEverythingTheTargetHeldWhenTheScriptDropsItsDatabaseLikeTheClient() throws Exception {
        String byClient = server.createDatabase("by_client");
        String byCutkit = server.createDatabase("by_cutkit");
        fillWithEarlierContent(byClient);
        fillWithEarlierContent(byCutkit);
        Path file = tmp.resolve("recreate.sql");
        Files.writeString(file, recreatingScript(byClient, "", ""));

        MariaDbClient.Result client = MariaDbClient.load(server, file, null);
        assertThat(client.exitCode()).as(client.output()).isZero();
        JdbcSnapshotImporter.builder(address).workers(2).build().importPath(file, byCutkit);

        try (Connection c = server.connect("")) {
            Map<String, String> expected = DatabaseFingerprint.of(c, byClient);
            assertThat(expected).containsKeys("table reused", "view fresh_view").doesNotContainKeys("table untouched",
                    "view old_view", "routine PROCEDURE old_proc", "trigger old_trigger");
            assertThat(DatabaseFingerprint.of(c, byCutkit)).isEqualTo(expected);
        }
    }

    @Test
    void givesTheTargetTheCharacterSetOfTheDatabaseTheScriptDropsAndCreatesLikeTheClient() throws Exception {
        String byClient = server.createDatabase("by_client");
        String byCutkit = server.createDatabase("by_cutkit");
        Path file = tmp.resolve("recreate.sql");
        Files.writeString(file, recreatingScript(byClient, " DEFAULT CHARACTER SET latin1", ""));

        MariaDbClient.Result client = MariaDbClient.load(server, file, null);
        assertThat(client.exitCode()).as(client.output()).isZero();
        JdbcSnapshotImporter.builder(address).workers(2).build().importPath(file, byCutkit);

        try (Connection c = server.connect("")) {
            Map<String, String> expected = DatabaseFingerprint.of(c, byClient);
            assertThat(expected.get("table reused")).contains("latin1");
            assertThat(DatabaseFingerprint.of(c, byCutkit)).isEqualTo(expected);
        }
    }

    @Test
    void leavesEverythingTheTargetHeldWhenAScriptThatDropsItsDatabaseFails() throws Exception {
        String target = server.createDatabase("by_cutkit");
        fillWithEarlierContent(target);
        Path file = tmp.resolve("recreate.sql");
        Files.writeString(file, recreatingScript(target, "", "INSERT INTO reused VALUES (3, 'again');\n"));
        Map<String, String> before;
        try (Connection c = server.connect("")) {
            before = DatabaseFingerprint.of(c, target);
        }

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> JdbcSnapshotImporter.builder(address).workers(2).build().importPath(file, target))
                .hasMessageContaining("Duplicate entry");

        try (Connection c = server.connect("")) {
            assertThat(DatabaseFingerprint.of(c, target)).isEqualTo(before).containsKeys("table untouched",
                    "routine PROCEDURE old_proc", "trigger old_trigger", "view old_view");
        }
    }

    private static void fillWithEarlierContent(String database) throws Exception {
        try (Connection c = server.connect(database); java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE TABLE reused (id INT PRIMARY KEY, note VARCHAR(20))");
            st.execute("INSERT INTO reused VALUES (1, 'earlier'), (2, 'earlier')");
            st.execute("CREATE TABLE untouched (id INT)");
            st.execute("INSERT INTO untouched VALUES (7)");
            st.execute("CREATE VIEW old_view AS SELECT id FROM untouched");
            st.execute("CREATE PROCEDURE old_proc() SELECT 1");
            st.execute("CREATE TRIGGER old_trigger BEFORE INSERT ON reused FOR EACH ROW SET NEW.note = 'by trigger'");
        }
    }

    /** A script as MySQL Workbench writes them: drop and create the schema, then CREATE TABLE IF NOT EXISTS. */
    private static String recreatingScript(String database, String options, String more) {
        return "DROP SCHEMA IF EXISTS `" + database + "`;\nCREATE SCHEMA IF NOT EXISTS `" + database + "`" + options
                + ";\nUSE `" + database
                + "`;\nCREATE TABLE IF NOT EXISTS `" + database + "`.`reused` (id INT PRIMARY KEY, note VARCHAR(20));\n"
                + "INSERT INTO reused VALUES (3, 'new');\nCREATE VIEW fresh_view AS SELECT id FROM reused;\n" + more;
    }

    @Test
    void runsStatementsReadingTheLoadedRowsAfterTheParallelInsertsBeforeThemLikeTheClient() throws Exception {
        // read committed: a query sees no uncommitted row and so does not wait on the workers' locks
        StringBuilder script = new StringBuilder("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;\n"
                + "CREATE TABLE counted (id INT PRIMARY KEY, v INT, pad VARCHAR(200));\n"
                + "CREATE TABLE counted_copy (id INT PRIMARY KEY, v INT);\n");
        for (int batch = 0; batch < 3; batch++) {
            for (int i = 0; i < 150; i++) {
                script.append("INSERT INTO counted VALUES ");
                for (int r = 0; r < 20; r++) {
                    int id = (batch * 150 + i) * 20 + r;
                    script.append(r == 0 ? "" : ",").append("(").append(id).append(", 0, REPEAT('x', 150))");
                }
                script.append(";\n");
            }
            script.append("INSERT INTO counted_copy SELECT id, v FROM counted WHERE id % 10 = ").append(batch).append(";\n");
            int lastId = (batch + 1) * 150 * 20 - 1;
            script.append("UPDATE counted SET v = v + 10 WHERE id = ").append(lastId).append(";\n");
            script.append("DELETE FROM counted WHERE id = ").append(lastId - 1).append(";\n");
            script.append("UPDATE counted SET v = v + 1;\n");
        }
        for (int i = 0; i < 50; i++) {
            script.append("INSERT INTO counted_copy VALUES (").append(-1 - i).append(", 0);\n");
        }
        script.append("CREATE TABLE counted_total AS SELECT COUNT(*) AS n, SUM(v) AS v FROM counted_copy;\n");

        assertLoadsLikeTheClient(script.toString(), 4);
    }

    @Test
    void pointsNamesQualifiedWithTheScriptsDatabaseAtTheTargetLikeTheClientsLoadUnderItsOwnName() throws Exception {
        String byClient = server.createDatabase("parity_shop");
        String byCutkit = server.createDatabase("parity_copy");
        Path file = loadQualifiedScriptWithTheClient(byClient);

        ImportOutcome outcome = JdbcSnapshotImporter.builder(address).workers(2).build().importPath(file, byCutkit);

        try (Connection c = server.connect("")) {
            Map<String, String> expected = DatabaseFingerprint.of(c, byClient);
            assertThat(expected.get("routine FUNCTION order_count")).contains("<db>.orders", "`<db>`.`orders`");
            assertThat(expected.get("table orders")).contains("KEY `orders_total`");
            assertThat(DatabaseFingerprint.of(c, byCutkit)).isEqualTo(expected);
        }
        assertThat(outcome.warnings()).anyMatch(w -> w.contains("CREATE INDEX `orders_total`: 1 name(s) qualified with `" + byClient
                        + "` now name the target `" + byCutkit + "`"))
                .anyMatch(w -> w.contains("CREATE VIEW `order_totals`: 1 name(s)"))
                .anyMatch(w -> w.contains("CREATE FUNCTION `order_count`: 2 name(s)"))
                .anyMatch(w -> w.contains("CREATE TRIGGER `orders_ai`: 1 name(s)"))
                .anyMatch(w -> w.contains("CREATE EVENT `orders_purge`: 1 name(s)"));
    }

    @Test
    void keepsQualifiedNamesAsWrittenWhenAskedAndSaysTheImportIsNotIdentical() throws Exception {
        String byClient = server.createDatabase("parity_shop");
        String byCutkit = server.createDatabase("parity_copy");
        Path file = loadQualifiedScriptWithTheClient(byClient);

        ImportOutcome outcome = JdbcSnapshotImporter.builder(address).keepQualifiers(true).build().importPath(file, byCutkit);

        try (Connection c = server.connect("")) {
            Map<String, String> copy = DatabaseFingerprint.of(c, byCutkit);
            assertThat(copy.get("view order_totals")).contains("`" + byClient + "`.`orders`");
            assertThat(copy.get("table orders")).contains("KEY `orders_total`");
        }
        assertThat(outcome.warnings()).anyMatch(w -> w.contains("CREATE VIEW `order_totals` keeps 1 name(s) qualified with `"
                + byClient + "` as written") && w.endsWith("the import is not identical to the script's database"))
                .noneMatch(w -> w.contains("CREATE VIEW `order_totals`: 1 name(s)"));
    }

    @Test
    void loadsADataScriptIntoTheTablesAnEarlierSchemaScriptCreatedWithTheirTriggersFiringLikeTheClient() throws Exception {
        Path schema = scriptFile("schema.sql", SCHEMA_SCRIPT);
        Path data = scriptFile("data.sql", DATA_SCRIPT);
        String byClient = loadedByTheClient(schema, data);
        String byCutkit = server.createDatabase("by_cutkit");
        JdbcSnapshotImporter importer = JdbcSnapshotImporter.builder(address).workers(3).build();

        importer.importPath(schema, byCutkit);
        ImportOutcome outcome = importer.importPath(data, byCutkit);

        try (Connection c = server.connect("")) {
            Map<String, String> expected = DatabaseFingerprint.of(c, byClient);
            assertThat(DatabaseFingerprint.of(c, byCutkit)).isEqualTo(expected);
            try (java.sql.Statement st = c.createStatement();
                    java.sql.ResultSet rs = st.executeQuery("SELECT (SELECT COUNT(*) FROM `" + byCutkit + "`.film_text),"
                            + " (SELECT GROUP_CONCAT(name ORDER BY id) FROM `" + byCutkit + "`.customer)")) {
                rs.next();
                assertThat(rs.getInt(1)).as("rows the schema's trigger wrote").isEqualTo(3);
                assertThat(rs.getString(2)).startsWith("kept from the schema,before the trigger,after the trigger");
            }
        }
        assertThat(outcome.rows()).isPositive();
        assertThat(outcome.warnings()).anyMatch(w -> w.contains("loaded with its triggers in place"));
    }

    @Test
    void loadsASchemaScriptAgainOverTheTablesItCreatedWithTheirNamedForeignKeysLikeTheClient() throws Exception {
        Path schema = scriptFile("schema.sql", SCHEMA_SCRIPT);
        Path data = scriptFile("data.sql", DATA_SCRIPT);
        String byClient = loadedByTheClient(schema, data, schema);
        String byCutkit = server.createDatabase("by_cutkit");
        JdbcSnapshotImporter importer = JdbcSnapshotImporter.builder(address).workers(2).build();

        for (Path script : new Path[] {schema, data, schema}) {
            importer.importPath(script, byCutkit);
        }

        try (Connection c = server.connect("")) {
            Map<String, String> expected = DatabaseFingerprint.of(c, byClient);
            assertThat(expected.get("table film_actor")).contains("CONSTRAINT `fk_film_actor_film`");
            assertThat(DatabaseFingerprint.of(c, byCutkit)).isEqualTo(expected);
            assertThat(DatabaseFingerprint.of(c, byCutkit).keySet()).noneMatch(k -> k.contains("cutkit"));
        }
    }

    @Test
    void followsSourceCommandsIntoTheFilesTheyNameLikeTheClientRunFromTheScriptsDirectory() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sample"));
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("main.sql"), """
                CREATE TABLE dept (no CHAR(4) PRIMARY KEY, name VARCHAR(40));
                CREATE TABLE emp (id INT PRIMARY KEY, dept CHAR(4), FOREIGN KEY (dept) REFERENCES dept (no));
                SELECT 'LOADING dept' AS 'INFO';
                source data/load_dept.dump ;
                \\. data/load_emp.dump
                SOURCE data/tail.sql; INSERT INTO emp VALUES (9, 'd002');
                """);
        Files.writeString(dir.resolve("data/load_dept.dump"), "INSERT INTO `dept` VALUES ('d001','Marketing'),\n('d002','Finance');\n");
        Files.writeString(dir.resolve("data/load_emp.dump"), "INSERT INTO `emp` VALUES (1,'d001'),(2,'d002');\n"
                + "source data/nested.sql\n");
        Files.writeString(dir.resolve("data/nested.sql"), "DELIMITER //\nCREATE PROCEDURE emp_count() BEGIN SELECT COUNT(*) FROM emp; END//\n"
                + "DELIMITER ;\nINSERT INTO emp VALUES (3, 'd001');\n");
        Files.writeString(dir.resolve("data/tail.sql"), "UPDATE dept SET name = CONCAT(name, ' (', (SELECT COUNT(*) FROM emp e WHERE e.dept = no), ')');\n");

        ImportOutcome outcome = assertLoadsLikeTheClient(dir.resolve("main.sql"), 2);

        assertThat(outcome.rows()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void refusesAScriptWhoseSourcedFileIsMissingBeforeChangingAnything() throws Exception {
        Path file = tmp.resolve("main.sql");
        Files.writeString(file, "CREATE TABLE t (id INT PRIMARY KEY);\nsource missing.dump ;\n");
        String target = server.createDatabase("by_cutkit");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcSnapshotImporter.builder(address).build().importPath(file, target))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessageContaining("line 2: source missing.dump: cannot read").hasMessageContaining("missing.dump");
        try (Connection c = server.connect(target); java.sql.ResultSet rs = c.getMetaData().getTables(target, null, "%", null)) {
            assertThat(rs.next()).as("tables in the target").isFalse();
        }
    }

    @Test
    void refusesADisableKeysWhoseExecutableCommentLostItsEndAsTheClientFailsOnIt() throws Exception {
        Path file = tmp.resolve("damaged.sql");
        Files.writeString(file, """
                CREATE TABLE t (id INT PRIMARY KEY);
                /*!40000 ALTER TABLE `t` DISABLE KEYS x/;
                INSERT INTO t VALUES (1), (2);
                /*!40000 ALTER TABLE `t` ENABLE KEYS */;
                """);
        String byClient = server.createDatabase("by_client");
        String byCutkit = server.createDatabase("by_cutkit");

        MariaDbClient.Result client = MariaDbClient.load(server, file, byClient);
        assertThat(client.exitCode()).as(client.output()).isNotZero();
        assertThat(client.output()).contains("ERROR 1064", "at line 2");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JdbcSnapshotImporter.builder(address).build().importPath(file, byCutkit))
                .isInstanceOfSatisfying(StatementFailedException.class, e -> assertThat(e.errorCode()).isEqualTo(1064))
                .hasMessageContaining("line 2").hasMessageEndingWith("the target `" + byCutkit + "` is unchanged");
    }

    /** A schema as sample databases ship it: named foreign keys, a trigger filling a second table, a function. */
    private static final String SCHEMA_SCRIPT = """
            SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0;
            DROP TABLE IF EXISTS film_actor;
            DROP TABLE IF EXISTS film_text;
            DROP TABLE IF EXISTS film;
            DROP TABLE IF EXISTS customer;
            DROP FUNCTION IF EXISTS film_weight;
            CREATE TABLE film (film_id SMALLINT UNSIGNED NOT NULL AUTO_INCREMENT, title VARCHAR(128) NOT NULL,
              PRIMARY KEY (film_id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
            CREATE TABLE film_text (film_id SMALLINT NOT NULL, title VARCHAR(255) NOT NULL, PRIMARY KEY (film_id));
            CREATE TABLE film_actor (actor_id SMALLINT UNSIGNED NOT NULL, film_id SMALLINT UNSIGNED NOT NULL,
              PRIMARY KEY (actor_id, film_id),
              CONSTRAINT fk_film_actor_film FOREIGN KEY (film_id) REFERENCES film (film_id) ON DELETE RESTRICT ON UPDATE CASCADE);
            CREATE TABLE customer (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40), create_date DATETIME,
              score INT);
            CREATE TABLE IF NOT EXISTS customer (id INT);
            INSERT INTO customer (name, create_date, score) VALUES ('kept from the schema', '2020-01-01 00:00:00', 0);
            DELIMITER ;;
            CREATE FUNCTION film_weight(t VARCHAR(128)) RETURNS INT DETERMINISTIC
            BEGIN
              RETURN CHAR_LENGTH(t);
            END ;;
            CREATE TRIGGER ins_film AFTER INSERT ON film FOR EACH ROW BEGIN
              INSERT INTO film_text (film_id, title) VALUES (new.film_id, CONCAT(new.title, ':', film_weight(new.title)));
            END;;
            DELIMITER ;
            SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS;
            """;

    /** Its data script: rows for the schema's tables, a trigger created between two tables' rows, LOCK TABLES. */
    private static final String DATA_SCRIPT = """
            SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0;
            SET AUTOCOMMIT=0;
            INSERT INTO film VALUES (1, 'ACADEMY DINOSAUR'), (2, 'ACE GOLDFINGER'), (3, 'ADAPTATION HOLES');
            COMMIT;
            INSERT INTO film_actor VALUES (1, 1), (1, 2), (2, 3), (7, 99);
            COMMIT;
            INSERT INTO customer (name, create_date, score) VALUES ('before the trigger', '2021-05-05 00:00:00', 1);
            COMMIT;
            CREATE TRIGGER customer_create_date BEFORE INSERT ON customer
              FOR EACH ROW SET NEW.create_date = '2006-02-14 22:04:36', NEW.score = NEW.score * 10;
            LOCK TABLES `customer` WRITE;
            INSERT INTO customer (name, create_date, score) VALUES ('after the trigger', NULL, 2), ('and another', NULL, 3);
            UNLOCK TABLES;
            COMMIT;
            SET AUTOCOMMIT=1;
            SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS;
            """;

    /** Writes {@link #qualifiedScript} for {@code database} and loads it with the client, which selects that database itself. */
    private Path scriptFile(String name, String text) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    /** A new database {@code by_client} into which the client loaded {@code scripts}, in order. */
    private String loadedByTheClient(Path... scripts) throws Exception {
        String byClient = server.createDatabase("by_client");
        for (Path script : scripts) {
            MariaDbClient.Result client = MariaDbClient.load(server, script, byClient);
            assertThat(client.exitCode()).as(client.output()).isZero();
        }
        return byClient;
    }

    private Path loadQualifiedScriptWithTheClient(String database) throws Exception {
        Path file = tmp.resolve("qualified.sql");
        Files.writeString(file, qualifiedScript(database));
        MariaDbClient.Result client = MariaDbClient.load(server, file, null);
        assertThat(client.exitCode()).as(client.output()).isZero();
        return file;
    }

    /** A script for {@code database} whose index, view, function, trigger and event name it explicitly. */
    private static String qualifiedScript(String database) {
        return """
                USE $db;
                CREATE TABLE orders (id INT PRIMARY KEY, total INT, note VARCHAR(40));
                CREATE TABLE order_log (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(60));
                INSERT INTO orders VALUES (1, 10, '$db.orders stays'), (2, 20, NULL);
                CREATE INDEX orders_total ON $db.orders (total);
                CREATE VIEW order_totals AS SELECT id, total FROM $db.orders;
                DELIMITER //
                CREATE FUNCTION order_count() RETURNS INT READS SQL DATA
                BEGIN
                  RETURN (SELECT COUNT(*) FROM $db.orders) + (SELECT COUNT(*) FROM `$db`.`orders`);
                END //
                CREATE TRIGGER orders_ai AFTER INSERT ON orders FOR EACH ROW
                  INSERT INTO $db.order_log (msg) VALUES (NEW.id) //
                CREATE EVENT orders_purge ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE
                  DO DELETE FROM `$db`.order_log WHERE id < 0 //
                DELIMITER ;
                INSERT INTO orders VALUES (3, 30, 'after the trigger');
                """.replace("$db", database);
    }

    /** Loads {@code script} with the client and with cutkit into two new databases, finds them identical, returns cutkit's outcome. */
    private ImportOutcome assertLoadsLikeTheClient(String script, int workers) throws Exception {
        Path file = tmp.resolve("script.sql");
        Files.writeString(file, script);
        return assertLoadsLikeTheClient(file, workers);
    }

    /** {@link #assertLoadsLikeTheClient(String, int)} for a script file. */
    private ImportOutcome assertLoadsLikeTheClient(Path file, int workers) throws Exception {
        String byClient = server.createDatabase("by_client");
        String byCutkit = server.createDatabase("by_cutkit");
        MariaDbClient.Result client = MariaDbClient.load(server, file, byClient);
        assertThat(client.exitCode()).as(client.output()).isZero();
        ImportOutcome outcome = JdbcSnapshotImporter.builder(address).workers(workers).build().importPath(file, byCutkit);
        try (Connection c = server.connect("")) {
            assertThat(DatabaseFingerprint.of(c, byCutkit)).isEqualTo(DatabaseFingerprint.of(c, byClient));
        }
        return outcome;
    }

    /** A script using {@code delimiter} for its stored programs, with comments in their bodies. */
    private static String script(String d) {
        return """
                -- a script as people write them by hand
                CREATE TABLE parity_t (id INT PRIMARY KEY, name VARCHAR(60) COLLATE utf8mb4_bin, note TEXT, b VARBINARY(8),
                  c VARBINARY(8)) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
                CREATE TABLE parity_log (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(100));
                INSERT INTO parity_t VALUES (1, N'naïve ; -- not a comment', 'it''s /* not */ a comment; \\\\ \\n', 0x00FF, NULL);
                INSERT INTO parity_t (id, c) VALUES (2, /*!50705 0x0101,*/ 0x02), (3, /*!50705 0x0303,*/ 0x04);
                INSERT INTO parity_t VALUES (4, 'quote " and `tick`', "dq 'single' \\" done", NULL, NULL); # trailing
                CREATE INDEX parity_name ON parity_t (name);
                CREATE UNIQUE INDEX parity_tmp ON parity_t (note(10));
                DROP INDEX parity_tmp ON parity_t;
                CREATE VIEW parity_v AS SELECT id, name FROM parity_t WHERE id > 0;
                ALTER VIEW parity_v AS SELECT id, name, note FROM parity_t /* with the note */;
                CREATE USER IF NOT EXISTS 'parity_reader'@'%';
                GRANT SELECT ON parity_t TO 'parity_reader'@'%';
                DELIMITER $d
                CREATE PROCEDURE parity_p(IN x INT)
                BEGIN -- a line comment
                  # a hash comment
                  DECLARE y INT DEFAULT 0; /* a block
                  comment */ SET y = x + 1;/*tight*/SELECT y, 'in $d string' AS s;
                END $d
                CREATE FUNCTION parity_f(x INT) RETURNS INT DETERMINISTIC
                BEGIN
                  RETURN x * 2; -- doubled
                END$d
                /* a comment between statements */
                CREATE TRIGGER parity_tr AFTER INSERT ON parity_t FOR EACH ROW BEGIN
                  /* audit */ INSERT INTO parity_log (msg) VALUES (CONCAT('row ', NEW.id)); -- note
                END $d
                CREATE EVENT parity_e ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 00:00:00' DISABLE DO BEGIN
                  DELETE FROM parity_log WHERE id < 0; # never
                END $d
                delimiter ;
                CALL parity_p(1);
                SELECT parity_f(2);
                """.replace("$d", d);
    }
}
