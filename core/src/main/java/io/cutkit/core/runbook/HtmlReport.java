package io.cutkit.core.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link RunReport} as one self-contained HTML file (well-formed XHTML, inline CSS, no
 * scripts or external resources): a timeline row per step whose bar is scaled to that step's own
 * budget, with the actual time drawn inside it in the status colour and labelled with both
 * figures, so a 3 s step in a 30 m budget reads as well as one that overran. The aborted step,
 * the point of no return and rolled-back steps are marked; a step's message wraps in a row of its
 * own below it; the totals per tag (such as {@code data-move}) head the page.
 */
public final class HtmlReport {

    private static final String STYLE = String.join("",
            "body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1200px}",
            "h1{font-size:1.4em}.summary,.reason{overflow-wrap:anywhere}",
            ".reason{border-left:4px solid #c62828;padding:.4em .8em;background:#fdecea}",
            "table{border-collapse:collapse;table-layout:fixed;width:100%}",
            "th,td{padding:5px 8px;text-align:left;vertical-align:top;border-bottom:1px solid #e0e0e0}",
            "col.number-column{width:3em}col.step-column{width:28%}col.status-column{width:8em}col.started-column{width:6em}",
            ".badge{display:inline-block;border-radius:3px;padding:0 5px;margin-left:6px;font-size:11px;color:#fff}",
            ".badge.aborted-here{background:#c62828}.badge.ponr{background:#1565c0}",
            ".status{display:inline-block;border-radius:3px;padding:0 6px;color:#fff;font-size:12px}",
            ".DONE{background:#2e7d32}.DONE_EARLIER{background:#81c784}.ABORTED{background:#c62828}",
            ".ROLLED_BACK{background:repeating-linear-gradient(135deg,#ef6c00 0 6px,#ffb74d 6px 12px)}",
            ".ROLLBACK_FAILED{background:#6a1b9a}.NOT_RUN{background:#9e9e9e}.status.ROLLED_BACK{background:#ef6c00}",
            ".track{position:relative;height:14px;background:#e3e8ef;border:1px solid #b0bec5}",
            ".track.over{border-color:#c62828;border-width:2px}",
            ".fill{position:absolute;left:0;top:0;bottom:0;min-width:3px}",
            ".bar-label{font-size:12px;color:#444}.bar-label.over{color:#c62828;font-weight:bold}",
            "tr.aborted-here td{background:#fff4f4}tr.aborted-here td:first-child{border-left:4px solid #c62828}",
            "tr.rolled-back .title{text-decoration:line-through;text-decoration-color:#ef6c00}",
            "tr.detail td{border-bottom:1px solid #e0e0e0;font-size:12px;color:#555}",
            ".message{white-space:pre-wrap;overflow-wrap:anywhere}",
            "tr.ponr td{border-top:3px dashed #1565c0;color:#1565c0;font-size:12px;padding-top:2px}");

    private HtmlReport() {
    }

