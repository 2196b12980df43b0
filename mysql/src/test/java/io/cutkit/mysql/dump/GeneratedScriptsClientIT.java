package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.script.FuzzSeed;
import io.cutkit.mysql.script.GeneratedScriptsAccess;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Runs generated scripts through the real {@code mariadb} client and reads what it sent from the
 * server's general log: the splitter cuts every script into exactly those statements.
 */
@AddLifecycleHook(FuzzSeed.class)
class GeneratedScriptsClientIT {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static DatabaseServer server;
    private static String database;
    private static Path dir;

    @BeforeContainer
    static void start() throws Exception {
        server = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_unicode_ci").start();
        database = server.createDatabase("generated");
        dir = Files.createTempDirectory("generated-scripts");
        try (Connection c = server.connect(""); Statement s = c.createStatement()) {
            s.execute("SET GLOBAL log_output = 'TABLE'");
            s.execute("SET GLOBAL general_log = 'ON'");
        }
    }

    @AfterContainer
    static void stop() throws Exception {
        server.close();
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    @Property(tries = 40)
    void splitsEveryScriptIntoTheStatementsTheClientSends(@ForAll("scripts") String script) throws Exception {
        String marker = "SELECT 'marker " + RUNS.incrementAndGet() + "'";
        String text = marker + ";\n" + script;
        Path file = dir.resolve("script-" + RUNS.get() + ".sql");
        Files.write(file, text.getBytes(StandardCharsets.UTF_8));
        MariaDbClient.Result result = MariaDbClient.load(server, file, database);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(GeneratedScriptsAccess.split(text)).containsExactlyElementsOf(sent(marker));
    }

    @Provide
    Arbitrary<String> scripts() {
        return GeneratedScriptsAccess.scriptTexts();
    }

    /** The queries of the connection that sent {@code marker}, in order, from the general log. */
    private static List<String> sent(String marker) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = server.connect("");
                PreparedStatement p = c.prepareStatement("SELECT argument FROM mysql.general_log WHERE command_type = 'Query'"
                        + " AND thread_id = (SELECT MAX(thread_id) FROM mysql.general_log WHERE argument = ?)")) {
            p.setString(1, marker);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(new String(rs.getBytes(1), StandardCharsets.UTF_8).strip());
                }
            }
        }
        return out;
    }
}
