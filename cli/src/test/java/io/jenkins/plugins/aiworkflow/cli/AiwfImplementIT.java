package io.jenkins.plugins.aiworkflow.cli;

import static io.jenkins.plugins.aiworkflow.cli.SmallProject.CALCULATOR;
import static io.jenkins.plugins.aiworkflow.cli.SmallProject.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Fault;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.RecordedRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aiwf implement} from the packaged jar, as a real process, against the scripted
 * OpenAI-wire server on 127.0.0.1 (the real openai-java client inside aiwf.jar talks to it).
 */
class AiwfImplementIT {
    private static final String KEY = "sk-test-cli-7c41e9a0d2";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    @TempDir
    Path streams;

    ScriptedModelServer server;
    AiwfProcess aiwf;

    @BeforeEach
    void setUp() throws IOException {
        SmallProject.create(project);
        server = ScriptedModelServer.start();
        aiwf = new AiwfProcess(project, streams);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    /** implement against the scripted server as OpenAI (a key is required), without retries. */
    private AiwfProcess.Result implement(String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("implement", "--intent", "Fix Calculator.add",
                "--model", "gpt-4.1-mini", "--base-url", server.baseUrl(), "--max-retries", "0"));
        args.addAll(List.of(options));
        return aiwf.run(Map.of("OPENAI_API_KEY", KEY), args.toArray(String[]::new));
    }

    @Test
    void shouldChangeTheFilePrintTheDiffAndUsageAndExitZero() throws Exception {
        // given
        server.enqueue(SmallProject.fixTurns());

        // when
        AiwfProcess.Result result = implement("--json", "out/result.json");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(project.resolve(CALCULATOR)).content().contains(SmallProject.FIXED_LINE);
        assertThat(result.out())
                .contains("Implementing in " + project.toRealPath())
                .contains("Turn 1: read_file - 1020 tokens (1000 in, 0 cached, 20 out), cost $")
                .contains("Turn 2: edit_file - ")
                .contains("Status: CHANGED (FINISHED: the agent called finish)")
                .contains("Summary: add() subtracted; it adds now.")
                .contains("Changed files: 1\n  MODIFIED " + CALCULATOR)
                .contains("diff --git a/" + CALCULATOR + " b/" + CALCULATOR + "\n--- a/" + CALCULATOR + "\n+++ b/"
                        + CALCULATOR)
                .contains("-        return a - b;\n+        return a + b;")
                .contains("Usage: 3 turn(s), 3360 tokens (3300 in, 2100 cached, 60 out, 0 reasoning), cost $0.00")
                .contains("JSON result written to out/result.json");
        assertThat(result.err()).isEmpty();
        JsonNode json = JSON.readTree(project.resolve("out/result.json").toFile());
        assertThat(json.path("status").asText()).isEqualTo("CHANGED");
        assertThat(json.path("stopReason").path("kind").asText()).isEqualTo("FINISHED");
        assertThat(json.path("changedFiles").get(0).path("path").asText()).isEqualTo(CALCULATOR);
        assertThat(json.path("changedFiles").get(0).path("kind").asText()).isEqualTo("MODIFIED");
        assertThat(json.path("diff").asText()).contains("+        return a + b;");
        assertThat(json.path("usage").path("inputTokens").asLong()).isEqualTo(3300);
        assertThat(json.path("usage").path("cachedInputTokens").asLong()).isEqualTo(2100);
        assertThat(json.path("usage").path("costKnown").asBoolean()).isTrue();
        assertThat(json.path("turns").asInt()).isEqualTo(3);
    }

