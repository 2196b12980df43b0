package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
