package io.cutkit.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

    private static final String XHTML = "http://www.w3.org/1999/xhtml";

    @Test
    void aRunIsWellFormedXhtmlWithOneRowPerStepAndTheAbortedStepMarked() throws Exception {
        List<Step> steps = List.of(
                Step.number(1, "Pre-flight <checks> & \"counts\"").budget(Duration.ofSeconds(60)).action(ctx -> { }).build(),
                Step.number(2, "Export").budget(Duration.ofSeconds(300)).hard().tag("data-move").action(ctx -> Thread.sleep(30)).build(),
                Step.number(3, "Import").budget(Duration.ofSeconds(60)).hard().tag("data-move")
                        .action(ctx -> ctx.abort("row count differs")).build(),
                Step.number(4, "Restart").budget(Duration.ofSeconds(30)).pointOfNoReturn().action(ctx -> { }).build());
        RunReport report = Runbook.of("cutover", RunbookConfig.ofDefaults(), steps).run();

        String html = HtmlReport.render(report);
        Document doc = parse(html);

        assertThat(rowsOfClass(doc, "step")).hasSize(4);
        assertThat(rowsOfClass(doc, "aborted-here")).singleElement()
                .satisfies(row -> assertThat(row.getAttribute("data-step")).isEqualTo("3"));
        assertThat(rowsOfClass(doc, "ponr")).hasSize(1);
        assertThat(html).contains("Pre-flight &lt;checks&gt; &amp; &quot;counts&quot;").contains("row count differs")
                .contains("class=\"status ABORTED\"").contains("not run (30.0 s budget)").contains("data-move total")
                .doesNotContain("<script");
    }

    @Test
    void aStepFarUnderItsBudgetIsLabelledWithBothFiguresAndItsShareOfTheBudget() {
        StepOutcome quick = outcome(1, StepStatus.DONE, Duration.ofMillis(3100), Duration.ofMinutes(30), "");
        String html = HtmlReport.render(report(RunStatus.COMPLETED, null, quick));

        assertThat(html).contains("3.1 s of 30 m budget (0.2%)").contains("width:0.17%");
    }

    @Test
    void aStepOverItsBudgetFillsTheTrackAndIsLabelledOver() {
        StepOutcome slow = outcome(1, StepStatus.DONE, Duration.ofSeconds(90), Duration.ofSeconds(60), "");
        String html = HtmlReport.render(report(RunStatus.COMPLETED, null, slow));

        assertThat(html).contains("class=\"track over\"").contains("width:100.00%")
                .contains("1 m 30 s of 1 m budget (150%, over budget)");
    }

    @Test
    void aLongMessageGoesToADetailRowOfItsOwn() throws Exception {
        String message = "x".repeat(2000);
        StepOutcome aborted = outcome(1, StepStatus.ABORTED, Duration.ofSeconds(1), Duration.ofSeconds(60), message);
        Document doc = parse(HtmlReport.render(report(RunStatus.ROLLED_BACK, 1, aborted)));

        List<Element> details = rowsOfClass(doc, "detail");
        assertThat(details).singleElement().satisfies(row -> assertThat(row.getTextContent()).isEqualTo(message));
        assertThat(rowsOfClass(doc, "step").get(0).getTextContent()).doesNotContain(message);
    }

    @Test
    void aRolledBackStepIsMarkedAsRolledBack() throws Exception {
        StepOutcome undone = outcome(1, StepStatus.ROLLED_BACK, Duration.ofSeconds(1), Duration.ofSeconds(60), "");
        Document doc = parse(HtmlReport.render(report(RunStatus.ROLLED_BACK, null, undone)));

        assertThat(rowsOfClass(doc, "rolled-back")).singleElement()
                .satisfies(row -> assertThat(row.getTextContent()).contains("rolled back"));
    }

    private static StepOutcome outcome(int number, StepStatus status, Duration elapsed, Duration budget, String detail) {
        return new StepOutcome(number, "step " + number, status, Duration.ZERO, elapsed, budget, false, false, Set.of(),
                detail);
    }

    private static RunReport report(RunStatus status, Integer abortedStep, StepOutcome... steps) {
        return new RunReport("cutover", status, true, Instant.EPOCH, Duration.ofSeconds(5), Optional.empty(),
                List.of(steps), Optional.ofNullable(abortedStep), "");
    }

    private static Document parse(String html) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> rowsOfClass(Document doc, String cssClass) {
        NodeList rows = doc.getElementsByTagNameNS(XHTML, "tr");
        List<Element> matching = new ArrayList<>();
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            if (List.of(row.getAttribute("class").split(" ")).contains(cssClass)) {
                matching.add(row);
            }
        }
        return matching;
    }
}
