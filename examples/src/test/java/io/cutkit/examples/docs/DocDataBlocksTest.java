package io.cutkit.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cutkit.preflight.DryRunOptions;
import io.cutkit.preflight.TargetFlavor;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.json.JsonMapper;

/**
 * The docs' data blocks are what the code reads: dry-run.md's YAML plan is a plan file {@link DryRunOptions} accepts,
 * its JSON example conforms to docs/dry-run.schema.json, and every {@code io.cutkit} dependency of an XML block
 * names a module's artifact at the project's version.
 */
class DocDataBlocksTest {

    private static Path root;
    private static List<Markdown.Block> blocks;

    @TempDir
    Path dir;

    @BeforeAll
    static void readDocs() throws Exception {
        root = RepositoryRoot.find();
        blocks = new ArrayList<>();
        Markdown.documents(root).forEach(doc -> blocks.addAll(doc.blocks()));
    }

    @Test
    void dryRunMdsYamlPlanIsAPlanFileTheDryRunReads() throws Exception {
        List<Markdown.Block> plans = blocks("docs/dry-run.md", "yaml");
        assertThat(plans).isNotEmpty();
        for (Markdown.Block plan : plans) {
            DryRunOptions options = DryRunOptions.read(write(plan, "dry-run.yaml"));
            assertThat(options.get("database")).as(plan.where(0)).isPresent();
            options.get("target-flavor").ifPresent(flavor -> assertThat(TargetFlavor.byId(flavor)).as(plan.where(0)).isPresent());
        }
    }

    @Test
    void aPlanWithAKeyTheDryRunDoesNotKnowIsRefused() throws Exception {
        Markdown.Block plan = Markdown.parse("docs/wrong.md", List.of("```yaml", "database: crm", "target_flavor: mysql-8.4", "```"))
                .blocks().get(0);

        assertThatThrownBy(() -> DryRunOptions.read(write(plan, "dry-run.yaml")))
                .hasMessageContaining("Unknown dry-run option 'target_flavor'");
    }

    @Test
    void dryRunMdsJsonExampleConformsToThePublishedSchema() throws Exception {
        Schema schema;
        try (InputStream in = Files.newInputStream(root.resolve("docs/dry-run.schema.json"))) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
        List<Markdown.Block> examples = blocks("docs/dry-run.md", "json");
        assertThat(examples).isNotEmpty();
        JsonMapper json = JsonMapper.builder().build();
        for (Markdown.Block example : examples) {
            assertThat(schema.validate(json.readTree(String.join("\n", example.lines())))).as(example.where(0)).isEmpty();
        }
        String withoutSummary = String.join("\n", examples.get(0).lines()).replaceFirst("\"summary\"", "\"totals\"");
        assertThat(schema.validate(json.readTree(withoutSummary))).as("the schema catches a renamed field").isNotEmpty();
    }

    @Test
    void everyCutkitDependencyInAnXmlBlockIsAModuleAtTheProjectVersion() throws Exception {
        Element parent = xml(Files.readString(root.resolve("pom.xml")));
        String version = child(parent, "version");
        Set<String> artifacts = new TreeSet<>(Set.of(child(parent, "artifactId")));
        NodeList modules = parent.getElementsByTagName("module");
        for (int i = 0; i < modules.getLength(); i++) {
            Path pom = root.resolve(modules.item(i).getTextContent().trim()).resolve("pom.xml");
            artifacts.add(child(xml(Files.readString(pom)), "artifactId"));
        }
        int checked = 0;
        for (Markdown.Block block : blocks.stream().filter(b -> b.language().equals("xml")).toList()) {
            NodeList dependencies = xml("<doc>" + String.join("\n", block.lines()) + "</doc>").getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                if (child(dependency, "groupId").equals("io.cutkit")) {
                    assertThat(child(dependency, "artifactId")).as(block.where(0)).isIn(artifacts);
                    assertThat(child(dependency, "version")).as(block.where(0)).isEqualTo(version);
                    checked++;
                }
            }
        }
        assertThat(checked).as("io.cutkit dependencies in xml blocks").isPositive();
    }

    private static List<Markdown.Block> blocks(String file, String language) {
        return blocks.stream().filter(b -> b.file().equals(file) && b.language().equals(language)).toList();
    }

    private Path write(Markdown.Block block, String name) throws Exception {
        return Files.writeString(dir.resolve(name), String.join("\n", block.lines()) + "\n");
    }

    private static Element xml(String text) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    private static String child(Element element, String name) {
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child && child.getTagName().equals(name)) {
                return child.getTextContent().trim();
            }
        }
        return "";
    }
}
