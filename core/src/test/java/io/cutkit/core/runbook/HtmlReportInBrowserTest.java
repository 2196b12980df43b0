package io.cutkit.core.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders a rolled-back rehearsal's report in headless Chromium and checks the page the browser
 * built and the pixels it drew. Chromium comes from {@code apt-get install -y chromium} (.ci/run
 * installs it); {@code -Dcutkit.chromium=<path>} points at another binary, and
 * {@code -Dcutkit.skipBrowserTests=true} skips this test. Without Chromium it fails in CI and is
 * skipped elsewhere. The screenshot
 * stays in {@code core/target/browser/} as a build artifact.
 */
class HtmlReportInBrowserTest {

    private static final Path OUTPUT = Path.of("target", "browser");
    private static final long TIMEOUT_SECONDS = 120;

    private static Path chromium;
    private static Path page;

    @BeforeAll
    static void renderTheReport() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("cutkit.skipBrowserTests"), "-Dcutkit.skipBrowserTests=true");
        chromium = findChromium();
        page = HtmlReport.write(rolledBackRehearsal(), OUTPUT.resolve("html-report.html")).toAbsolutePath();
    }

    @Test
    void theBrowserShowsTheAbortedStepThePointOfNoReturnAndEachBarsFigures() throws Exception {
        String text = visibleText(runChromium("--dump-dom", "file://" + page));

        assertThat(text).contains("Import aborted here", "row count differs in crm.contact: source 120431, target 120398",
                "Repoint numbers point of no return",
                "point of no return: an abort above this line rolls back, below it the run rolls forward",
                "3.1 s of 30 m hard budget (0.2%)", "1 m 15 s of 1 m hard budget (125%, over budget)",
                "data-move total 1 m 18 s", "rolled back", "not run (5.0 s budget)");
    }

    @Test
    void theScreenshotShowsTheStatusColoursAndThePointOfNoReturnLine() throws Exception {
        Path screenshot = OUTPUT.resolve("html-report.png").toAbsolutePath();
        Files.deleteIfExists(screenshot);
        runChromium("--screenshot=" + screenshot, "--window-size=1280,900", "file://" + page);

        BufferedImage image = ImageIO.read(screenshot.toFile());
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(countPixels(image, 0xc62828)).as("aborted red").isGreaterThan(200);
        assertThat(countPixels(image, 0xef6c00)).as("rolled-back orange").isGreaterThan(50);
        assertThat(countPixels(image, 0x1565c0)).as("point-of-no-return blue").isGreaterThan(200);
    }

    /** Five steps: two done and rolled back, the import over its hard budget and aborted, the repoint not reached. */
    private static RunReport rolledBackRehearsal() {
        String abort = "row count differs in crm.contact: source 120431, target 120398 after the staged move; "
                + "the 33 missing rows are in crm.contact between id 88120 and id 88152, ".repeat(3).trim();
        List<StepOutcome> steps = List.of(
                step(1, "Pre-flight checks", StepStatus.ROLLED_BACK, 0, 400, 60_000, false, false, ""),
                step(2, "Export", StepStatus.ROLLED_BACK, 400, 3_100, 1_800_000, true, false, ""),
                step(3, "Import", StepStatus.ABORTED, 3_500, 75_000, 60_000, true, false, abort),
                step(4, "Repoint numbers", StepStatus.NOT_RUN, 0, 0, 120_000, false, true, ""),
                step(5, "Announce", StepStatus.NOT_RUN, 0, 0, 5_000, false, false, ""));
        return new RunReport("cutover", RunStatus.ROLLED_BACK, true, Instant.EPOCH, Duration.ofMillis(78_600),
                Optional.of(Duration.ofMinutes(30)), steps, Optional.of(3), "step 3 aborted: " + abort);
    }

    private static StepOutcome step(int number, String title, StepStatus status, long startMillis, long elapsedMillis,
            long budgetMillis, boolean hardDataMove, boolean pointOfNoReturn, String detail) {
        return new StepOutcome(number, title, status, Duration.ofMillis(startMillis), Duration.ofMillis(elapsedMillis),
                Duration.ofMillis(budgetMillis), hardDataMove, pointOfNoReturn, hardDataMove ? Set.of("data-move") : Set.of(), detail);
    }

    private static Path findChromium() {
        String configured = System.getProperty("cutkit.chromium");
        List<Path> candidates = new ArrayList<>();
        if (configured != null) {
            candidates.add(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "chromium"));
            }
        }
        candidates.add(Path.of("/usr/bin/chromium"));
        return candidates.stream().filter(Files::isExecutable).findFirst().orElseGet(() -> missing(
                "This test renders the HTML report in headless Chromium, which was not found"
                        + (configured == null ? "" : " at -Dcutkit.chromium=" + configured) + ". Install it with "
                        + "'sudo apt-get update && sudo apt-get install -y chromium' (Debian/Ubuntu), point "
                        + "-Dcutkit.chromium=<path> at a Chromium binary, or skip with -Dcutkit.skipBrowserTests=true."));
    }

    /**
     * Without Chromium the test fails in CI ({@code CI=true}, where .ci/run installs it) and is skipped
     * elsewhere, so the README's commands work on a machine with only a JDK and Maven.
     */
    private static Path missing(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return fail(message);
        }
        Assumptions.abort(message);
        return null;
    }

    private static String runChromium(String... arguments) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("cutkit-chromium-");
        Path stdout = Files.createTempFile(OUTPUT, "chromium-", ".out");
        Path stderr = OUTPUT.resolve("chromium.log");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("Chromium did not finish within " + TIMEOUT_SECONDS + " s; see " + stderr.toAbsolutePath());
            }
            assertThat(process.exitValue()).as("Chromium's exit code; its log is in %s", stderr.toAbsolutePath()).isZero();
            return Files.readString(stdout, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(stdout);
            deleteRecursively(profile);
        }
    }

    /** The page's text as a reader sees it: tags and the style block removed, entities decoded, spaces collapsed. */
    private static String visibleText(String dom) {
        return dom.replaceAll("(?s)<style>.*?</style>|<title>.*?</title>", " ").replaceAll("<[^>]+>", " ")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
                .replaceAll("\\s+", " ");
    }

    private static long countPixels(BufferedImage image, int rgb) {
        long count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return count;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
