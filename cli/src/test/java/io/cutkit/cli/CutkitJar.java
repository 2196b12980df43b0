package io.cutkit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code java -jar target/cutkit.jar} (the shaded jar {@code package} built) as a separate
 * process, and keeps every run's output so a test can search all of it for secrets.
 */
final class CutkitJar {

    /** What one run printed and returned. */
    record Run(List<String> args, int exitCode, String stdout, String stderr) {
        String output() {
            return stdout + stderr;
        }
    }

    private static final List<Run> RUNS = new CopyOnWriteArrayList<>();

    private CutkitJar() {
    }

    static Path jar() {
        Path jar = Path.of("target", "cutkit.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; run the ITs through `mvn verify` (after package)");
        }
        return jar;
    }

    static Run run(String... args) {
        return run(Map.of(), null, args);
    }

    /** Runs with extra environment variables and, when {@code stdin} is not null, that text on standard input. */
    static Run run(Map<String, String> environment, String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar().toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("cutkit-out", ".txt");
            Path err = Files.createTempFile("cutkit-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("cutkit " + List.of(args) + " did not finish in 3 minutes");
            }
            Run run = new Run(List.of(args), process.exitValue(), Files.readString(out), Files.readString(err));
            Files.delete(out);
            Files.delete(err);
            RUNS.add(run);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every run of this JVM so far. */
    static List<Run> runs() {
        return List.copyOf(RUNS);
    }
}
