package io.cutkit.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every ```java block of README.md and docs/*.md compiles against the published modules.
 *
 * <p>The convention, for whoever writes a doc: a block that declares a type (its first code line is an annotation or
 * a {@code class}/{@code record}/{@code interface}/{@code enum} declaration) is compiled as it is; any other block
 * is a fragment, compiled as the body of a method that {@code throws Exception}. Both get the standard imports
 * ({@code java.io.*}, {@code java.net.*}, {@code java.nio.file.*}, {@code java.sql.*}, {@code java.time.*},
 * {@code java.util.*}, {@code javax.sql.DataSource} and every {@code io.cutkit} package of the main artifacts). What
 * a block uses beyond that goes in an HTML comment on the line right before its fence, which Markdown does not
 * show: {@code <!-- snippet: import=org.flywaydb.core.Flyway; var=DataSource dataSource -->}, entries separated by
 * {@code ;}: {@code import=} a class or {@code package.*}, {@code var=} a type and a name the fragment receives
 * (a method parameter). A block that is not Java (pseudo-code, output) is fenced as {@code text}, not {@code java}.
 * A failure names the Markdown file and line and gives the compiler's message. docs/CONTRIBUTING.md tells doc
 * writers the same.
 */
class DocSnippetsCompileTest {

    @TempDir
    Path classes;

    @Test
    void everyJavaBlockInTheDocsCompiles() throws Exception {
        SnippetCompiler compiler = SnippetCompiler.onTestClassPath();
        List<JavaSnippet> snippets = snippets(Markdown.documents(RepositoryRoot.find()), compiler.standardImports());

        List<String> errors = compiler.compile(snippets, classes);

        assertThat(snippets).as("java blocks in README.md and docs/*.md").hasSizeGreaterThanOrEqualTo(17);
        assertThat(errors).as("java blocks that do not compile (%d blocks checked; the convention: docs/CONTRIBUTING.md)",
                snippets.size()).isEmpty();
    }

    @Test
    void aBlockNamingAMethodThatDoesNotExistFailsAtItsLine() {
        SnippetCompiler compiler = SnippetCompiler.onTestClassPath();
        Markdown doc = Markdown.parse("docs/broken.md", List.of(
                "Text.",
                "<!-- snippet: var=DataSource dataSource -->",
                "```java",
                "DatabaseVerifier.builder().parallelism(2).build()",
                "        .compareEverything(dataSource, \"a\", dataSource, \"b\");",
                "```",
                "```java",
                "String fine = Path.of(\"x\").toString();",
                "```"));

        List<String> errors = compiler.compile(snippets(List.of(doc), compiler.standardImports()), classes);

        assertThat(errors).singleElement().asString().startsWith("docs/broken.md:5: cannot find symbol")
                .contains("compareEverything");
    }

    @Test
    void aWholeClassBlockIsCompiledAsItIs() {
        SnippetCompiler compiler = SnippetCompiler.onTestClassPath();
        Markdown doc = Markdown.parse("docs/types.md", List.of(
                "```java",
                "public class Plan {",
                "    Duration window = Duration.ofMinutes(30);",
                "    int steps = undefinedName;",
                "}",
                "```"));

        List<String> errors = compiler.compile(snippets(List.of(doc), compiler.standardImports()), classes);

        assertThat(errors).singleElement().asString().startsWith("docs/types.md:4: cannot find symbol");
    }

    @Test
    void aSnippetCommentWithAnUnknownEntryIsRefusedNamingItsLine() {
        Markdown doc = Markdown.parse("docs/typo.md", List.of(
                "<!-- snippet: vars=DataSource dataSource -->",
                "```java",
                "dataSource.getConnection();",
                "```"));

        assertThatThrownBy(() -> snippets(List.of(doc), List.of()))
                .hasMessageStartingWith("docs/typo.md:1: unknown snippet entry 'vars=DataSource dataSource'");
    }

    private static List<JavaSnippet> snippets(List<Markdown> documents, List<String> standardImports) {
        List<JavaSnippet> snippets = new ArrayList<>();
        for (Markdown doc : documents) {
            for (Markdown.Block block : doc.blocks()) {
                if (block.language().equals("java")) {
                    snippets.add(JavaSnippet.of(block, snippets.size(), standardImports));
                }
            }
        }
        return snippets;
    }
}
