package io.jenkins.plugins.aiworkflow.cli;

import static io.jenkins.plugins.aiworkflow.cli.SmallProject.CALCULATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiwf refine} from the packaged jar, as a real process: the whole loop on a small project whose test
 * command is a shell script, and on the repository's demo project with Maven (the README's main job), each with a
 * replay script.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class AiwfRefineIT {
    private static final String KEY = "sk-test-refine-5d0c93b7e1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Iteration 1 fixes add, iteration 2 (after the feedback naming shouldNegate) fixes negate. */
    private static final String TWO_ITERATIONS = """
            {"model": "gpt-4.1-mini", "turns": [
              {"toolCalls": [{"name": "edit_file", "arguments": {"path": "%1$s",
                "search": "return a - b;", "replace": "return a + b;"}}],
               "usage": {"inputTokens": 5000, "outputTokens": 20}},
              {"expect": {"toolResultContains": "edited %1$s"},
               "toolCalls": [{"name": "finish", "arguments": {"summary": "add() subtracted; it adds now."}}],
               "usage": {"inputTokens": 5100, "outputTokens": 30}},
              {"expect": {"lastMessageContains": "demo.CalculatorTest.shouldNegate"},
               "toolCalls": [{"name": "edit_file", "arguments": {"path": "%1$s",
                "search": "return a;", "replace": "return -a;"}}],
               "usage": {"inputTokens": 5200, "outputTokens": 20}},
              {"expect": {"toolResultContains": "edited %1$s"},
               "toolCalls": [{"name": "finish", "arguments": {"summary": "negate() returned its argument."}}],
               "usage": {"inputTokens": 5300, "outputTokens": 30}}
            ]}
            """.formatted(CALCULATOR);

    @TempDir
    Path project;

    @TempDir
    Path outside;

    @TempDir
    Path streams;

    AiwfProcess aiwf;
    Path replay;
    Path reports;

    @BeforeEach
    void setUp() throws IOException {
        SmallProject.createRefinable(project);
        aiwf = new AiwfProcess(project, streams);
        replay = Files.writeString(outside.resolve("two-iterations.json"), TWO_ITERATIONS);
        reports = outside.resolve("reports");
    }

    /** refine on the small project with the replay, the API key variable set (it must reach no command). */
    private AiwfProcess.Result refine(String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("refine", "--intent", "Make the Calculator tests pass",
                "--model", "replay:" + replay, "--command", SmallProject.REFINE_TEST_COMMAND,
                "--reports", SmallProject.REFINE_REPORTS, "--report-dir", reports.toString()));
        args.addAll(List.of(options));
        return aiwf.run(Map.of("OPENAI_API_KEY", KEY), args.toArray(String[]::new));
    }

    @Test
    void shouldPassAtTheSecondIterationPrintProgressAndWriteTheReports() throws Exception {
        // when
        AiwfProcess.Result result = refine("--transcript", outside.resolve("transcript.jsonl").toString());

        // then: the loop ran to the gate, iteration by iteration
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out())
                .contains("Iteration 0 of 5: FAILED, 2 failing tests, 0 tokens, $0.0000 so far")
                .contains("Iteration 1 of 5: FAILED, 1 failing test, 1 file(s) changed, 10,150 tokens")
                .contains("Iteration 2 of 5: PASSED, 0 failing tests, 1 file(s) changed, 20,700 tokens")
                .contains("Refine PASSED (GATE_PASSED) after 2 of 5 iteration(s)")
                .contains("Reports written to " + reports + ": refine.json, refine.md, refine.html");
        assertThat(result.err()).isEmpty();
        assertThat(Files.readString(project.resolve(CALCULATOR))).contains("return a + b;", "return -a;");
        // the reports
        JsonNode run = JSON.readTree(reports.resolve("refine.json").toFile());
        assertThat(run.path("finished").asBoolean()).isTrue();
        assertThat(run.path("outcome").asText()).isEqualTo("PASSED");
        assertThat(run.path("stopRule").asText()).isEqualTo("GATE_PASSED");
        assertThat(run.path("iterations")).hasSize(3);
        assertThat(run.path("iterations").get(2).path("passed").asBoolean()).isTrue();
        assertThat(reports.resolve("refine.md")).isNotEmptyFile();
        assertThat(reports.resolve("refine.html")).isNotEmptyFile();
        // the key reached neither the test command nor any output
        assertThat(Files.readString(project.resolve("target/test-env.txt"))).doesNotContain(KEY, "OPENAI_API_KEY");
        assertThat(result.out()).doesNotContain(KEY);
        List<String> events = Files.readAllLines(outside.resolve("transcript.jsonl"));
        assertThat(events).as("the transcript of both iterations' agents").noneMatch(event -> event.contains(KEY))
                .anyMatch(event -> event.contains("return a + b;")).anyMatch(event -> event.contains("return -a;"));
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString()).doesNotContain(KEY);
            }
        }
    }

    @Test
    void shouldStopAtTheTokenLimitWithExitFourKeepingTheBestAttempt() throws Exception {
        // when: iteration 1's first call spends 5,020 tokens, so its second one, whose prompt is 5,000 and more, is
        // refused before it is made
        AiwfProcess.Result result = refine("--max-tokens", "9000");

        // then: the limit stopped iteration 1 in its middle; its attempt was still tested
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(Aiwf.LIMIT);
        assertThat(result.out()).contains("Agent stopped: maxTokens reached")
                .contains("Iteration 1 of 5: FAILED, 1 failing test")
                .contains("Refine STOPPED (MAX_TOKENS) after 1 of 5 iteration(s): maxTokens reached")
                .doesNotContain("Iteration 2 of 5");
        JsonNode run = JSON.readTree(reports.resolve("refine.json").toFile());
        assertThat(run.path("stopRule").asText()).isEqualTo("MAX_TOKENS");
        assertThat(reports.resolve("refine.md")).isNotEmptyFile();
        assertThat(reports.resolve("refine.html")).isNotEmptyFile();
        // iteration 1 (one failing test) is better than the start (two), so it is kept
        assertThat(Files.readString(project.resolve(CALCULATOR))).contains("return a + b;", "return a;");
    }

    @Test
    void shouldAbortOnSigtermRestoreTheBestAndStillWriteTheReports() throws Exception {
        // given: the test command hangs once add is fixed, in iteration 1
        String command = "if grep -qF 'return a + b;' " + CALCULATOR + "; then touch target/hanging; sleep 600; fi; "
                + SmallProject.REFINE_TEST_COMMAND;
        AiwfProcess.Started started = aiwf.start(Map.of(), "refine", "--intent", "Make the Calculator tests pass",
                "--model", "replay:" + replay, "--command", command, "--reports", SmallProject.REFINE_REPORTS,
                "--report-dir", reports.toString(), "--json", outside.resolve("run.json").toString());
        assertThat(AiwfProcess.awaitFile(project.resolve("target/hanging"), Duration.ofMinutes(1)))
                .as("iteration 1's test command started").isTrue();

        // when
        started.process().destroy();

        // then: the run ended as ABORTED, the untested attempt was not kept, nothing was lost
        assertThat(started.process().waitFor(2, TimeUnit.MINUTES)).as("aiwf ended after SIGTERM").isTrue();
        AiwfProcess.Result result = started.result();
        assertThat(result.out()).as(result.toString()).contains("Refine STOPPED (ABORTED)");
        JsonNode run = JSON.readTree(reports.resolve("refine.json").toFile());
        assertThat(run.path("finished").asBoolean()).isTrue();
        assertThat(run.path("stopRule").asText()).isEqualTo("ABORTED");
        assertThat(JSON.readTree(outside.resolve("run.json").toFile()).path("stopRule").asText()).isEqualTo("ABORTED");
        assertThat(reports.resolve("refine.html")).isNotEmptyFile();
        assertThat(Files.readString(project.resolve(CALCULATOR))).as(result.out()).contains("return a - b;");
        assertThat(project.resolve(".aiwf/refine-run.json")).doesNotExist();
    }

    @Test
    void shouldRefuseToRunAfterAKilledRunUntilToldToRestore() throws Exception {
        // given: a run killed with SIGKILL while iteration 1's test command hangs, add already fixed by the agent
        String hanging = "if grep -qF 'return a + b;' " + CALCULATOR + "; then echo $$ > target/hanging; "
                + "exec sleep 600; fi; " + SmallProject.REFINE_TEST_COMMAND;
        AiwfProcess.Started killed = aiwf.start(Map.of(), "refine", "--intent", "Make the Calculator tests pass",
                "--model", "replay:" + replay, "--command", hanging, "--reports", SmallProject.REFINE_REPORTS,
                "--report-dir", reports.toString());
        Path pid = project.resolve("target/hanging");
        assertThat(AiwfProcess.awaitFile(pid, Duration.ofMinutes(1))).as("iteration 1's test command started").isTrue();
        killed.process().destroyForcibly();
        assertThat(killed.process().waitFor(1, TimeUnit.MINUTES)).as("aiwf was killed").isTrue();
        // SIGKILL leaves the test command's own session running: end it as an operator would
        ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(Files.readString(project.resolve(CALCULATOR))).contains("return a + b;");

        // when
        AiwfProcess.Result refused = refine();
        AiwfProcess.Result restored = refine("--recover", "restore");

        // then: the first changes nothing and says how to go on; the second starts from the state before the
        // killed run (both bugs back), then fixes both
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(Aiwf.USAGE);
        assertThat(refused.err()).contains("An earlier refine run on this workspace did not end",
                "aiwf refine --recover restore", "(option --recover)");
        assertThat(refused.out()).isEmpty();
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(restored.out()).contains("Iteration 0 of 5: FAILED, 2 failing tests")
                .contains("Recovered: An earlier refine run on this workspace did not end")
                .contains("Refine PASSED (GATE_PASSED) after 2 of 5 iteration(s)");
        assertThat(project.resolve(".aiwf/refine-run.json")).doesNotExist();
    }

    @Test
    void shouldExitTwoOnBadUsageBeforeAnythingRuns() throws Exception {
        // when
        AiwfProcess.Result keep = refine("--keep", "sometimes");
        AiwfProcess.Result iterations = refine("--max-iterations", "0");
        AiwfProcess.Result noCommand = aiwf.run(Map.of(), "refine", "--intent", "x", "--model", "replay:" + replay,
                "--reports", SmallProject.REFINE_REPORTS);

        // then: no test command ran, no report was written
        assertThat(List.of(keep, iterations, noCommand))
                .allSatisfy(result -> assertThat(result.exitCode()).as(result.toString()).isEqualTo(Aiwf.USAGE))
                .allSatisfy(result -> assertThat(result.out()).isEmpty());
        assertThat(keep.err()).contains("Invalid value for option '--keep': 'sometimes' is not a keep; accepted: "
                + "best");
        assertThat(iterations.err()).contains("(option --max-iterations)");
        assertThat(noCommand.err()).contains("Missing required option: '--command=CMD'");
        assertThat(project.resolve("target")).doesNotExist();
        assertThat(reports).doesNotExist();
    }

    @Test
    void shouldFixTheDemoInTwoIterationsAsTheReadmesMainJob() throws Exception {
        // given: a copy of the repository's demo project, whose tests fail, and the Maven wrapper
        Path demo = outside.resolve("demo");
        DemoProject.copy(DemoProject.examples().resolve("demo"), demo);
        Path script = DemoProject.examples().resolve("demo/replay/refine-slug.json");
        Path mvnw = DemoProject.examples().getParent().resolve("mvnw");

        // when
        AiwfProcess.Result result = new AiwfProcess(outside, streams).run(Map.of(), "refine",
                "--workspace", demo.toString(), "--model", "replay:" + script,
                "--intent", "Make the failing SlugsTest tests pass; do not change the tests",
                "--command", mvnw + " -B -q test", "--reports", "target/surefire-reports/TEST-*.xml",
                "--report-dir", reports.toString());

        // then: the first attempt leaves one test failing, the second passes
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("Iteration 0 of 5: FAILED, 2 failing tests")
                .contains("Iteration 1 of 5: FAILED, 1 failing test")
                .contains("Iteration 2 of 5: PASSED, 0 failing tests")
                .contains("Refine PASSED (GATE_PASSED) after 2 of 5 iteration(s)");
        assertThat(DemoProject.slugify(demo, "Don't Panic")).isEqualTo("dont-panic");
        assertThat(DemoProject.slugify(demo, "It\u2019s a Trap")).isEqualTo("its-a-trap");
        assertThat(Files.readString(demo.resolve("src/test/java/com/example/demo/SlugsTest.java")))
                .isEqualTo(Files.readString(DemoProject.examples()
                        .resolve("demo/src/test/java/com/example/demo/SlugsTest.java")));
        assertThat(reports.resolve("refine.json")).isNotEmptyFile();
        assertThat(reports.resolve("refine.md")).isNotEmptyFile();
        assertThat(reports.resolve("refine.html")).isNotEmptyFile();
    }
}
