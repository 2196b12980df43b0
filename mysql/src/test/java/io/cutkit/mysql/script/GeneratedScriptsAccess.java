package io.cutkit.mysql.script;

import java.io.IOException;
import java.util.List;
import net.jqwik.api.Arbitrary;

/** The generated scripts and the splitter's reading of a script, for tests in other packages. */
public final class GeneratedScriptsAccess {

    private GeneratedScriptsAccess() {
    }

    /** Generated script texts, delimiters of every character class, LF and CR LF line ends. */
    public static Arbitrary<String> scriptTexts() {
        return GeneratedScripts.scripts().map(GeneratedScripts.Script::text);
    }

    /** The statements {@link StatementSplitter} reads from {@code script}, as text. */
    public static List<String> split(String script) throws IOException {
        return StatementSplitterProperties.split(script);
    }
}
