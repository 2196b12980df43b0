package io.cutkit.mysql.script;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

@AddLifecycleHook(FuzzSeed.class)
class StatementSplitterProperties {

    @Property(tries = 300)
    void splitsGeneratedScriptsIntoTheStatementsTheyHold(@ForAll("scripts") GeneratedScripts.Script script) throws IOException {
        assertThat(split(script.text())).containsExactlyElementsOf(script.statements());
    }

    @Provide
    Arbitrary<GeneratedScripts.Script> scripts() {
        return GeneratedScripts.scripts();
    }

    static List<String> split(String script) throws IOException {
        List<String> out = new ArrayList<>();
        try (StatementSplitter s = StatementSplitter.over(new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)))) {
            for (ScriptStatement d; (d = s.next()) != null; ) {
                out.add(d.text());
            }
        }
        return out;
    }
}
