package io.jenkins.plugins.aiworkflow.cli;

import static io.jenkins.plugins.aiworkflow.cli.JUnitXml.failed;
import static io.jenkins.plugins.aiworkflow.cli.JUnitXml.passed;
import static io.jenkins.plugins.aiworkflow.cli.JUnitXml.skipped;
import static io.jenkins.plugins.aiworkflow.cli.JUnitXml.suite;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code aiwf.jar} as a real process ({@code java -jar}, the JVM running
 * the tests) in a temporary project directory, as a CI job would.
 */
class AiwfValidateIT {
    private static final String REPORTS = "r/TEST-*.xml";
    /** Only a guard against hanging: what is waited for happens at once. */
    private static final Duration GENEROUS = Duration.ofMinutes(1);

    /** The project directory: the process's working directory and so the default workspace. */
    @TempDir
    Path project;

    /** Where the process's stdout and stderr go, outside the project. */
    @TempDir
    Path streams;

    @Test
    void shouldExitZeroWhenTheSuitePasses() throws Exception {
        // given
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd"), passed("shouldSubtract")));

        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS);

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).contains("Validation PASSED: 2 tests, 2 passed, 0 failed");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void shouldExitOneAndNameTheFailingTest() throws Exception {
        // given
        JUnitXml.write(project, "r/TEST-calc.xml",
                suite(passed("shouldAdd"), failed("shouldDivide", "expected 2 but was 3")));

        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS);

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("Validation FAILED")
                .contains("FAILED maxFailures: 1 test(s) failed, maxFailures is 0: "
                        + "com.acme.CalculatorTest.shouldDivide");
    }

    @Test
    void shouldExitOneWithTheRequireTestsReasonWhenNoReportMatches() throws Exception {
        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS);

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("FAILED requireTests: no test was executed (no report file matched "
                + REPORTS + ")");
    }

    @Test
    void shouldExitTwoWithAMessageOnAnUnknownOption() throws Exception {
        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS, "--max-failurez", "1");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
        assertThat(result.err()).contains("Unknown option: '--max-failurez'", "Did you mean --max-failures?",
                "Try 'aiwf validate --help'");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void shouldExitTwoWhenTheBaselineCannotBeRead() throws Exception {
        // given
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd")));
        Files.writeString(project.resolve("not-json.json"), "<html>surely not a result</html>");

        // when
        AiwfProcess.Result missing = aiwf("validate", "--reports", REPORTS, "--baseline", "missing.json");
        AiwfProcess.Result invalid = aiwf("validate", "--reports", REPORTS, "--baseline", "not-json.json");

        // then
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.err()).contains("baseline 'missing.json' does not exist", "accepted: a JSON result file");
        assertThat(invalid.exitCode()).as(invalid.toString()).isEqualTo(2);
        assertThat(invalid.err()).contains("baseline 'not-json.json' is not valid JSON");
    }

    @Test
    void shouldPassWhenTheCommandWritesTheReport() throws Exception {
        // given
        String command = "echo running the tests && mkdir -p r && printf '" + suite(passed("shouldAdd"))
                + "' > r/TEST-a.xml";

        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS, "--command", command);

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).contains("Running test command: echo running the tests")
                .contains("\nrunning the tests\n")
                .contains("Test command exited with 0")
                .contains("Validation PASSED: 1 tests, 1 passed");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldKillADoubleForkedGrandchildOfTheTestCommandOnSigterm() throws Exception {
        // given: a test command whose grandchild left it, still running when aiwf is stopped
        AiwfProcess.writeSpawnScript(project);
        AiwfProcess.Started started = new AiwfProcess(project, streams).start(Map.of(), "validate", "--reports",
                REPORTS, "--command", "sh spawn.sh 600");
        assertThat(AiwfProcess.awaitFile(project.resolve("grandchild.pid"), GENEROUS)).as("the command started")
                .isTrue();
        long grandchild = Long.parseLong(Files.readString(project.resolve("grandchild.pid")).strip());

        // when
        started.process().destroy();

        // then
        assertThat(started.process().waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as("aiwf ended after SIGTERM")
                .isTrue();
        assertThat(AiwfProcess.awaitGone(grandchild, GENEROUS)).as("the grandchild is gone: " + started.result())
                .isTrue();
        assertThat(project.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void shouldFailWithTheExitCodeReasonWhenTheCommandExitsThree() throws Exception {
        // given
        String command = "mkdir -p r && printf '" + suite(passed("shouldAdd")) + "' > r/TEST-a.xml && exit 3";

        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS, "--command", command);

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        // the reason is one console line: the command's line break is shown as \\u000a
        assertThat(result.out()).contains("FAILED acceptedExitCodes: command '" + command.replace("\n", "\\u000a")
                + "' exited with 3, acceptedExitCodes is [0]");
    }

    @Test
    void shouldFailAndMentionTheStaleReportWhenTheCommandWritesNone() throws Exception {
        // given
        Path old = JUnitXml.write(project, "r/TEST-old.xml", suite(passed("shouldAdd")));
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(1, ChronoUnit.HOURS)));

        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS, "--command", "echo wrote nothing");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("WARNING: Ignoring 1 stale report file(s) that the command did not write: "
                        + "r/TEST-old.xml")
                .contains("FAILED requireTests: no test was executed")
                .contains("stale");
    }

    @Test
    void shouldWriteAJsonResultWithTheVerdictAndTotals() throws Exception {
        // given
        JUnitXml.write(project, "r/TEST-calc.xml",
                suite(passed("shouldAdd"), failed("shouldDivide", "expected 2 but was 3"), skipped("shouldSquare")));

        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS, "--json", "out/aiwf/result.json");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(project.resolve("out/aiwf/result.json").toFile());
        assertThat(json.path("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(json.path("reasons").get(0).path("condition").asText()).isEqualTo("maxFailures");
        JsonNode totals = json.path("totals");
        assertThat(totals.path("tests").asLong()).isEqualTo(3);
        assertThat(totals.path("passed").asLong()).isEqualTo(1);
        assertThat(totals.path("failures").asLong()).isEqualTo(1);
        assertThat(totals.path("skipped").asLong()).isEqualTo(1);
        assertThat(totals.path("passRate").asDouble()).isEqualTo(0.5);
        JsonNode failure = json.path("failures").get(0);
        assertThat(failure.path("className").asText()).isEqualTo(JUnitXml.CLASS_NAME);
        assertThat(failure.path("name").asText()).isEqualTo("shouldDivide");
        assertThat(failure.path("problems").get(0).path("message").asText()).isEqualTo("expected 2 but was 3");
        assertThat(json.path("reportFiles").get(0).asText()).isEqualTo("r/TEST-calc.xml");
        try (var files = Files.list(project.resolve("out/aiwf"))) {
            assertThat(files).as("no temporary file is left").hasSize(1);
        }
    }

    @Test
    void shouldWriteAMarkdownSummary() throws Exception {
        // given
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd"), failed("shouldDivide", "boom")));

        // when
        AiwfProcess.Result result = aiwf("validate", "--reports", REPORTS, "--markdown", "summary.md");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(project.resolve("summary.md")).content(StandardCharsets.UTF_8)
                .contains("Validation failed")
                .contains("| 2 | 1 | 1 | 0 | 0 | 0 | 50.00% |")
                .contains("`com.acme.CalculatorTest.shouldDivide` FAILED");
        assertThat(result.out()).contains("Markdown summary written to summary.md");
    }

    @Test
    void shouldPassTheSecondRunWhenOnlyTheBaselineFailureStillFails() throws Exception {
        // given: a first run with a known failure writes the baseline
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd"), failed("shouldDivide", "boom")));
        AiwfProcess.Result first = aiwf("validate", "--reports", REPORTS, "--json", "baseline/result.json");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);

        // when: the same test still fails in the second run
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd"), failed("shouldDivide", "boom again")));
        AiwfProcess.Result second = aiwf("validate", "--reports", REPORTS, "--baseline", "baseline/result.json",
                "--new-failures-only", "--json", "second.json");

        // then
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(0);
        assertThat(second.out()).contains("Validation PASSED");
        JsonNode json = new ObjectMapper().readTree(project.resolve("second.json").toFile());
        assertThat(json.path("newFailures").size()).isZero();
        assertThat(json.path("baseline").path("source").asText()).isEqualTo("baseline/result.json");
    }

    @Test
    void shouldFailTheSecondRunOnANewFailureDespiteTheBaseline() throws Exception {
        // given
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd"), failed("shouldDivide", "boom")));
        AiwfProcess.Result first = aiwf("validate", "--reports", REPORTS, "--json", "baseline.json");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);

        // when
        JUnitXml.write(project, "r/TEST-calc.xml", suite(failed("shouldAdd", "broken"), failed("shouldDivide", "boom")));
        AiwfProcess.Result second = aiwf("validate", "--reports", REPORTS, "--baseline", "baseline.json", "--new-failures-only");

        // then
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
        assertThat(second.out()).contains("FAILED maxFailures: 1 new test failure(s)")
                .contains("com.acme.CalculatorTest.shouldAdd");
    }

    @Test
    void shouldFailTheSecondRunWhenAFailingTestOfTheBaselineWasReplacedByATrivialOne() throws Exception {
        // given
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd"), failed("shouldDivide", "boom")));
        AiwfProcess.Result first = aiwf("validate", "--reports", REPORTS, "--json", "baseline.json");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);

        // when: the failing test is gone and a trivial one keeps the count
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd"), passed("shouldBeTrue")));
        AiwfProcess.Result second = aiwf("validate", "--reports", REPORTS, "--baseline", "baseline.json");
        AiwfProcess.Result allowed = aiwf("validate", "--reports", REPORTS, "--baseline", "baseline.json",
                "--allow-missing-tests");

        // then
        assertThat(second.exitCode()).as(second.toString()).isEqualTo(1);
        assertThat(second.out()).contains("FAILED allowMissingTests: 1 test(s) that ran in the baseline are missing: "
                + "com.acme.CalculatorTest.shouldDivide, allowMissingTests is false");
        assertThat(allowed.exitCode()).as(allowed.toString()).isEqualTo(0);
        assertThat(allowed.out()).contains("NOTE   1 test(s) that ran in the baseline are missing: "
                + "com.acme.CalculatorTest.shouldDivide (allowed by allowMissingTests)");
    }

    @Test
    void shouldShowTheVersionAndTheExitCodesFromThePackagedJar() throws Exception {
        // when
        AiwfProcess.Result version = aiwf("--version");
        AiwfProcess.Result help = aiwf("validate", "--help");

        // then
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).matches("(?s)aiwf \\d+\\.\\d+\\.\\d+.*");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit codes:", "--[no-]require-tests", "Default: true");
    }

    @Test
    void shouldLoadNothingOfImplementNorOfHelpToValidate() throws Exception {
        // given
        JUnitXml.write(project, "r/TEST-calc.xml", suite(passed("shouldAdd")));
        Path classes = streams.resolve("classes.log");

        // when: the JVM lists every class it loads
        AiwfProcess.Result result = new AiwfProcess(project, streams)
                .withJvmOptions("-Xlog:class+load:file=" + classes)
                .run(Map.of(), "validate", "--reports", REPORTS, "--max-failures=0", "--no-allow-flaky");

        // then: start-up is part of what a user waits for (docs/performance.md)
        assertThat(result.exitCode()).as(result.toString()).isZero();
        List<String> loaded = Files.readAllLines(classes).stream()
                .map(line -> line.substring(line.indexOf(']', line.indexOf("class,load")) + 2))
                .map(line -> line.substring(0, line.indexOf(' ')))
                .toList();
        assertThat(loaded).contains(ValidateCommand.class.getName(), "org.apache.commons.cli.DefaultParser")
                .noneMatch(name -> name.startsWith("com.openai.") || name.startsWith("com.fasterxml.jackson.")
                        || name.startsWith("kotlin.") || name.startsWith("okhttp3.") || name.startsWith("picocli."))
                .noneMatch(name -> name.startsWith("io.jenkins.plugins.aiworkflow.engine.agent."))
                .doesNotContain(ImplementCommand.class.getName(), HelpText.class.getName(), CommandHelp.class.getName(),
                        Suggestions.class.getName())
                .noneMatch(name -> name.startsWith("io.jenkins.plugins.aiworkflow.cli.") && name.contains("$$Lambda"));
    }

    private AiwfProcess.Result aiwf(String... args) throws IOException, InterruptedException {
        return new AiwfProcess(project, streams).run(Map.of(), args);
    }
}
