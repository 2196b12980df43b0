package io.cutkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.examples.local.StageServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The online rehearsal end to end, in-process: the CRM API writes 200 times a second through the
 * whole cutover, the destination replicates, is verified live and takes over the writes, and every
 * acknowledged write is in the new database exactly once.
 */
@Timeout(180)
class RehearsalOnlineIT {

    private static final Pattern SUMMARY = Pattern.compile("rehearsal: (\\d+) of 12 steps done, data move \\d+\\.\\d s,"
            + " freeze (\\d+\\.\\d\\d) s, writes (\\d+) acknowledged (\\d+) lost (\\d+) duplicated, total \\d+\\.\\d s,"
            + " report \\S+report\\.html");

    @TempDir
    Path work;

    @Test
    void movesTheDataWhileTheApiWritesAndLosesOrDuplicatesNoAcknowledgedWrite() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try (StageServers servers = StageServers.startReplicating();
             PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            code = Rehearsal.run(List.of("--online"), out, work, servers);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = output.lines().toList();
        System.out.println(output);

        assertThat(code).as(output).isEqualTo(Rehearsal.DONE);
        Matcher summary = SUMMARY.matcher(lines.get(lines.size() - 1));
        assertThat(summary.matches()).as(lines.get(lines.size() - 1)).isTrue();
        assertThat(summary.group(1)).isEqualTo("12");
        assertThat(Double.parseDouble(summary.group(2))).isGreaterThan(0).isLessThan(2);
        // 200 writes/s from step 2 to the end: even a fast machine's cutover spans well over half a second of them
        assertThat(Long.parseLong(summary.group(3))).isGreaterThan(100);
        assertThat(summary.group(4)).isEqualTo("0");
        assertThat(summary.group(5)).isEqualTo("0");
        assertThat(output).contains("live verification MATCH").contains("switched, freeze");
        String html = lines.get(lines.size() - 1).substring(lines.get(lines.size() - 1).lastIndexOf(" report ") + 8);
        assertThat(Files.readString(Path.of(html))).containsPattern("freeze \\d+ ms, from MariaDB GTID");
    }
}
