package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.script.FuzzSeed;
import io.cutkit.mysql.script.ScriptFormatException;
import io.cutkit.mysql.script.ScriptStatement;
import io.cutkit.mysql.script.StatementSplitter;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.zip.ZipException;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzes the statement splitter and the inspector with damaged dumps ({@link FuzzInputs}): neither
 * ever fails other than by a format error with a line; whatever the inspector lets through splits into
 * terminated statements only, the same in full and head-only mode; a file cut short keeps exactly the
 * statements whose delimiter precedes the cut and is refused when it ends inside one. The number of
 * cases per property is jqwik's {@code jqwik.tries.default} (1,000; docs/fuzz.md has the long run).
 */
@AddLifecycleHook(FuzzSeed.class)
class DumpFuzzTest {

    @Property(edgeCases = EdgeCasesMode.NONE)
    void refusesOrSplitsDamagedDumpsIntoWholeStatements(@ForAll("damaged") FuzzInputs.Case damaged) throws IOException {
        Statistics.label("damage").collect(damaged.damage());
        Statistics.label("outcome").collect(check(damaged.bytes()));
        if (damaged.damage().cut()) {
            List<String> whole = split(damaged.bytes(), StatementSplitter::over).statements.stream()
                    .filter(ScriptStatement::terminated).map(ScriptStatement::text).toList();
            assertThat(whole).as("statements whose delimiter precedes the cut")
                    .containsExactlyElementsOf(endingBefore(damaged.original(), damaged.cut()));
        }
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    void refusesGarbageWithoutFailing(@ForAll("garbage") byte[] garbage) throws IOException {
        Statistics.label("outcome").collect(check(garbage));
    }

    @Provide
    Arbitrary<FuzzInputs.Case> damaged() {
        return FuzzInputs.cases();
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return FuzzInputs.garbage();
    }

    /**
     * Inspects and splits {@code file} both ways, checks that they agree, and says whether an import
     * would be refused or would load the statements.
     */
    static String check(byte[] file) throws IOException {
        DumpReport report = DumpInspector.builder().build().inspect(new ByteArrayInputStream(file), "fuzz.sql");
        Split full = split(file, StatementSplitter::over);
        Split heads = split(file, StatementSplitter::headsOnly);
        assertThat(heads.positions()).isEqualTo(full.positions());
        assertThat(heads.failure).isEqualTo(full.failure);
        boolean broken = full.failure != null || !full.statements.isEmpty() && !full.statements.get(full.statements.size() - 1).terminated();
        if (broken || full.statements.isEmpty()) {
            assertThat(report.blocking()).as("refused: %s", report.render()).isTrue();
        }
        if (report.blocking()) {
            assertThat(report.blockers()).allSatisfy(v -> assertThat(v.message()).isNotBlank());
            return "refused";
        }
        assertThat(report.statements()).isEqualTo(full.statements.size());
        return "loads";
    }

    /** The statements of {@code file} whose delimiter ends at or before byte {@code cut}. */
    private static List<String> endingBefore(byte[] file, int cut) throws IOException {
        List<String> out = new ArrayList<>();
        try (StatementSplitter s = StatementSplitter.over(new ByteArrayInputStream(file))) {
            for (ScriptStatement st; (st = s.next()) != null && s.bytesRead() <= cut; ) {
                out.add(st.text());
            }
        }
        return out;
    }

    /** Statements read before the end or a failure, and the failure as "type at line". */
    record Split(List<ScriptStatement> statements, String failure) {
        List<String> positions() {
            return statements.stream().map(s -> s.offset() + "+" + s.length() + "@" + s.line() + (s.terminated() ? ";" : "")).toList();
        }
    }

    static Split split(byte[] file, Function<DumpInput, StatementSplitter> splitterOf) throws IOException {
        List<ScriptStatement> out = new ArrayList<>();
        String failure = null;
        try (DumpInput in = DumpInput.open(new ByteArrayInputStream(file)); StatementSplitter s = splitterOf.apply(in)) {
            try {
                for (ScriptStatement st; (st = s.next()) != null; ) {
                    out.add(st);
                }
            } catch (ScriptFormatException e) {
                assertThat(e.line()).isPositive();
                failure = "format error at line " + e.line();
            } catch (EOFException | ZipException e) {
                failure = "gzip stream broken";
            }
        } catch (EOFException | ZipException e) {
            failure = "gzip header broken";
        }
        return new Split(out, failure);
    }
}
