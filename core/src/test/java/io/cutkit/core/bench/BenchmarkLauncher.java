package io.cutkit.core.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs one benchmark by name for the {@code bench} profile of every module:
 * {@code mvn -B -ntp -P bench -pl <module> -am verify -DskipTests -Dbench=<name>}. A benchmark is a
 * class with a {@code main} method under a module's {@code src/test/java} whose simple name ends in
 * {@code Benchmark} or {@code Jmh}; {@code <name>} is that simple name with or without the suffix
 * ({@code ExportImport}, {@code ExportImportBenchmark}). A module that is built only because the
 * named benchmark's module depends on it skips the run; a name no module has fails, listing them all.
 *
 * <p>Arguments: the module's directory, the name, then the benchmark's own arguments.
 */
public final class BenchmarkLauncher {

    private static final List<String> SUFFIXES = List.of("Benchmark", "Jmh");

    private BenchmarkLauncher() {
    }

    public static void main(String[] args) throws Throwable {
        Path module = Path.of(args[0]).toAbsolutePath().normalize();
        String name = args.length > 1 ? args[1] : "";
        String[] benchmarkArgs = args.length > 2 ? Arrays.copyOfRange(args, 2, args.length) : new String[0];
        Resolution resolution = resolve(module, name);
        if (resolution instanceof Resolution.Run run) {
            run(run.className(), benchmarkArgs);
        } else if (resolution instanceof Resolution.Elsewhere elsewhere) {
            System.out.println("[bench] " + name + " belongs to " + elsewhere.module() + ", not " + module.getFileName()
                    + ": skipped here");
        } else if (resolution instanceof Resolution.Unknown unknown) {
            System.err.println("[bench] no benchmark named '" + name + "'; run one with"
                    + " mvn -B -ntp -P bench -pl <module> -am verify -DskipTests -Dbench=<name>. The benchmarks:");
            unknown.benchmarks().forEach(b -> System.err.println("  " + b));
            System.exit(2);
        }
    }

    /** What {@code -Dbench=name} means in {@code module}, whose siblings are the other modules. */
    sealed interface Resolution {
        /** The module's own benchmark: run it. */
        record Run(String className) implements Resolution {
        }

        /** Another module's benchmark: this module is only built for it. */
        record Elsewhere(String module) implements Resolution {
        }

        /** No module has it; {@code benchmarks} lists each as {@code -pl <module> -Dbench=<name>}. */
        record Unknown(List<String> benchmarks) implements Resolution {
        }
    }

    static Resolution resolve(Path module, String name) {
        Optional<Path> own = benchmarks(module).filter(source -> matches(source, name)).findFirst();
        if (own.isPresent()) {
            return new Resolution.Run(className(module, own.get()));
        }
        Path root = module.getParent();
        List<Path> all = benchmarks(root).toList();
        return all.stream().filter(source -> matches(source, name)).findFirst()
                .<Resolution>map(source -> new Resolution.Elsewhere(root.relativize(source).getName(0).toString()))
                .orElseGet(() -> new Resolution.Unknown(all.stream()
                        .map(source -> "-pl " + root.relativize(source).getName(0) + " -Dbench=" + simpleName(source))
                        .toList()));
    }

    /** The benchmark sources under {@code dir}'s modules' (or {@code dir}'s own) {@code src/test/java}. */
    private static Stream<Path> benchmarks(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().contains("src/test/java/") && !f.toString().contains("/target/"))
                    .filter(f -> SUFFIXES.stream().anyMatch(s -> f.getFileName().toString().endsWith(s + ".java")))
                    .sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the benchmarks under " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean matches(Path source, String name) {
        String simple = simpleName(source);
        return simple.equals(name) || SUFFIXES.stream().anyMatch(suffix -> simple.equals(name + suffix));
    }

    private static String simpleName(Path source) {
        String file = source.getFileName().toString();
        return file.substring(0, file.length() - ".java".length());
    }

    private static String className(Path module, Path source) {
        String relative = module.resolve("src/test/java").relativize(source).toString();
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
    }

    private static void run(String className, String[] args) throws Throwable {
        System.out.println("[bench] " + className + " " + String.join(" ", args));
        try {
            Class.forName(className).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
