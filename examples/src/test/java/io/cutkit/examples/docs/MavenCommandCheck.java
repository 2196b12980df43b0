package io.cutkit.examples.docs;

import io.cutkit.examples.Blocker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks a documented {@code mvn} command against the poms and sources: every {@code -P} profile is declared in a
 * pom, every {@code -pl} entry is a module, every {@code -Dbench=} names a benchmark of the {@code -pl} module (the
 * bench profile runs {@code core}'s BenchmarkLauncher, which takes a class under the module's {@code src/test/java}
 * whose simple name is the name, with or without {@code Benchmark} or {@code Jmh}) and that module has a
 * {@code bench} profile, every class and method pattern of {@code -Dtest=} and {@code -Dit.test=} matches a test,
 * every {@code -Dinject=} is a blocker the rehearsal can inject.
 * Placeholders ({@code <module>}) are not checked.
 */
final class MavenCommandCheck {

    private static final Pattern METHOD = Pattern.compile("void\\s+(\\w+)\\s*\\(");

    private final Path root;
    /** Module directory ("" for the parent) to the profiles its pom declares. */
    private final Map<String, Set<String>> profiles = new LinkedHashMap<>();
    private final Map<String, String> artifactIds = new LinkedHashMap<>();
    private final List<Path> testSources;

