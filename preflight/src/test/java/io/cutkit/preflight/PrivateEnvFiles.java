package io.cutkit.preflight;

import io.cutkit.mysql.refdata.Refdata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Copies of refdata's env files with mode 600, as EnvFile requires, optionally with one value changed. */
final class PrivateEnvFiles {

    private PrivateEnvFiles() {
    }

    /** refdata's {@code file} copied into {@code directory}. */
    static Path copy(String file, Path directory) {
        return write(file, directory, "", UnaryOperator.identity());
    }

    /** refdata's {@code file} copied into {@code directory} with {@code name} set to {@code value}. */
    static Path copyWith(String file, Path directory, String name, String value) {
        return write(file, directory, name + "-", line -> line.startsWith(name + "=") ? name + "=" + value : line);
    }

    /** refdata's {@code file} copied into {@code directory} without {@code name}. */
    static Path copyWithout(String file, Path directory, String name) {
        return write(file, directory, "without-" + name + "-", line -> line.startsWith(name + "=") ? null : line);
    }

    private static Path write(String file, Path directory, String prefix, UnaryOperator<String> edit) {
        List<String> lines = new ArrayList<>();
        for (String line : lines(file)) {
            String edited = edit.apply(line);
            if (edited != null) {
                lines.add(edited);
            }
        }
        Path copy = directory.resolve(prefix + file);
        try {
            Files.write(copy, lines, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    /** Name to value of refdata's {@code file}, for tests that check no value leaks. */
    static Map<String, String> values(String file) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : lines(file)) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return values;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Refdata.file(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
