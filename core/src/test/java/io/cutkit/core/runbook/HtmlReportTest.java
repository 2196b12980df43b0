package io.cutkit.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

    @Test
    void theReportIsWellFormedAndShowsOneBarPerStep() throws Exception {
        List<Step> steps = List.of(
                Step.number(1, "Pre-flight <checks> & \"counts\"").budget(Duration.ofSeconds(60)).action(ctx -> { }).build(),
                Step.number(2, "Export").budget(Duration.ofSeconds(300)).hard().tag("data-move").action(ctx -> Thread.sleep(30)).build(),
                Step.number(3, "Import").budget(Duration.ofSeconds(60)).hard().tag("data-move")
                        .action(ctx -> ctx.abort("row count differs")).build(),
                Step.number(4, "Restart").budget(Duration.ofSeconds(30)).action(ctx -> { }).build());
        RunReport report = Runbook.of("cutover", RunbookConfig.ofDefaults(), steps).run();

        String html = HtmlReport.render(report);
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));

        NodeList groups = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        NodeList rects = doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        long actualBars = 0;
        for (int i = 0; i < rects.getLength(); i++) {
            if (((Element) rects.item(i)).getAttribute("class").startsWith("actual")) {
                actualBars++;
            }
        }
        assertThat(groups.getLength()).isEqualTo(4);
        assertThat(actualBars).isEqualTo(4);
        assertThat(html).contains("Pre-flight &lt;checks&gt; &amp; &quot;counts&quot;").contains("row count differs")
                .contains("class=\"actual ABORTED\"").contains("class=\"actual NOT_RUN\"").doesNotContain("<script");
        assertThat(report.elapsedOfTagged("data-move")).isGreaterThanOrEqualTo(Duration.ofMillis(30));
    }
}
