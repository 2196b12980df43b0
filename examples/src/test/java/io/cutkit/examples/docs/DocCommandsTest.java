package io.cutkit.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@code cutkit} and {@code mvn} command of README.md and docs/*.md names what exists: the lines of shell
 * blocks (fenced without a language or as {@code sh}, {@code bash}, {@code console}, {@code shell}) parse against
 * the real {@code CutkitCommand} and name real profiles, modules, benchmarks and tests; inline code spans that start
 * with a command name only real subcommands and options. Nothing is run here.
 *
 * <p>Where the documented commands do run (on the tests' own files in place of the docs' paths): README's test command
 * is exactly what {@code .ci/run} runs (checked below); the rehearsal of README's first command and of rehearsal.md
 * ({@code Rehearsal.run}: no blocker, each {@code -Dinject=} blocker, {@code -Donline=true}) runs in-process in
 * {@code RehearsalInjectionIT} and {@code RehearsalOnlineIT}; {@code cutkit dry-run} of README.md, cli.md and
 * dry-run.md runs through the jar in cli's {@code DryRunCommandIT} (refdata's dump, the same kinds of options);
 * cli.md's {@code inspect}, {@code export}, {@code import}, {@code verify}, {@code migrations}, {@code guard},
 * {@code secret} and {@code numbers} run in {@code CutkitJarIT}, each subcommand's {@code --help} in
 * {@code SubcommandHelpAndUsageIT}; faults.md's and fuzz.md's commands are the test runs they name. The benchmarks
 * and the {@code cutover} profile (real cloud accounts) run by hand only; core's {@code BenchmarkLauncherTest}
 * checks how {@code -Dbench=} finds a benchmark.
 */
class DocCommandsTest {

    private static Path root;
    private static List<Markdown> documents;
    private static List<DocCommand> commands;

    @BeforeAll
    static void readDocs() throws Exception {
        root = RepositoryRoot.find();
        documents = Markdown.documents(root);
        commands = new ArrayList<>();
        for (Markdown doc : documents) {
            commands.addAll(DocCommand.in(doc));
        }
    }

    @Test
    void everyCutkitCommandParsesAgainstTheCommandLine() {
        List<DocCommand> cutkit = commands.stream().filter(c -> c.program() == DocCommand.Program.CUTKIT).toList();
        List<String> problems = new ArrayList<>();
        cutkit.forEach(c -> CutkitCommandCheck.problem(c)
                .ifPresent(p -> problems.add(c.where() + ": " + c.text() + ": " + p)));

        assertThat(cutkit.stream().filter(c -> !c.synopsis())).as("cutkit commands in shell blocks").hasSizeGreaterThanOrEqualTo(10);
        assertThat(problems).as("cutkit commands that do not fit the command line (%d checked)", cutkit.size()).isEmpty();
    }