    /** Writes the report to {@code file} and returns it. */
    public static Path write(RunReport report, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, render(report), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the HTML report " + file + ": " + e.getMessage(), e);
        }
    }

    /** The report as an HTML document. */
    public static String render(RunReport report) {
        StringBuilder html = new StringBuilder(8192);
        String title = report.runbook() + (report.rehearsal() ? " (rehearsal)" : "") + ": " + report.status();
        html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>").append(escape(title)).append("</title>\n<style>\n")
                .append(STYLE).append("\n</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n");
        appendSummary(html, report);
        appendTimeline(html, report);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void appendSummary(StringBuilder html, RunReport report) {
        html.append("<p class=\"summary\">Total ").append(escape(Durations.format(report.elapsed())));
        report.window().ifPresent(w -> html.append(" of a ").append(escape(Durations.format(w))).append(" window"));
        html.append(", ").append(report.stepsDone()).append(" of ").append(report.steps().size()).append(" steps done.");
        for (Map.Entry<String, Duration> total : totalsByTag(report).entrySet()) {
            html.append(" <span class=\"tag-total\" data-tag=\"").append(escape(total.getKey())).append("\">")
                    .append(escape(total.getKey())).append(" total ").append(escape(Durations.format(total.getValue())))
                    .append("</span>.");
        }
        html.append("</p>\n");
        if (!report.reason().isEmpty()) {
            html.append("<p class=\"reason\">").append(escape(report.reason())).append("</p>\n");
        }
    }

    private static Map<String, Duration> totalsByTag(RunReport report) {
        Map<String, Duration> totals = new TreeMap<>();
        report.steps().forEach(step -> step.tags().forEach(tag -> totals.put(tag, report.elapsedOfTagged(tag))));
        return totals;
    }

    private static void appendTimeline(StringBuilder html, RunReport report) {
        html.append("<table class=\"timeline\">\n<colgroup><col class=\"number-column\"/><col class=\"step-column\"/>")
                .append("<col class=\"status-column\"/><col class=\"bar-column\"/><col class=\"started-column\"/></colgroup>\n")
                .append("<thead><tr><th>#</th><th>step</th><th>status</th><th>actual time inside its budget</th>")
                .append("<th>started</th></tr></thead>\n<tbody>\n");
        int abortedStep = report.abortedStep().orElse(-1);
        for (StepOutcome step : report.steps()) {
            boolean abortedHere = step.number() == abortedStep;
            String rowClass = "step" + (abortedHere ? " aborted-here" : "")
                    + (step.status() == StepStatus.ROLLED_BACK ? " rolled-back" : "");
            html.append("<tr id=\"step-").append(step.number()).append("\" class=\"").append(rowClass)
                    .append("\" data-step=\"").append(step.number()).append("\"><td>").append(step.number())
                    .append("</td><td><span class=\"title\">").append(escape(step.title())).append("</span>");
            if (abortedHere) {
                html.append("<span class=\"badge aborted-here\">aborted here</span>");
            }
            if (step.pointOfNoReturn()) {
                html.append("<span class=\"badge ponr\">point of no return</span>");
            }
            html.append("</td><td><span class=\"status ").append(step.status()).append("\">").append(statusText(step.status()))
                    .append("</span></td><td>");
            appendBar(html, step);
            html.append("</td><td>").append(step.status() == StepStatus.NOT_RUN || step.status() == StepStatus.DONE_EARLIER
                    ? "-" : "+" + escape(Durations.format(step.startOffset()))).append("</td></tr>\n");
            if (!step.detail().isEmpty()) {
                html.append("<tr class=\"detail\" data-step=\"").append(step.number())
                        .append("\"><td></td><td colspan=\"4\"><div class=\"message\">").append(escape(step.detail()))
                        .append("</div></td></tr>\n");
            }
            if (step.pointOfNoReturn()) {
                html.append("<tr class=\"ponr\"><td colspan=\"5\">point of no return: an abort above this line rolls back, ")
                        .append("below it the run rolls forward</td></tr>\n");
            }
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void appendBar(StringBuilder html, StepOutcome step) {
        boolean ran = step.status() != StepStatus.NOT_RUN;
        boolean over = ran && step.overBudget();
        long budgetMillis = Math.max(1, step.budget().toMillis());
        double percent = 100.0 * step.elapsed().toMillis() / budgetMillis;
        html.append("<div class=\"track").append(over ? " over" : "").append("\">");
        if (ran) {
            html.append(String.format(Locale.ROOT, "<div class=\"fill %s\" style=\"width:%.2f%%\"></div>", step.status(),
                    Math.min(100, percent)));
        }
        html.append("</div><span class=\"bar-label").append(over ? " over" : "").append("\">");
        String budget = Durations.format(step.budget()) + (step.hardBudget() ? " hard" : "") + " budget";
        if (ran) {
            html.append(escape(String.format(Locale.ROOT, "%s of %s (%s%%%s)", Durations.format(step.elapsed()), budget,
                    percent < 10 ? String.format(Locale.ROOT, "%.1f", percent) : String.format(Locale.ROOT, "%.0f", percent),
                    over ? ", over budget" : "")));
        } else {
            html.append("not run (").append(escape(budget)).append(")");
        }
        html.append("</span>");
    }

    private static String statusText(StepStatus status) {
        return status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c >= 0x20 || c == '\n' || c == '\t') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
