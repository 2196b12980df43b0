package io.cutkit.mysql.dump;

import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.script.GeneratedScriptsAccess;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Damaged dump files for the fuzz suites: a slice of the refdata dump (its header, every table's
 * structure, up to two short rows per table, its trigger in a DELIMITER block, its view and trailer)
 * and generated client scripts with a DELIMITER block after a table and its rows, each cut short at
 * a chosen kind of boundary, mutated byte-wise, or replaced by garbage; plain or gzip.
 */
final class FuzzInputs {

    /** What was done to the source bytes. */
    enum Damage {
        CUT_IN_STRING, CUT_IN_COMMENT, CUT_IN_DELIMITER_BLOCK, CUT_IN_MULTIBYTE_CHARACTER, CUT_AT_LINE_END, CUT_ANYWHERE,
        CUT_GZIP_STREAM, CHANGE_GZIP_BYTE, DELETE_LINE, CHANGE_BYTE, INSERT_QUOTE, GARBAGE, NONE;

        boolean cut() {
            return name().startsWith("CUT_") && this != CUT_GZIP_STREAM;
        }
    }

    /**
     * A damaged file: {@code bytes} as written to disk, {@code original} the undamaged plain text, and
     * for plain cuts the byte position of the cut in it (-1 otherwise).
     */
    record Case(String source, Damage damage, byte[] original, byte[] bytes, int cut) {
        boolean gzip() {
            return bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        }

        @Override
        public String toString() {
            return source + " " + damage + (cut >= 0 ? " at " + cut : "") + ": " + bytes.length + " bytes";
        }
    }

    private static final byte[] MUTANT_BYTES = "'\"`;\n\\/*-#(), \u0000".getBytes(StandardCharsets.ISO_8859_1);
    private static final String TABLE_PREFIX = "CREATE TABLE fuzz_t (id INT PRIMARY KEY, s VARCHAR(100)) DEFAULT CHARSET=utf8mb4;\n"
            + "INSERT INTO fuzz_t VALUES (1, 'naïve ; -- not a comment'), (2, '日本語 /* x */'), (3, 'it''s \\' \"q\" 🙂');\n";
    private static byte[] slice;

    private FuzzInputs() {
    }

    /** Damaged files from both sources, every kind of damage. */
    static Arbitrary<Case> cases() {
        return Combinators.combine(sources(), Arbitraries.of(Damage.values()), Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes()).as(FuzzInputs::damage);
    }

