package io.cutkit.core.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's check that every public type of every module's main sources has a Javadoc comment
 * (javac's doclint reports missing comments only as warnings, and for every member too; the
 * compiler runs doclint's other groups, which fail the build on broken Javadoc).
 */
class PublicTypeJavadocTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyPublicTypeInEveryModuleHasAJavadocComment() throws IOException {
        List<Path> sources = mainSources();
        assertThat(sources).as("main sources under %s", REPOSITORY).hasSizeGreaterThan(100);

        assertThat(publicTypesWithoutJavadoc(sources)).isEmpty();
    }

    @Test
    void aPublicTypeWithoutJavadocIsFound(@TempDir Path dir) throws IOException {
        Path source = dir.resolve("Undocumented.java");
        Files.writeString(source, "package x;\n/** Documented. */\npublic class Undocumented {\n"
                + "    public record Nested(int a) {}\n    /** Documented. */\n    public enum Fine { A }\n"
                + "    private static class Hidden {}\n}\n");

        assertThat(publicTypesWithoutJavadoc(List.of(source))).containsExactly(source + ": Nested");
    }

    private static List<Path> mainSources() throws IOException {
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            List<Path> sources = new ArrayList<>();
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    files.filter(f -> f.toString().endsWith(".java") && !f.getFileName().toString().contains("-info"))
                            .forEach(sources::add);
                }
            }
            return sources;
        }
    }

    private static List<String> publicTypesWithoutJavadoc(List<Path> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            JavacTask task = (JavacTask) compiler.getTask(null, files, diagnostic -> { }, List.of("-proc:none"), null,
                    files.getJavaFileObjectsFromPaths(sources));
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree type, Void unused) {
                        if (!type.getModifiers().getFlags().contains(Modifier.PUBLIC)) {
                            return null;
                        }
                        if (docs.getDocCommentTree(getCurrentPath()) == null) {
                            missing.add(Path.of(unit.getSourceFile().toUri()) + ": " + type.getSimpleName());
                        }
                        return super.visitClass(type, unused);
                    }
                }.scan(new TreePath(unit), null);
            }
        }
        return missing;
    }
}
