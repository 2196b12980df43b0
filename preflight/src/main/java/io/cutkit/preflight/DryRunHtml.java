package io.cutkit.preflight;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.Severity;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link DryRunReport} as one self-contained HTML page (no scripts, no external files): a
 * verdict line, the findings most severe first with their fix and evidence, the stages, the estimate.
 */
final class DryRunHtml {

    private DryRunHtml() {
    }

    static String render(DryRunReport report) {
        Map<Severity, Long> counts = report.counts();
        boolean blocked = counts.get(Severity.P0) > 0;
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>cutkit dry-run: ")
                .append(escape(report.subject())).append("</title>\n<style>\n")
                .append("body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}\n")
                .append("h1{font-size:1.4em}.verdict{padding:.8em 1em;border-radius:6px;font-weight:600}\n")
                .append(".blocked{background:#fde2e1;color:#8a1c14}.clear{background:#e3f4e1;color:#1d5e1a}\n")
                .append("table{border-collapse:collapse;width:100%;margin:1em 0}td,th{text-align:left;padding:.4em .6em;")
                .append("border-bottom:1px solid #ddd;vertical-align:top}\n")
                .append(".sev{font-weight:700;border-radius:4px;padding:.1em .45em;color:#fff}.P0{background:#c0392b}")
                .append(".P1{background:#d68910}.P2{background:#7f8c8d}\n")
                .append("code{background:#f4f4f4;padding:0 .25em;border-radius:3px;overflow-wrap:anywhere}.cls{white-space:nowrap}")
                .append("details{margin:.3em 0}.fix{margin:.3em 0}.muted{color:#666}\n")
                .append(".bar{background:#eee;border-radius:4px;height:1.1em;position:relative;max-width:40em}")
                .append(".bar span{display:block;height:100%;border-radius:4px;background:#2e86c1}\n")
                .append("</style></head><body>\n");
        b.append("<h1>cutkit dry-run: ").append(escape(report.subject())).append("</h1>\n");
        b.append("<p class=\"verdict ").append(blocked ? "blocked" : "clear").append("\">")
                .append(blocked ? counts.get(Severity.P0) + " blocker(s) to fix before the window"
                        : "No blocker found: nothing here stops the cutover")
                .append(" &middot; ").append(counts.get(Severity.P0)).append(" P0, ").append(counts.get(Severity.P1))
                .append(" P1, ").append(counts.get(Severity.P2)).append(" P2</p>\n");
        b.append("<h2>Findings</h2>\n");
        if (report.findings().isEmpty()) {
            b.append("<p>None.</p>\n");
        } else {
            b.append("<table><thead><tr><th>severity</th><th>class</th><th>where</th><th>what and the fix</th></tr></thead><tbody>\n");
            for (Finding f : report.findings()) {
                b.append("<tr><td><span class=\"sev ").append(f.severity()).append("\">").append(f.severity())
                        .append("</span></td><td class=\"cls\"><code>").append(escape(f.findingClass().id())).append("</code></td><td>")
                        .append(f.object() == null ? "" : "<code>" + escape(f.object()) + "</code>").append("</td><td>")
                        .append(escape(f.message())).append("<div class=\"fix\"><b>Fix:</b> ").append(escape(f.fix()))
                        .append("</div>");
                if (!f.evidence().isEmpty()) {
                    b.append("<details><summary>evidence</summary><ul>");
                    f.evidence().forEach((k, v) -> b.append("<li><b>").append(escape(k)).append("</b>: <code>")
                            .append(escape(String.valueOf(v))).append("</code></li>"));
                    b.append("</ul></details>");
                }
                b.append("</td></tr>\n");
            }
            b.append("</tbody></table>\n");
        }
        b.append("<h2>Stages</h2>\n<table><thead><tr><th>stage</th><th>status</th><th>time</th><th>note</th></tr></thead><tbody>\n");
        for (StageResult s : report.stages()) {
            b.append("<tr><td>").append(escape(s.name())).append("</td><td>")
                    .append(s.status().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                    .append(String.format("%.1f s", s.elapsed().toMillis() / 1000.0)).append("</td><td class=\"muted\">")
                    .append(escape(s.note())).append("</td></tr>\n");
        }
        b.append("</tbody></table>\n");
        report.estimate().ifPresent(e -> {
            double share = Math.min(1.0, (double) e.total().toMillis() / Math.max(1, e.window().toMillis()));
            b.append("<h2>Time estimate</h2>\n<p>Export ").append(seconds(e.export()))
                    .append(e.exportMeasured() ? "" : " (estimated)").append(", import ").append(seconds(e.load()))
                    .append(", migrations ").append(seconds(e.migrations())).append(": <b>").append(seconds(e.total()))
                    .append("</b> of a ").append(e.window().toMinutes()).append(" min window")
                    .append(e.fits() ? "" : " <b>(over budget)</b>").append(".</p>\n<div class=\"bar\" title=\"share of the window\">")
                    .append(String.format(Locale.ROOT, "<span style=\"width:%.1f%%\"></span>", Math.max(0.5, share * 100)))
                    .append("</div>\n");
        });
        b.append("<p class=\"muted\">Nothing was written to the source or the target: ").append(DryRunReport.READ_ONLY)
                .append(". The dry-run took ")
                .append(seconds(report.elapsed())).append(".</p>\n</body></html>\n");
        return b.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
