package io.cutkit.mysql.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mariadb-11.4 reserved-word list is the contract and the embedded MariaDB server is the judge: every listed
 * word is refused unquoted as a column name with a syntax error (1064), and every other keyword the server knows
 * is accepted there. The judge is an embedded server of its own, whatever server the other tests share.
 */
class MariaDbReservedWordsIT {

    private static final int SYNTAX_ERROR = 1064;
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final ReservedWords LISTED = ReservedWords.of("mariadb-11.4");

    private static EmbeddedMariaDb judge;
    private static String database;

    @BeforeAll
    static void start() {
        judge = EmbeddedMariaDb.builder().start();
        database = judge.createDatabase("words");
    }

    @AfterAll
    static void stop() {
        judge.close();
    }

    @Test
    void theJudgeIsMariaDb114() throws SQLException {
        try (Connection c = judge.connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            assertThat(rs.getString(1)).startsWith("11.4.").contains("MariaDB");
        }
    }

    @Test
    void everyListedWordIsRefusedUnquotedWithASyntaxErrorAndAcceptedQuoted() throws SQLException {
        Map<String, String> wrong = new TreeMap<>();
        try (Connection c = judge.connect(database); Statement s = c.createStatement()) {
            int n = 0;
            for (String word : LISTED.words()) {
                n++;
                Integer unquoted = createTableError(s, "t_" + n, word);
                Integer quoted = createTableError(s, "q_" + n, "`" + word + "`");
                if (unquoted == null || unquoted != SYNTAX_ERROR || quoted != null) {
                    wrong.put(word, "unquoted: " + (unquoted == null ? "accepted" : "error " + unquoted)
                            + ", quoted: " + (quoted == null ? "accepted" : "error " + quoted));
                }
            }
        }
        assertThat(LISTED.words()).hasSizeGreaterThan(200);
        assertThat(wrong).as("listed words the server does not refuse with 1064").isEmpty();
    }

    @Test
    void everyOtherKeywordOfTheServerIsAcceptedUnquoted() throws SQLException {
        Map<String, Integer> refused = new TreeMap<>();
        Set<String> tried = new TreeSet<>();
        try (Connection c = judge.connect(database); Statement s = c.createStatement()) {
            for (String keyword : serverKeywords(s)) {
                if (LISTED.contains(keyword) || !PLAIN_WORD.matcher(keyword).matches()) {
                    continue;
                }
                tried.add(keyword);
                Integer error = createTableError(s, "k_" + tried.size(), keyword);
                if (error != null) {
                    refused.put(keyword, error);
                }
            }
        }
        assertThat(tried).as("words MySQL reserves are plain keywords here").contains("DATABASE", "SCHEMA", "OPTION", "WINDOW")
                .hasSizeGreaterThan(300);
        assertThat(refused).as("keywords the server refuses that the list lacks").isEmpty();
    }

    private static Set<String> serverKeywords(Statement s) throws SQLException {
        Set<String> keywords = new TreeSet<>();
        try (ResultSet rs = s.executeQuery("SELECT WORD FROM information_schema.KEYWORDS")) {
            while (rs.next()) {
                keywords.add(rs.getString(1).toUpperCase(Locale.ROOT));
            }
        }
        return keywords;
    }

    /** The error code of {@code CREATE TABLE table (column INT)}, or null when the table was created (and dropped again). */
    private static Integer createTableError(Statement s, String table, String column) throws SQLException {
        try {
            s.execute("CREATE TABLE " + table + " (" + column + " INT)");
        } catch (SQLException e) {
            return e.getErrorCode();
        }
        s.execute("DROP TABLE " + table);
        return null;
    }
}
