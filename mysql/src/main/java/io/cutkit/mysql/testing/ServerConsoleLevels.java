package io.cutkit.mysql.testing;

import ch.vorburger.exec.OutputStreamLogDispatcher;
import ch.vorburger.exec.OutputStreamType;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The log level of each line the embedded server and its installer print: {@code [ERROR]} (or any
 * other line naming an error) at ERROR, {@code [Warning]} at WARN, everything else (the
 * {@code [Note]} lines, start-up chatter, and the warning that the server lowered its open-files
 * limit to what the machine allows, which it does by itself) at DEBUG, so a test's or the command
 * line's output stays quiet unless the server has something wrong to say.
 */
final class ServerConsoleLevels extends OutputStreamLogDispatcher {

    @Override
    public Level dispatch(OutputStreamType type, String line) {
        if (line.contains("[Note]") || line.contains("max_open_files")) {
            return Level.DEBUG;
        }
        if (line.contains("[Warning]")) {
            return Level.WARN;
        }
        return line.toLowerCase(Locale.ROOT).contains("error") ? Level.ERROR : Level.DEBUG;
    }
}
