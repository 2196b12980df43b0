package io.cutkit.examples.docs;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Compiles the docs' Java snippets in one javac task against a class path; a failure names the Markdown line. */
final class SnippetCompiler {

    /** The JDK imports every snippet gets, beside every {@code io.cutkit} package of the main artifacts. */
    private static final List<String> JDK_IMPORTS = List.of("java.io.*", "java.net.*", "java.nio.file.*", "java.sql.*",
            "java.time.*", "java.util.*", "javax.sql.DataSource");

    private final List<String> classPath;

    SnippetCompiler(List<String> classPath) {
        this.classPath = List.copyOf(classPath);
    }

    /** The test JVM's class path (Surefire's test class path when it hides it behind a manifest jar). */
    static SnippetCompiler onTestClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new SnippetCompiler(Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList());
    }

    /** The standard imports: {@link #JDK_IMPORTS} and each package of cutkit's main classes on the class path. */
    List<String> standardImports() {
        List<String> imports = new ArrayList<>(JDK_IMPORTS);
        SortedSet<String> packages = new TreeSet<>();
        for (String entry : classPath) {
            Path path = Path.of(entry);
            String name = path.getFileName() == null ? "" : path.getFileName().toString();
            if (Files.isDirectory(path) && entry.replace('\\', '/').endsWith("target/classes")) {
                packages.addAll(packagesIn(path));
            } else if (name.startsWith("cutkit-") && name.endsWith(".jar") && !name.endsWith("-tests.jar")) {
                packages.addAll(packagesInJar(path));
            }
        }
        packages.stream().filter(p -> p.startsWith("io.cutkit.")).map(p -> p + ".*").forEach(imports::add);
        return imports;
    }

    /** Compiles every snippet into {@code output}; returns one "file:line: message" per error, none when all compile. */
    List<String> compile(List<JavaSnippet> snippets, Path output) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        Map<URI, JavaSnippet> byUri = snippets.stream()
                .collect(Collectors.toMap(Source::uri, Function.identity()));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-proc:none", "-Xlint:none", "-nowarn", "--release", "17",
                "-classpath", String.join(File.pathSeparator, classPath), "-d", output.toString());
        List<Source> sources = snippets.stream().map(Source::new).toList();
        javac.getTask(null, null, diagnostics, options, null, sources).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            JavaSnippet snippet = d.getSource() == null ? null : byUri.get(d.getSource().toUri());
            String where = snippet == null ? "(no snippet)" : snippet.where(d.getLineNumber());
            errors.add(where + ": " + d.getMessage(null));
        }
        return errors;
    }

    private static SortedSet<String> packagesIn(Path classes) {
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> classes.relativize(f.getParent() == null ? classes : f.getParent()).toString())
                    .map(p -> p.replace(File.separatorChar, '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + classes + ": " + e.getMessage(), e);
        }
    }

    private static SortedSet<String> packagesInJar(Path jar) {
        SortedSet<String> packages = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (name.endsWith(".class") && name.contains("/") && !name.startsWith("META-INF/")) {
                    packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
        return packages;
    }

    /** A snippet's generated source, held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(JavaSnippet snippet) {
            super(uri(snippet), Kind.SOURCE);
            this.code = snippet.source();
        }

        static URI uri(JavaSnippet snippet) {
            return URI.create("string:///" + snippet.packageName().replace('.', '/') + "/" + snippet.typeName() + ".java");
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
