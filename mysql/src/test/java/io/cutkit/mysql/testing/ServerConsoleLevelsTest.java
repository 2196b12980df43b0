package io.cutkit.mysql.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ch.vorburger.exec.OutputStreamType;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ServerConsoleLevelsTest {

    private final ServerConsoleLevels levels = new ServerConsoleLevels();

    @Test
    void notesAndStartUpChatterGoToDebug() {
        assertThat(levels.dispatch(OutputStreamType.STDERR,
                "2026-12-05 12:00:00 0 [Note] mariadbd: ready for connections.")).isEqualTo(Level.DEBUG);
        assertThat(levels.dispatch(OutputStreamType.STDERR,
                "2026-12-05 12:00:00 0 [Note] InnoDB: Buffer pool(s) load completed; no error")).isEqualTo(Level.DEBUG);
        assertThat(levels.dispatch(OutputStreamType.STDOUT, "Installing MariaDB/MySQL system tables in './data' ..."))
                .isEqualTo(Level.DEBUG);
        assertThat(levels.dispatch(OutputStreamType.STDERR, "2026-12-05 12:00:00 0 [Warning] Could not increase number of"
                + " max_open_files to more than 20000 (request: 32184)")).isEqualTo(Level.DEBUG);
    }

    @Test
    void warningsGoToWarnAndErrorsToError() {
        assertThat(levels.dispatch(OutputStreamType.STDERR,
                "2026-12-05 12:00:00 0 [Warning] mariadbd: option 'max_allowed_packet' adjusted")).isEqualTo(Level.WARN);
        assertThat(levels.dispatch(OutputStreamType.STDERR,
                "2026-12-05 12:00:00 0 [ERROR] mariadbd: unknown collation: 'nope'")).isEqualTo(Level.ERROR);
        assertThat(levels.dispatch(OutputStreamType.STDOUT, "FATAL ERROR: Could not find mariadbd")).isEqualTo(Level.ERROR);
    }
}