    MavenCommandCheck(Path root) {
        this.root = root;
        Element parent = pom(root.resolve("pom.xml"));
        profiles.put("", profileIds(parent));
        NodeList modules = parent.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            String module = modules.item(i).getTextContent().trim();
            Element pom = pom(root.resolve(module).resolve("pom.xml"));
            profiles.put(module, profileIds(pom));
            artifactIds.put(childText(pom, "artifactId"), module);
        }
        testSources = profiles.keySet().stream().filter(m -> !m.isEmpty())
                .flatMap(m -> sources(root.resolve(m).resolve("src/test/java"))).toList();
    }

    /** Every problem of {@code command}, none when it fits the build. */
    List<String> problems(DocCommand command) {
        List<String> problems = new ArrayList<>();
        List<String> selected = new ArrayList<>();
        List<String> args = command.args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("-pl") || arg.equals("--projects")) && i + 1 < args.size()) {
                for (String entry : args.get(++i).split(",")) {
                    module(entry).ifPresentOrElse(selected::add, () -> {
                        if (!isPlaceholder(entry)) {
                            problems.add("-pl " + entry + ": no such module; the modules are " + profiles.keySet().stream()
                                    .filter(m -> !m.isEmpty()).toList());
                        }
                    });
                }
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String profileList = arg.equals("-P") || arg.equals("--activate-profiles") ? (i + 1 < args.size() ? args.get(++i) : "")
                    : arg.startsWith("-P") ? arg.substring(2) : null;
            if (profileList != null) {
                for (String profile : profileList.split(",")) {
                    String id = profile.replaceFirst("^[!?-]", "");
                    if (!isPlaceholder(id) && profiles.values().stream().noneMatch(ids -> ids.contains(id))) {
                        problems.add("-P " + id + ": no pom declares this profile; they declare " + allProfiles());
                    }
                }
            }
            String property = arg.equals("-D") && i + 1 < args.size() ? args.get(++i) : arg.startsWith("-D") ? arg.substring(2) : null;
            if (property != null && property.startsWith("bench=")) {
                benchmarkProblem(property.substring("bench=".length()), selected).ifPresent(problems::add);
            } else if (property != null && property.startsWith("inject=")) {
                String blocker = property.substring("inject=".length());
                if (!isPlaceholder(blocker) && Blocker.byCliName(blocker).isEmpty()) {
                    problems.add("-Dinject=" + blocker + ": the rehearsal has no such blocker; it has "
                            + Stream.of(Blocker.values()).map(Blocker::cliName).toList());
                }
            } else if (property != null && (property.startsWith("test=") || property.startsWith("it.test="))) {
                problems.addAll(testProblems(property.substring(property.indexOf('=') + 1)));
            }
        }
        return problems;
    }

    private Optional<String> benchmarkProblem(String name, List<String> selected) {
        if (isPlaceholder(name)) {
            return Optional.empty();
        }
        if (selected.size() != 1) {
            return Optional.of("-Dbench=" + name + " needs exactly one -pl module (the benchmark's), got " + selected);
        }
        String module = selected.get(0);
        if (!profiles.get(module).contains("bench")) {
            return Optional.of("-Dbench=" + name + ": module " + module + " has no bench profile of its own");
        }
        Path moduleTests = root.resolve(module).resolve("src/test/java");
        boolean found = testSources.stream().filter(source -> source.startsWith(moduleTests)).map(MavenCommandCheck::simpleName)
                .filter(simple -> !benchmarkName(simple).isEmpty())
                .anyMatch(simple -> simple.equals(name) || simple.equals(name + "Benchmark") || simple.equals(name + "Jmh"));
        return found ? Optional.empty()
                : Optional.of("-Dbench=" + name + ": module " + module + " has no benchmark of that name");
    }

    /** Every benchmark of every module, as "module:Name" (the class's simple name without its suffix), sorted. */
    List<String> benchmarks() {
        return testSources.stream()
                .filter(source -> !benchmarkName(simpleName(source)).isEmpty())
                .map(source -> root.relativize(source).getName(0) + ":" + benchmarkName(simpleName(source)))
                .sorted().toList();
    }

    /** The benchmark name of a test class ({@code ExportImportBenchmark}: {@code ExportImport}), "" for another test. */
    private static String benchmarkName(String simpleName) {
        for (String suffix : List.of("Benchmark", "Jmh")) {
            if (simpleName.endsWith(suffix) && simpleName.length() > suffix.length()) {
                return simpleName.substring(0, simpleName.length() - suffix.length());
            }
        }
        return "";
    }

    private List<String> testProblems(String patterns) {
        List<String> problems = new ArrayList<>();
        for (String pattern : patterns.split(",")) {
            if (pattern.equals("none")) {
                continue; // no test of the module matches: runs none, with -Dsurefire.failIfNoSpecifiedTests=false
            }
            String[] parts = pattern.split("#", 2);
            Pattern classes = glob(parts[0]);
            List<Path> matches = testSources.stream().filter(source -> classes.matcher(simpleName(source)).matches()).toList();
            if (matches.isEmpty()) {
                problems.add(pattern + ": no test class matches " + parts[0]);
                continue;
            }
            if (parts.length == 2) {
                for (String method : parts[1].split("\\+")) {
                    Pattern methods = glob(method);
                    if (matches.stream().flatMap(this::methodNames).noneMatch(m -> methods.matcher(m).matches())) {
                        problems.add(pattern + ": no test method of " + parts[0] + " matches " + method);
                    }
                }
            }
        }
        return problems;
    }

    private Optional<String> module(String entry) {
        if (entry.startsWith(":")) {
            return Optional.ofNullable(artifactIds.get(entry.substring(1)));
        }
        String dir = entry.replaceAll("/+$", "");
        return profiles.containsKey(dir) && !dir.isEmpty() ? Optional.of(dir) : Optional.empty();
    }

    private Set<String> allProfiles() {
        Set<String> all = new TreeSet<>();
        profiles.values().forEach(all::addAll);
        return all;
    }

    private Stream<String> methodNames(Path source) {
        try {
            Matcher methods = METHOD.matcher(Files.readString(source));
            return methods.results().map(m -> m.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** The Java sources under {@code dir}, a module's src/test/java (none when it has no tests). */
    private static Stream<Path> sources(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String simpleName(Path source) {
        String file = source.getFileName().toString();
        return file.substring(0, file.length() - ".java".length());
    }

    private static Pattern glob(String glob) {
        return Pattern.compile(Stream.of(glob.split("\\*", -1)).map(Pattern::quote).reduce((a, b) -> a + ".*" + b).orElse(""));
    }

    private static boolean isPlaceholder(String value) {
        return value.startsWith("<") && value.endsWith(">");
    }

    private static Element pom(Path file) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Set<String> profileIds(Element pom) {
        Set<String> ids = new TreeSet<>();
        NodeList list = pom.getElementsByTagName("profile");
        for (int i = 0; i < list.getLength(); i++) {
            ids.add(childText((Element) list.item(i), "id"));
        }
        return ids;
    }

    private static String childText(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        throw new IllegalStateException("<" + element.getTagName() + "> has no <" + name + ">");
    }
}
