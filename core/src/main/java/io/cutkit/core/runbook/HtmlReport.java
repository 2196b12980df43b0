package io.cutkit.core.runbook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Renders a {@link RunReport} as one self-contained HTML file (well-formed XHTML, inline CSS and
 * SVG, no external resources): a timeline with, for every step, its budget as a pale bar and its
 * actual time as a bar coloured by status, followed by the same figures as a table.
 */
public final class HtmlReport {

    private static final int LABEL_WIDTH = 300;
    private static final int CHART_WIDTH = 620;
    private static final int ROW_HEIGHT = 26;

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
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}")
                .append("table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}")
                .append(".budget{fill:#e3e8ef}.DONE{fill:#2e7d32}.DONE_EARLIER{fill:#81c784}.ABORTED{fill:#c62828}")
                .append(".ROLLED_BACK{fill:#ef6c00}.ROLLBACK_FAILED{fill:#6a1b9a}.NOT_RUN{fill:#9e9e9e}.over{stroke:#c62828;stroke-width:2}")
                .append("text{font-size:12px}\n</style>\n</head>\n<body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<p>Total ").append(escape(Durations.format(report.elapsed())));
        report.window().ifPresent(w -> html.append(" of a ").append(escape(Durations.format(w))).append(" window"));
        html.append(", ").append(report.stepsDone()).append(" of ").append(report.steps().size()).append(" steps done.");
        if (!report.reason().isEmpty()) {
            html.append(" ").append(escape(report.reason()));
        }
        html.append("</p>\n");
        appendTimeline(html, report);
        appendTable(html, report);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void appendTimeline(StringBuilder html, RunReport report) {
        long scaleMillis = Math.max(1, report.elapsed().toMillis());
        for (StepOutcome step : report.steps()) {
            long end = step.startOffset().toMillis() + Math.max(step.elapsed().toMillis(), step.budget().toMillis());
            scaleMillis = Math.max(scaleMillis, end);
        }
        int height = ROW_HEIGHT * report.steps().size() + 30;
        html.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"timeline\">%n",
                LABEL_WIDTH + CHART_WIDTH + 20, height));
        int row = 0;
        for (StepOutcome step : report.steps()) {
            int y = 10 + row * ROW_HEIGHT;
            double x0 = LABEL_WIDTH + CHART_WIDTH * (double) step.startOffset().toMillis() / scaleMillis;
            double budgetWidth = CHART_WIDTH * (double) step.budget().toMillis() / scaleMillis;
            double actualWidth = Math.max(1, CHART_WIDTH * (double) step.elapsed().toMillis() / scaleMillis);
            html.append(String.format(Locale.ROOT, "<g class=\"step\" data-step=\"%d\">", step.number()));
            html.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"%d\">%s</text>", y + 14,
                    escape(step.number() + ". " + step.title())));
            html.append(String.format(Locale.ROOT, "<rect class=\"budget\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"18\"/>",
                    x0, y + 1, budgetWidth));
            html.append(String.format(Locale.ROOT,
                    "<rect class=\"actual %s%s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"10\"><title>%s</title></rect>",
                    step.status(), step.overBudget() && step.status() != StepStatus.NOT_RUN ? " over" : "", x0, y + 5,
                    actualWidth, escape(step.status() + ", " + Durations.format(step.elapsed()) + " of "
                            + Durations.format(step.budget()))));
            html.append("</g>\n");
            row++;
        }
        html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">0</text><text x=\"%d\" y=\"%d\">%s</text>%n",
                LABEL_WIDTH, height - 4, LABEL_WIDTH + CHART_WIDTH - 40, height - 4,
                escape(Durations.format(Duration.ofMillis(scaleMillis)))));
        html.append("</svg>\n");
    }

    private static void appendTable(StringBuilder html, RunReport report) {
        html.append("<table>\n<tr><th>step</th><th>title</th><th>status</th><th>elapsed</th><th>budget</th><th>detail</th></tr>\n");
        for (StepOutcome step : report.steps()) {
            html.append("<tr><td>").append(step.number()).append("</td><td>").append(escape(step.title()))
                    .append("</td><td>").append(step.status()).append("</td><td>")
                    .append(step.status() == StepStatus.NOT_RUN ? "-" : escape(Durations.format(step.elapsed())))
                    .append("</td><td>").append(escape(Durations.format(step.budget()) + (step.hardBudget() ? " (hard)" : "")))
                    .append("</td><td>").append(escape(step.detail())).append("</td></tr>\n");
        }
        html.append("</table>\n");
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