    @Test
    void everyOptionTheCommandLineGuidesNameExists() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Markdown doc : documents) {
            if (doc.name().equals("docs/cli.md") || doc.name().equals("docs/dry-run.md")) {
                for (Markdown.Span span : doc.spans()) {
                    checked += span.text().startsWith("--") ? 1 : 0;
                    CutkitCommandCheck.optionProblem(span.text())
                            .ifPresent(p -> problems.add(span.file() + ":" + span.line() + ": `" + span.text() + "`: " + p));
                }
            }
        }

        assertThat(checked).as("options named in cli.md and dry-run.md").isGreaterThanOrEqualTo(50);
        assertThat(problems).as("options the guides name that do not exist (%d checked)", checked).isEmpty();
    }

    @Test
    void everyMavenCommandNamesProfilesModulesBenchmarksAndTestsThatExist() {
        MavenCommandCheck check = new MavenCommandCheck(root);
        List<DocCommand> maven = commands.stream().filter(c -> c.program() == DocCommand.Program.MAVEN).toList();
        List<String> problems = new ArrayList<>();
        maven.forEach(c -> check.problems(c).forEach(p -> problems.add(c.where() + ": " + p)));

        assertThat(maven).as("mvn commands").hasSizeGreaterThanOrEqualTo(15);
        assertThat(problems).as("mvn commands that do not fit the build (%d checked)", maven.size()).isEmpty();
    }

    @Test
    void benchmarksMdListsEveryBenchmarkAndNoOther() throws Exception {
        Pattern row = Pattern.compile("^\\| (\\w+) \\| `(\\w+)` \\|");
        List<String> listed = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("docs/benchmarks.md"))) {
            Matcher m = row.matcher(line);
            if (m.find()) {
                listed.add(m.group(1) + ":" + m.group(2));
            }
        }

        assertThat(listed).as("the benchmarks in docs/benchmarks.md's table, as module:name")
                .containsExactlyInAnyOrderElementsOf(new MavenCommandCheck(root).benchmarks());
    }

    @Test
    void theQuickStartIsTheRehearsalAndTheTestCommandCiRuns() throws Exception {
        Markdown readme = Markdown.parse("README.md", Files.readAllLines(root.resolve("README.md")));
        Markdown.Block block = readme.blocks().stream().filter(b -> b.section().equals("Quick start")).findFirst().orElseThrow();
        List<String> quickStart = DocCommand.in(new Markdown("README.md", List.of(block), List.of())).stream()
                .map(DocCommand::text).toList();
        Matcher ci = Pattern.compile("(?m)^TEST_COMMAND='([^']+)'$").matcher(Files.readString(root.resolve(".ci/run")));
        String rehearsal = commands.stream().filter(c -> c.where().startsWith("docs/rehearsal.md:") && !c.synopsis())
                .findFirst().orElseThrow().text();

        assertThat(ci.find()).as(".ci/run sets TEST_COMMAND").isTrue();
        assertThat(block.lines()).as("README's quick start: two commands and nothing else").hasSize(2);
        assertThat(quickStart).containsExactly("mvn -B -ntp -P rehearsal package", ci.group(1));
        assertThat(rehearsal).isEqualTo(quickStart.get(0));
    }

    @Test
    void aMadeUpSubcommandOrOptionIsCaught() {
        List<DocCommand> wrong = DocCommand.in(Markdown.parse("docs/wrong.md", List.of(
                "```",
                "./cutkit dry-run --dump prod.sql.gz --database crm --target-flavour mysql-8.4",
                "./cutkit migrations plan-all --target jdbc:mysql://db:3306/",
                "```",
                "Or `cutkit verify --source ... --parallel N` and `cutkit guard scan [--expect ENCRYPTED]`.",
                "",
                "`cutkit numbers plan|apply --credentials FILE (--number E164... | --all-numbers)",
                "[--concurrency N] [--dry]` spans two lines.",
                "",
                "`cutkit import PATH [--definers KEEP|REWRITE]` names a value --definers does not take.")));

        assertThat(wrong).hasSize(6);
        assertThat(CutkitCommandCheck.problem(wrong.get(0))).hasValueSatisfying(p -> assertThat(p).contains("--target-flavour"));
        assertThat(CutkitCommandCheck.problem(wrong.get(1))).hasValueSatisfying(p -> assertThat(p).contains("plan-all"));
        assertThat(CutkitCommandCheck.problem(wrong.get(2))).hasValueSatisfying(p -> assertThat(p).contains("--parallel"));
        assertThat(CutkitCommandCheck.problem(wrong.get(3))).isEmpty();
        assertThat(wrong.get(4).where()).isEqualTo("docs/wrong.md:7");
        assertThat(CutkitCommandCheck.problem(wrong.get(4))).hasValue("'cutkit numbers plan' has no option '--dry'");
        assertThat(CutkitCommandCheck.problem(wrong.get(5))).hasValueSatisfying(p -> assertThat(p)
                .startsWith("'cutkit import --definers' takes [").endsWith(", not 'REWRITE'"));
        assertThat(CutkitCommandCheck.optionProblem("--target-flavour NAME")).hasValue("no cutkit command has the option --target-flavour");
        assertThat(CutkitCommandCheck.optionProblem("--<role>-password-files|stdin"))
                .hasValue("no cutkit command has the options --source-password-files, --target-password-files");
        assertThat(CutkitCommandCheck.optionProblem("--source-password-file|env|stdin")).isEmpty();
    }

    @Test
    void aMissingProfileModuleBenchmarkOrTestIsCaught() {
        List<DocCommand> wrong = DocCommand.in(Markdown.parse("docs/wrong.md", List.of(
                "```sh",
                "$ mvn -B -ntp -P benchmark -pl mysql -am verify -DskipTests -Dbench=ExportImport",
                "$ mvn -B -ntp -P bench -pl crypto -am verify -DskipTests -Dbench=ExportImport",
                "$ mvn -B -ntp -pl cli,sql -am verify -Dit.test='CutkitJarIT#noSuchMethod*,NoSuchIT'",
                "$ mvn -B -ntp -P bench -pl <module> -am verify -DskipTests -Dbench=<name>",
                "$ mvn -B -ntp -P rehearsal package -Dinject=wrong-keys",
                "mvn output lines are not commands",
                "```")));
        MavenCommandCheck check = new MavenCommandCheck(RepositoryRoot.find());

        assertThat(wrong).hasSize(5);
        assertThat(check.problems(wrong.get(0))).singleElement().asString().startsWith("-P benchmark: no pom declares");
        assertThat(check.problems(wrong.get(1))).singleElement().asString().contains("crypto has no benchmark");
        assertThat(check.problems(wrong.get(2))).containsExactly(
                "-pl sql: no such module; the modules are [bom, core, mysql, crypto, gcp, twilio, preflight, cli, examples]",
                "CutkitJarIT#noSuchMethod*: no test method of CutkitJarIT matches noSuchMethod*",
                "NoSuchIT: no test class matches NoSuchIT");
        assertThat(check.problems(wrong.get(3))).isEmpty();
        assertThat(check.problems(wrong.get(4))).singleElement().asString()
                .startsWith("-Dinject=wrong-keys: the rehearsal has no such blocker").contains("wrong-key");
    }
}
