package io.cutkit.preflight;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

/** A copy of a gzip dump with lines changed or added, written as plain {@code .sql} for a test to plant a problem in. */
final class DumpVariant {

    private final Path original;
    private final List<UnaryOperator<String>> edits = new ArrayList<>();
    private final List<String> appended = new ArrayList<>();

    private DumpVariant(Path original) {
        this.original = original;
    }

    static DumpVariant of(Path gzipDump) {
        return new DumpVariant(gzipDump);
    }

    /** Applies {@code edit} to every line (bytes read as ISO-8859-1, so any text survives unchanged). */
    DumpVariant editLines(UnaryOperator<String> edit) {
        edits.add(edit);
        return this;
    }

    /** Adds {@code line} after the last line. */
    DumpVariant append(String line) {
        appended.add(line);
        return this;
    }

    Path writeTo(Path file) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(original)),
                StandardCharsets.ISO_8859_1));
             Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.ISO_8859_1))) {
            for (String line; (line = in.readLine()) != null; ) {
                for (UnaryOperator<String> edit : edits) {
                    line = edit.apply(line);
                }
                out.write(line);
                out.write('\n');
            }
            for (String line : appended) {
                out.write(line);
                out.write('\n');
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
