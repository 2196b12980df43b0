package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a {@link DryRun} found: the findings, most severe first, what each stage did, and the time
 * estimate. {@link #toText()} is for people, {@link #toJson()} follows the {@value #SCHEMA} contract,
 * {@link #write(Path)} puts {@code dry-run.json} and {@code dry-run.html} in a directory. Nothing in
 * it is secret: secrets appear as fingerprints only.
 *
 * @param subject what was rehearsed, e.g. {@code optileads.sql.gz -> crm}
 * @param findings every finding, most severe first
 * @param stages every stage in the order it ran, skipped ones included
 * @param estimate the time estimate, when the import ran
 * @param elapsed how long the dry-run took
 * @param waived the findings a plan's waiver covers, with that waiver (they stay in {@code findings})
 */
public record DryRunReport(String subject, List<Finding> findings, List<StageResult> stages,
        Optional<TimeEstimate> estimate, Duration elapsed, Map<Finding, Waiver> waived) {

    /** The JSON report's schema identifier. */
    public static final String SCHEMA = "cutkit.dry-run/v1";
    /** How the dry-run touched the real servers, as every report says it. */
    public static final String READ_ONLY = "source and target only read (read-only sessions)";

    public DryRunReport {
        findings = findings.stream().sorted(Comparator.comparing(Finding::severity)).toList();
        stages = List.copyOf(stages);
        waived = new java.util.IdentityHashMap<>(waived);
    }

    /** A report without waivers. */
    public DryRunReport(String subject, List<Finding> findings, List<StageResult> stages, Optional<TimeEstimate> estimate,
            Duration elapsed) {
        this(subject, findings, stages, estimate, elapsed, Map.of());
    }

    /** This report with the findings that {@code waivers} cover on {@code day} marked waived (expired ones count). */
    public DryRunReport waivedBy(List<Waiver> waivers, java.time.LocalDate day) {
        Map<Finding, Waiver> marked = new java.util.IdentityHashMap<>();
        for (Finding f : findings) {
            Waiver w = Waiver.covering(waivers, f, day);
            if (w != null) {
                marked.put(f, w);
            }
        }
        return new DryRunReport(subject, findings, stages, estimate, elapsed, marked);
    }

    /** The waiver covering {@code finding}, if one does. */
    public Optional<Waiver> waiver(Finding finding) {
        return Optional.ofNullable(waived.get(finding));
    }

    /**
     * Whether the run fails at threshold {@code failOn}: a finding of that severity or worse that no
     * waiver covers ({@code cutkit dry-run --fail-on}, default P0).
     */
    public boolean failsOn(Severity failOn) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(failOn) && !waived.containsKey(f));
    }

    /** Whether a finding of {@code severity} or worse is present. */
    public boolean hasAtLeast(Severity severity) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(severity));
    }

    /** The findings of one class id, e.g. {@code wrong-key}. */
    public List<Finding> findings(String classId) {
        return findings.stream().filter(f -> f.findingClass().id().equals(classId)).toList();
    }

    /** How many findings of each severity. */
    public Map<Severity, Long> counts() {
        Map<Severity, Long> counts = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            counts.put(s, findings.stream().filter(f -> f.severity() == s).count());
        }
        return counts;
    }

    /** The report for people: findings with their fix and evidence, the stages, the estimate. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("cutkit dry-run: ").append(subject).append('\n');
        Map<Severity, Long> counts = counts();
        b.append(String.format("%d P0 (%s), %d P1 (%s), %d P2 (%s)%n", counts.get(Severity.P0), Severity.P0.meaning(),
                counts.get(Severity.P1), Severity.P1.meaning(), counts.get(Severity.P2), Severity.P2.meaning()));
        if (findings.isEmpty()) {
            b.append("\nNo findings.\n");
        }
        for (Finding f : findings) {
            b.append('\n').append(f.headline()).append('\n');
            waiver(f).ifPresent(w -> b.append("    ").append(w).append('\n'));
            b.append("    fix: ").append(f.fix()).append('\n');
            if (f.autofix() != null) {
                b.append("    autofix: ").append(f.autofix()).append('\n');
            }
            if (!f.evidence().isEmpty()) {
                b.append("    evidence: ");
                List<String> parts = new ArrayList<>();
                f.evidence().forEach((k, v) -> parts.add(k + "=" + v));
                b.append(String.join(", ", parts)).append('\n');
            }
        }
        b.append("\nStages:\n");
        for (StageResult s : stages) {
            b.append(String.format("  %-16s %-7s %7.1f s  %s%n", s.name(), s.status().name().toLowerCase(Locale.ROOT),
                    s.elapsed().toMillis() / 1000.0, s.note()));
        }
        estimate.ifPresent(e -> b.append(String.format(
                "%nEstimate: export %.1f s%s, import %.1f s, migrations %.1f s: %.1f s of the %d min window%s%n",
                seconds(e.export()), e.exportMeasured() ? "" : " (estimated)", seconds(e.load()), seconds(e.migrations()),
                seconds(e.total()), e.window().toMinutes(), e.fits() ? "" : " (over budget)")));
        b.append(String.format("Nothing was written to the source or the target: %s. Dry-run took %.1f s.%n", READ_ONLY,
                seconds(elapsed)));
        return b.toString();
    }

    /** The report as JSON ({@value #SCHEMA}). */
    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("subject", subject);
        root.put("nothing_written", true);
        root.put("read_only", READ_ONLY);
        Map<String, Long> summary = new LinkedHashMap<>();
        counts().forEach((s, n) -> summary.put(s.name(), n));
        root.put("summary", summary);
        List<Map<String, Object>> fs = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("severity", f.severity().name());
            m.put("class", f.findingClass().id());
            m.put("object", f.object());
            m.put("message", f.message());
            m.put("fix", f.fix());
            m.put("autofix", f.autofix());
            m.put("waived", waiver(f).map(w -> {
                Map<String, Object> wm = new LinkedHashMap<>();
                wm.put("reason", w.reason());
                wm.put("until", w.until() == null ? null : w.until().toString());
                return (Object) wm;
            }).orElse(null));
            m.put("evidence", f.evidence());
            fs.add(m);
        }
        root.put("findings", fs);
        List<Map<String, Object>> ss = new ArrayList<>();
        for (StageResult s : stages) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("status", s.status().name().toLowerCase(Locale.ROOT));
            m.put("seconds", seconds(s.elapsed()));
            m.put("note", s.note());
            ss.add(m);
        }
        root.put("stages", ss);
        root.put("estimate", estimate.map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bytes", e.bytes());
            m.put("export_seconds", seconds(e.export()));
            m.put("export_measured", e.exportMeasured());
            m.put("import_seconds", seconds(e.load()));
            m.put("migrations_seconds", seconds(e.migrations()));
            m.put("total_seconds", seconds(e.total()));
            m.put("window_seconds", e.window().toSeconds());
            m.put("fits", e.fits());
            return (Object) m;
        }).orElse(null));
        root.put("elapsed_seconds", seconds(elapsed));
        return JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(root);
    }

    /** Writes {@code dry-run.json} and {@code dry-run.html} into {@code directory} (created if missing). */
    public void write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("dry-run.json"), toJson(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("dry-run.html"), DryRunHtml.render(this), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dry-run report into " + directory + ": " + e.getMessage(), e);
        }
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }
}