    @Test
    void shouldWriteAMarkdownSummaryForAPullRequestComment() throws Exception {
        // given
        server.enqueue(SmallProject.fixTurns());

        // when
        AiwfProcess.Result result = implement("--markdown", "out/summary.md");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).contains("Markdown summary written to out/summary.md");
        assertThat(project.resolve("out/summary.md")).content(StandardCharsets.UTF_8)
                .startsWith("### ✅ Implementation CHANGED\n")
                .contains("**Stop reason** `FINISHED`: `the agent called finish`")
                .contains("| 3 | 3360 | 3300 | 2100 | 60 | 0 | $0.00")
                .contains("```text\nadd() subtracted; it adds now.\n```")
                .contains("- MODIFIED `" + CALCULATOR + "`")
                .contains("```diff\ndiff --git a/" + CALCULATOR + " b/" + CALCULATOR + "\n--- a/" + CALCULATOR
                        + "\n+++ b/" + CALCULATOR + "\n")
                .contains("-        return a - b;\n+        return a + b;");
    }

    /** A heap far below what the floods below would fill if the conversation kept them. */
    private static final String SMALL_HEAP = "-Xmx64m";

    @Test
    void shouldFinishWithinASmallHeapWhenEveryTurnFloodsMegabytesOfText() throws Exception {
        // given: ten turns of 2 MB of text each next to a usable call, in a JVM with 64 MB of heap (the SDK
        // needs several times an answer's size while it parses it: one of 4 MB does not fit at all)
        String flood = "x".repeat(2_000_000);
        for (int turn = 1; turn <= 10; turn++) {
            server.enqueue(call("c" + turn, "read_file", "{\"path\":\"AGENTS.md\"}").withText(flood));
        }
        server.enqueue(call("c11", "finish", "{\"summary\":\"read the rules\"}"));

        // when
        AiwfProcess.Result result = aiwf.withJvmOptions(SMALL_HEAP).run(Map.of("OPENAI_API_KEY", KEY), "implement",
                "--intent", "Read the rules", "--model", "gpt-4.1-mini", "--base-url", server.baseUrl(),
                "--max-retries", "0", "--transcript", "transcript.jsonl", "--json", "result.json");

        // then: it ran to its end; every request after a flood carried only the kept head and tail
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(JSON.readTree(project.resolve("result.json").toFile()).path("stopReason").path("kind").asText())
                .isEqualTo("FINISHED");
        assertThat(server.requests()).hasSize(11).allSatisfy(request -> assertThat(request.body().length())
                .isLessThan(400_000));
        assertThat(result.out()).contains("Turn 10: the reply was too large: its text of 2,000,000 characters was "
                + "cut to 20,000 (head and tail)");
    }

    @Test
    void shouldWriteTheResultAndTheStopEventWhenTheMemoryRunsOut() throws Exception {
        // given: a first turn that writes a file, then an answer of 30 MB, within the 32 MiB that are read but
        // more than a 64 MB heap holds once the SDK parses it
        server.enqueue(call("c1", "write_file", "{\"path\":\"kept.txt\",\"content\":\"kept\"}"),
                Fault.flood(30L * 1024 * 1024));

        // when
        AiwfProcess.Result result = aiwf.withJvmOptions(SMALL_HEAP).run(Map.of("OPENAI_API_KEY", KEY), "implement",
                "--intent", "Write", "--model", "gpt-4.1-mini", "--base-url", server.baseUrl(), "--max-retries", "0",
                "--transcript", "transcript.jsonl", "--json", "result.json");

        // then: exit 3 as for any internal error, but with the result, the stop event and the work done
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(3);
        assertThat(result.out()).contains("Internal error during turn 2, please report it: java.lang.OutOfMemoryError",
                "Status: ERROR (INTERNAL_ERROR: internal error during turn 2: java.lang.OutOfMemoryError");
        JsonNode json = JSON.readTree(project.resolve("result.json").toFile());
        assertThat(json.path("status").asText()).isEqualTo("ERROR");
        assertThat(json.path("stopReason").path("kind").asText()).isEqualTo("INTERNAL_ERROR");
        assertThat(json.path("changedFiles").get(0).path("path").asText()).isEqualTo("kept.txt");
        List<String> events = Files.readAllLines(project.resolve("transcript.jsonl"));
        assertThat(JSON.readTree(events.get(events.size() - 1)).path("stopReason").asText())
                .isEqualTo("INTERNAL_ERROR");
        assertThat(project.resolve("kept.txt")).hasContent("kept");
    }

    @Test
    void shouldExitOneWhenTheAgentFinishesWithoutAChange() throws Exception {
        // given
        server.enqueue(call("c1", "finish", "{\"summary\":\"Already correct.\"}"));

        // when
        AiwfProcess.Result result = implement();

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.out()).contains("Status: NO_CHANGE (FINISHED: the agent called finish)")
                .contains("Changed files: 0").contains("Diff: (none)");
        assertThat(project.resolve(CALCULATOR)).content().contains(SmallProject.BUGGY_LINE);
    }

    @Test
    void shouldExitFourAtMaxTurnsAndKeepTheFileWrittenSoFar() throws Exception {
        // given
        server.enqueue(call("c1", "write_file", "{\"path\":\"NOTES.md\",\"content\":\"step one\\n\"}"),
                call("c2", "finish", "{\"summary\":\"never reached\"}"));

        // when
        AiwfProcess.Result result = implement("--max-turns", "1", "--json", "result.json");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(4);
        assertThat(project.resolve("NOTES.md")).hasContent("step one");
        assertThat(result.out()).contains("Status: LIMIT (LIMIT: maxTurns reached: 1 model calls made, the limit is 1)")
                .contains("  CREATED NOTES.md").contains("+step one");
        assertThat(server.requests()).hasSize(1);
        JsonNode json = JSON.readTree(project.resolve("result.json").toFile());
        assertThat(json.path("status").asText()).isEqualTo("LIMIT");
        assertThat(json.path("stopReason").path("kind").asText()).isEqualTo("LIMIT");
        assertThat(json.path("changedFiles").get(0).path("kind").asText()).isEqualTo("CREATED");
    }

    @Test
    void shouldExitFiveWhenTheServerFailsAndKeepTheWorkDone() throws Exception {
        // given
        server.enqueue(call("c1", "write_file", "{\"path\":\"a.txt\",\"content\":\"kept\"}"),
                Fault.status(500, "upstream exploded"));

        // when
        AiwfProcess.Result result = implement("--json", "result.json");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.out()).contains("Status: ERROR (MODEL_ERROR: the model call of turn 2 failed: ")
                .contains("HTTP 500").contains("upstream exploded");
        assertThat(project.resolve("a.txt")).hasContent("kept");
        JsonNode json = JSON.readTree(project.resolve("result.json").toFile());
        assertThat(json.path("status").asText()).isEqualTo("ERROR");
        assertThat(json.path("stopReason").path("kind").asText()).isEqualTo("MODEL_ERROR");
    }

    @Test
    void shouldUseTheApiKeyButShowItNowhereNorPassItToCommands() throws Exception {
        // given: the key is in the environment under its name and copied into an innocent variable
        server.enqueue(call("c1", "run_command", "{\"command\":\"env\"}"),
                call("c2", "write_file", "{\"path\":\"key.txt\",\"content\":\"no key here\"}"),
                call("c3", "finish", "{\"summary\":\"looked around\"}"));
        Map<String, String> environment = Map.of("OPENAI_API_KEY", KEY, "BUILD_NOTE", "deployed with " + KEY,
                "GREETING", "hello");

        // when
        AiwfProcess.Result result = aiwf.run(environment, "implement", "--intent", "Show the environment",
                "--model", "gpt-4.1-mini", "--base-url", server.baseUrl(), "--allow-command", "env",
                "--transcript", streams.resolve("transcript.jsonl").toString(), "--json", "result.json");

        // then: the key went to the server, and nowhere else
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        List<RecordedRequest> requests = server.requests();
        assertThat(requests.get(0).header("Authorization")).isEqualTo("Bearer " + KEY);
        String commandOutput = requests.get(1).body();
        assertThat(commandOutput).contains("GREETING=hello").doesNotContain("OPENAI_API_KEY")
                .doesNotContain("BUILD_NOTE").doesNotContain(KEY);
        assertThat(requests).allSatisfy(request -> assertThat(request.body()).doesNotContain(KEY));
        assertThat(Files.readString(streams.resolve("transcript.jsonl"))).contains("GREETING=hello").doesNotContain(KEY);
        assertThat(Files.readString(project.resolve("result.json"))).doesNotContain(KEY);
        assertThat(result.out()).doesNotContain(KEY);
        assertThat(result.err()).doesNotContain(KEY);
    }

    @Test
    void shouldMaskTheKeyWhenTheServerEchoesItInAnError() throws Exception {
        // given
        server.enqueue(Fault.status(401, "Incorrect API key provided: " + KEY + ". Find your key at ..."));

        // when
        AiwfProcess.Result result = implement("--transcript", "transcript.jsonl", "--json", "result.json",
                "--markdown", "summary.md");

        // then
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(5);
        assertThat(result.out()).contains("HTTP 401").contains("Incorrect API key provided: ****")
                .contains("check the API key (environment variable OPENAI_API_KEY)").doesNotContain(KEY);
        assertThat(result.err()).doesNotContain(KEY);
        assertThat(Files.readString(project.resolve("transcript.jsonl"))).doesNotContain(KEY);
        assertThat(Files.readString(project.resolve("result.json"))).contains("****").doesNotContain(KEY);
        assertThat(Files.readString(project.resolve("summary.md"))).as("masked, in a code span")
                .contains("Incorrect API key provided: ****. Find your key at").doesNotContain(KEY);
    }

    @Test
    void shouldMakeTheScriptedChangeToTheDemoWithTheReplayModel() throws Exception {
        // given: a copy of the repository's demo project
        Path demo = project.resolve("demo");
        DemoProject.copy(DemoProject.examples().resolve("demo"), demo);
        Path script = DemoProject.examples().resolve("demo/replay/fix-slug.json");

        // when
        AiwfProcess.Result result = aiwf.run(Map.of(), "implement", "--workspace", demo.toString(),
                "--model", "replay:" + script, "--intent", "Slugs.slugify turns 'Straße' into 'stra-e'; "
                        + "make it 'strasse'", "--transcript", "transcript.jsonl");

        // then: the change is printed, and it is real: the fixed class slugifies ß
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(0);
        assertThat(result.out()).contains("with replay of " + script + " (4 turns)")
                .contains("Turn 1: read_file, read_file - ")
                .contains("Status: CHANGED")
                .contains("  MODIFIED src/main/java/com/example/demo/Slugs.java")
                .contains("  MODIFIED src/test/java/com/example/demo/SlugsTest.java")
                .contains("+        return ascii.toLowerCase(Locale.ROOT).replace(\"\\u00df\", \"ss\")")
                .contains("+    void shouldSpellOutSharpS() {")
                .contains("Usage: 4 turn(s), 11641 tokens (11246 in, 8064 cached, 395 out, 0 reasoning), cost $0.0027");
        assertThat(result.err()).isEmpty();
        assertThat(DemoProject.slugify(demo, "Straße Nr. 5")).isEqualTo("strasse-nr-5");
        assertThat(DemoProject.slugify(demo, "Crème Brûlée")).isEqualTo("creme-brulee");
        assertThat(Files.readAllLines(project.resolve("transcript.jsonl"))).hasSize(1 + 4 + 5 + 1);
    }

    @Test
    void shouldRefuseBadInputWithExitTwoNamingTheOption() throws Exception {
        // when
        AiwfProcess.Result provider = aiwf.run(Map.of(), "implement", "--intent", "x", "--model", "m",
                "--provider", "bedrock");
        AiwfProcess.Result missingKey = aiwf.run(Map.of(), "implement", "--intent", "x", "--model", "gpt-4.1");
        AiwfProcess.Result replay = aiwf.run(Map.of(), "implement", "--intent", "x", "--model", "replay:nope.json");
        AiwfProcess.Result duration = aiwf.run(Map.of(), "implement", "--intent", "x", "--model", "m",
                "--timeout", "soon");

        // then
        assertThat(List.of(provider, missingKey, replay, duration))
                .allSatisfy(result -> assertThat(result.exitCode()).as(result.toString()).isEqualTo(2))
                .allSatisfy(result -> assertThat(result.out()).isEmpty());
        assertThat(provider.err()).contains("Invalid value for option '--provider': 'bedrock' is not a provider; "
                + "accepted: openai, azure, compatible");
        assertThat(missingKey.err()).contains("environment variable OPENAI_API_KEY is not set or is empty")
                .contains("(option --api-key-env)");
        assertThat(replay.err()).contains("replay script 'nope.json' does not exist").contains("(option --model)");
        assertThat(duration.err()).contains("Invalid value for option '--timeout': 'soon' is not a duration");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldCancelTheModelCallOnSigtermAndStillWriteTranscriptAndResult() throws Exception {
        // given: a model that thinks for five minutes
        server.enqueue(call("c1", "write_file", "{\"path\":\"a.txt\",\"content\":\"kept\"}"),
                call("c2", "finish", "{\"summary\":\"late\"}").withDelay(Duration.ofMinutes(5)));
        AiwfProcess.Started started = aiwf.start(Map.of("OPENAI_API_KEY", KEY), "implement", "--intent", "Write a",
                "--model", "gpt-4.1-mini", "--base-url", server.baseUrl(), "--transcript", "transcript.jsonl",
                "--json", "result.json");
        assertThat(server.awaitRequests(2)).as("the second model call started").isTrue();

        // when
        started.process().destroy();

        // then
        assertThat(started.process().waitFor(2, TimeUnit.MINUTES)).as("aiwf ended after SIGTERM").isTrue();
        AiwfProcess.Result result = started.result();
        assertThat(result.out()).as(result.toString()).contains("Status: ERROR (CANCELLED: ");
        assertThat(project.resolve("a.txt")).hasContent("kept");
        List<String> events = Files.readAllLines(project.resolve("transcript.jsonl"));
        JsonNode stop = JSON.readTree(events.get(events.size() - 1));
        assertThat(stop.path("type").asText()).isEqualTo("stop");
        assertThat(stop.path("stopReason").asText()).isEqualTo("CANCELLED");
        JsonNode json = JSON.readTree(project.resolve("result.json").toFile());
        assertThat(json.path("status").asText()).isEqualTo("ERROR");
        assertThat(json.path("changedFiles").get(0).path("path").asText()).isEqualTo("a.txt");
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void shouldKillADoubleForkedGrandchildOfTheAgentsCommandOnSigterm() throws Exception {
        // given: the agent runs a command whose grandchild left it, and aiwf is stopped while it runs
        AiwfProcess.writeSpawnScript(project);
        server.enqueue(call("c1", "run_command", "{\"command\":\"sh spawn.sh 600\"}"),
                call("c2", "finish", "{\"summary\":\"never\"}"));
        AiwfProcess.Started started = aiwf.start(Map.of("OPENAI_API_KEY", KEY), "implement", "--intent", "Run it",
                "--model", "gpt-4.1-mini", "--base-url", server.baseUrl(), "--allow-command", "sh spawn.sh");
        Duration generous = Duration.ofMinutes(1);
        assertThat(AiwfProcess.awaitFile(project.resolve("grandchild.pid"), generous)).as("the command started")
                .isTrue();
        long grandchild = Long.parseLong(Files.readString(project.resolve("grandchild.pid")).strip());

        // when
        started.process().destroy();

        // then
        assertThat(started.process().waitFor(2, TimeUnit.MINUTES)).as("aiwf ended after SIGTERM").isTrue();
        AiwfProcess.Result result = started.result();
        assertThat(result.out()).as(result.toString()).contains("Status: ERROR (CANCELLED: ");
        assertThat(AiwfProcess.awaitGone(grandchild, generous)).as("the grandchild is gone: " + result).isTrue();
        assertThat(project.resolve("marker.txt")).doesNotExist();
    }
}
