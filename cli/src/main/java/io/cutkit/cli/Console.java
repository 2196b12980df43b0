package io.cutkit.cli;

import java.io.PrintStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where a command prints: its result on stdout, as text for people or as JSON with {@code --json},
 * and progress on stderr. Commands hand it values they built from reports, never a {@code Secret}.
 */
final class Console {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;

    Console(PrintStream out, PrintStream err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Prints {@code text} for people, or {@code document} (maps, lists, strings, numbers) as JSON. */
    void result(String text, Object document) {
        if (json) {
            out.println(JSON.writeValueAsString(document));
        } else {
            out.print(text.endsWith("\n") ? text : text + "\n");
        }
        out.flush();
    }

    /** A JSON text a library rendered itself, as a tree to nest in a {@link #result} document. */
    static JsonNode parsed(String jsonText) {
        return JSON.readTree(jsonText);
    }

    /** One progress line on stderr. */
    void progress(String line) {
        err.println(line);
        err.flush();
    }

    boolean json() {
        return json;
    }
}