    /** Random bytes, sometimes behind a gzip magic number or a dump tool's header line. */
    static Arbitrary<byte[]> garbage() {
        return Combinators.combine(Arbitraries.of("", "\u001f\u008b", "-- MySQL dump 10.13\n", "DELIMITER ;;\n"),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2048)).as((prefix, body) -> {
                    byte[] head = prefix.getBytes(StandardCharsets.ISO_8859_1);
                    byte[] out = Arrays.copyOf(head, head.length + body.length);
                    System.arraycopy(body, 0, out, head.length, body.length);
                    return out;
                });
    }

    /** Undamaged input: its name and plain bytes. */
    private record Source(String name, byte[] bytes) {
    }

    /** The refdata slice or a generated script. */
    private static Arbitrary<Source> sources() {
        Arbitrary<Source> scripts = GeneratedScriptsAccess.scriptTexts()
                .map(s -> new Source("script", (TABLE_PREFIX + s).getBytes(StandardCharsets.UTF_8)));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.create(() -> new Source("refdata", refdataSlice()))),
                Tuple.of(1, scripts));
    }

    private static Case damage(Source source, Damage damage, int where, int what, byte with) {
        byte[] original = source.bytes();
        String name = source.name();
        return switch (damage) {
            case CUT_IN_STRING -> cutAfter(name, damage, original, where, i -> isQuote(original[i]), 1);
            case CUT_IN_COMMENT -> cutAfter(name, damage, original, where, i -> startsComment(original, i), 1 + what % 3);
            case CUT_IN_DELIMITER_BLOCK -> cutAfter(name, damage, original, where, delimiterBlocks(original)::get, 0);
            case CUT_IN_MULTIBYTE_CHARACTER -> cutAfter(name, damage, original, where, i -> (original[i] & 0xc0) == 0x80, 0);
            case CUT_AT_LINE_END -> cutAfter(name, damage, original, where, i -> original[i] == '\n', what % 2);
            case CUT_ANYWHERE -> cut(name, damage, original, where % (original.length + 1));
            case CUT_GZIP_STREAM -> {
                byte[] gz = gzip(original);
                yield new Case(name, damage, original, Arrays.copyOf(gz, where % gz.length), -1);
            }
            case CHANGE_GZIP_BYTE -> {
                byte[] gz = gzip(original);
                int at = where % gz.length;
                gz[at] = gz[at] == with ? (byte) ~with : with;
                yield new Case(name, damage, original, gz, -1);
            }
            case DELETE_LINE -> new Case(name, damage, original, deleteLine(original, where % original.length), -1);
            case CHANGE_BYTE -> {
                byte[] b = original.clone();
                int at = where % b.length;
                byte mutant = what % 2 == 0 ? MUTANT_BYTES[what / 2 % MUTANT_BYTES.length] : with;
                b[at] = b[at] == mutant ? (byte) (mutant ^ 0x20) : mutant;
                yield new Case(name, damage, original, b, -1);
            }
            case INSERT_QUOTE -> new Case(name, damage, original,
                    insert(original, where % (original.length + 1), "'\"`".charAt(what % 3)), -1);
            case GARBAGE -> {
                byte[] b = new byte[what % 1024];
                new Random(where).nextBytes(b);
                yield new Case("garbage", damage, original, b, -1);
            }
            case NONE -> new Case(name, damage, original, original, -1);
        };
    }

    /** Cuts {@code shift} bytes after the {@code where}-th position where {@code at} holds (anywhere when none does). */
    private static Case cutAfter(String name, Damage damage, byte[] original, int where, IntPredicate at, int shift) {
        int[] positions = IntStream.range(0, original.length).filter(at).toArray();
        int cut = positions.length == 0 ? where % (original.length + 1)
                : Math.min(original.length, positions[where % positions.length] + shift);
        return cut(name, positions.length == 0 ? Damage.CUT_ANYWHERE : damage, original, cut);
    }

    private static Case cut(String name, Damage damage, byte[] original, int cut) {
        return new Case(name, damage, original, Arrays.copyOf(original, cut), cut);
    }

    private static boolean isQuote(byte b) {
        return b == '\'' || b == '"' || b == '`';
    }

    private static boolean startsComment(byte[] b, int i) {
        return b[i] == '#' || i + 1 < b.length && (b[i] == '/' && b[i + 1] == '*' || b[i] == '-' && b[i + 1] == '-');
    }

    /** Positions from a {@code DELIMITER} command that sets another delimiter up to the end of the one that restores {@code ;}. */
    private static BitSet delimiterBlocks(byte[] b) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        BitSet inside = new BitSet(b.length);
        for (int open = text.indexOf("DELIMITER "); open >= 0; ) {
            int close = text.indexOf("DELIMITER ;", open + 1);
            int end = close < 0 ? b.length : Math.min(b.length, close + "DELIMITER ;".length());
            inside.set(open, end);
            open = close < 0 ? -1 : text.indexOf("DELIMITER ", end);
        }
        return inside;
    }

    private static byte[] deleteLine(byte[] b, int at) {
        int start = at;
        while (start > 0 && b[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < b.length && b[end] != '\n') {
            end++;
        }
        end = Math.min(b.length, end + 1);
        byte[] out = Arrays.copyOf(b, b.length - (end - start));
        System.arraycopy(b, end, out, start, b.length - end);
        return out;
    }

    private static byte[] insert(byte[] b, int at, char c) {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) c;
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
    }

    static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The refdata dump with each table's rows cut to at most two rows shorter than 2,000 bytes (tables
     * without such rows keep no INSERT): a few tens of kilobytes that keep every kind of statement.
     */
    static synchronized byte[] refdataSlice() {
        if (slice == null) {
            slice = buildSlice();
        }
        return slice.clone();
    }

    private static byte[] buildSlice() {
        StringBuilder out = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Refdata.dump()), 1 << 16), StandardCharsets.ISO_8859_1))) {
            String insert = null;
            List<String> rows = new ArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                if (insert == null && line.startsWith("INSERT INTO ") && line.endsWith(" VALUES")) {
                    insert = line;
                    rows.clear();
                } else if (insert != null) {
                    if (rows.size() < 2 && line.length() < 2000) {
                        rows.add(line.substring(0, line.length() - 1));
                    }
                    if (line.endsWith(";")) {
                        if (!rows.isEmpty()) {
                            out.append(insert).append('\n').append(String.join(",\n", rows)).append(";\n");
                        }
                        insert = null;
                    }
                } else {
                    out.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
