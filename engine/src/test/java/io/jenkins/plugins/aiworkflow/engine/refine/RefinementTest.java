package io.jenkins.plugins.aiworkflow.engine.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.ImplementationRequest;
import io.jenkins.plugins.aiworkflow.engine.ledger.MutableClock;
import io.jenkins.plugins.aiworkflow.engine.llm.ApiKey;
import io.jenkins.plugins.aiworkflow.engine.llm.OpenAiModelConfig;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.Reply;
import io.jenkins.plugins.aiworkflow.engine.llm.testing.ScriptedModelServer.ToolCallReply;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.validate.GateCondition;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.Verdict;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import io.jenkins.plugins.aiworkflow.engine.workspace.WorkspaceState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refine loop end to end: the real openai-java client against the scripted OpenAI-wire server, a real
 * {@link LocalWorkspace} on a temporary directory, and a small test command (a shell script) that writes a JUnit
 * report from the workspace's content: each file in {@code tests/cases/} is a test that passes when
 * {@code src/app.txt} contains the file's text.
 */
class RefinementTest {
    private static final String KEY = "sk-test-refine-5f1c2a";
    private static final String TEST_SCRIPT = """
            #!/bin/sh
            mkdir -p reports
            echo run >> reports/runs.log
            env > reports/env.txt
            if [ -f src/slow ]; then echo $$ > reports/sleeping; sleep 60; fi
            if grep -q 'syntax error' src/app.txt; then echo 'does not compile'; exit 2; fi
            out=reports/TEST-cases.xml
            echo '<testsuite name="cases">' > $out
            for f in tests/cases/*; do
              [ -f "$f" ] || continue
              n=$(basename "$f")
              want=$(cat "$f")
              if [ "$n" = flaky ] && [ ! -f reports/flaky.seen ]; then
                touch reports/flaky.seen
                echo "<testcase classname=\\"Cases\\" name=\\"$n\\"><failure message=\\"flaked\\">at $n</failure></testcase>" >> $out
              elif grep -qF -- "$want" src/app.txt 2>/dev/null; then
                echo "<testcase classname=\\"Cases\\" name=\\"$n\\"/>" >> $out
              else
                echo "<testcase classname=\\"Cases\\" name=\\"$n\\"><failure message=\\"src/app.txt lacks $want\\">at $n</failure></testcase>" >> $out
              fi
            done
            echo '</testsuite>' >> $out
            """;

    @TempDir
    Path root;

    ScriptedModelServer server;
    final MutableClock clock = new MutableClock();
    final EngineLog log = new EngineLog();
    final Map<String, String> environment = new HashMap<>();
    /** The store of the run that {@link #leaveAKilledRun} simulates, deleted after the test when still there. */
    String killedRunStore;

    @BeforeEach
    void setUp() throws IOException {
        server = ScriptedModelServer.start();
        write("tests/run.sh", TEST_SCRIPT);
        write(".gitignore", "reports/\n");
        write("tests/cases/add", "add=2");
        write("tests/cases/answer", "answer=42");
        write("src/app.txt", "add=2\nanswer=41\n");
        environment.put("PATH", System.getenv("PATH"));
        environment.put("OPENAI_API_KEY", KEY);
        environment.put("DB_PASSWORD_FILE_CONTENT", "db-secret-77");
        environment.put("GREETING", "hello");
    }

    @AfterEach
    void tearDown() {
        if (killedRunStore != null && Files.isDirectory(Path.of(killedRunStore))) {
            new LocalWorkspace(root, environment).discardStates(killedRunStore); // a refused run keeps it, by design
        }
        server.close();
        Thread.interrupted(); // a test that interrupted itself leaves no flag for the next
    }

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private String read(String path) throws IOException {
        return Files.readString(root.resolve(path));
    }

    private long testRuns() throws IOException {
        Path runs = root.resolve("reports/runs.log");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    private static Reply call(String id, String tool, String arguments) {
        return Reply.toolCalls(new ToolCallReply(id, tool, arguments));
    }

    private static Reply edit(String id, String search, String replace) {
        return call(id, "edit_file", "{\"path\":\"src/app.txt\",\"search\":\"" + search + "\",\"replace\":\""
                + replace + "\"}");
    }

    private static Reply finish(String id, String summary) {
        return call(id, "finish", "{\"summary\":\"" + summary + "\"}");
    }

    private ImplementationRequest.Builder implementation() {
        return ImplementationRequest.builder().intent("Make the answer right").model(OpenAiModelConfig.builder()
                .model("gpt-4.1-mini").provider(OpenAiModelConfig.Provider.COMPATIBLE).baseUrl(server.baseUrl())
                .apiKey(ApiKey.fromEnvironment("OPENAI_API_KEY", environment::get)).maxRetries(0).build())
                .secretValues(List.of("db-secret-77")).defaultInstructions(false);
    }

    private RefineRequest.Builder request() {
        return RefineRequest.builder().implementation(implementation().build())
                .validation(ValidationRequest.builder().command("sh tests/run.sh")
                        .reports("reports/TEST-*.xml").gate(QualityGate.builder().build()).build());
    }

    private RefineResult run(RefineRequest request) {
        return run(request, RefineListener.NONE);
    }

    private RefineResult run(RefineRequest request, RefineListener listener) {
        return new Refinement(clock).run(request, new LocalWorkspace(root, environment), log, listener);
    }

    private void assertCleanEnd() {
        assertThat(root.resolve(RefineRequest.MARKER_PATH)).doesNotExist();
        assertThat(root.resolve(RefineRequest.MARKER_DIRECTORY)).doesNotExist();
    }

    @Test
    void shouldStopAtOnceAtNoCostWhenTheGatePassesAtIterationZero() throws IOException {
        // given: nothing to fix
        write("src/app.txt", "add=2\nanswer=42\n");

        // when
        RefineResult result = run(request().build());

        // then: no model call, one test run
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(result.iterations()).extracting(IterationRecord::number).containsExactly(0);
        assertThat(result.usage().calls()).isZero();
        assertThat(server.requests()).isEmpty();
        assertThat(testRuns()).isEqualTo(1);
        assertThat(result.kept().iteration()).isZero();
        assertCleanEnd();
    }

    @Test
    void shouldPassAtIterationOne() throws IOException {
        // given
        server.enqueue(edit("c1", "answer=41", "answer=42"), finish("c2", "fixed the answer"));

        // when
        RefineResult result = run(request().build());

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.PASSED);
        assertThat(result.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(result.iterations()).hasSize(2);
        IterationRecord zero = result.iterations().get(0);
        assertThat(zero.agent()).isNull();
        assertThat(zero.validation().verdict()).isEqualTo(Verdict.Status.FAILED);
        assertThat(zero.validation().failingTests()).containsExactly("Cases.answer");
        assertThat(zero.validation().newFailures()).as("failing before the run: not new").isEmpty();
        IterationRecord one = result.iterations().get(1);
        assertThat(one.passed()).isTrue();
        assertThat(one.agent().status()).isEqualTo(AgentStatus.CHANGED);
        assertThat(one.agent().turns()).isEqualTo(2);
        assertThat(one.agent().summary()).isEqualTo("fixed the answer");
        assertThat(one.diff().linesAdded()).isEqualTo(1);
        assertThat(one.diff().linesRemoved()).isEqualTo(1);
        assertThat(one.diff().unifiedDiff()).contains("-answer=41", "+answer=42");
        assertThat(result.usage().calls()).isEqualTo(2);
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=42\n");
        assertThat(result.kept().iteration()).isEqualTo(1);
        assertThat(result.kept().restored()).isFalse();
        assertThat(server.requests().get(0).body()).doesNotContain("lacks answer=42");
        assertCleanEnd();
    }

    @Test
    void shouldPassAtIterationTwoWithTheFeedbackOfTheFirst() throws IOException {
        // given: the first attempt is wrong
        server.enqueue(edit("c1", "answer=41", "answer=40"), finish("c2", "tried 40"),
                edit("c3", "answer=40", "answer=42"), finish("c4", "fixed"));

        // when
        RefineResult result = run(request().build());

        // then: the second attempt's prompt carries the failure; one model run spans both iterations
        assertThat(result.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(result.iterations()).extracting(IterationRecord::number).containsExactly(0, 1, 2);
        assertThat(result.iterations().get(1).feedbackTokens()).isPositive();
        String secondPrompt = server.requests().get(2).body();
        assertThat(secondPrompt).contains("Cases.answer", "src/app.txt lacks answer=42", "since before the run");
        assertThat(result.iterations().get(2).agent().usage().calls()).isEqualTo(2);
        assertThat(result.usage().calls()).isEqualTo(4);
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=42\n");
        assertCleanEnd();
    }

    @Test
    void shouldPlayAReplayOnAcrossIterations() {
        // given: one script for the whole run; its third turn expects the feedback of the first attempt
        String script = """
                {"model": "gpt-4.1-mini", "turns": [
                  {"toolCalls": [{"name": "edit_file", "arguments": {"path": "src/app.txt", "search": "answer=41", "replace": "answer=40"}}],
                   "usage": {"inputTokens": 100, "outputTokens": 10}},
                  {"toolCalls": [{"name": "finish", "arguments": {"summary": "tried 40"}}]},
                  {"expect": {"lastMessageContains": "src/app.txt lacks answer=42"},
                   "toolCalls": [{"name": "edit_file", "arguments": {"path": "src/app.txt", "search": "answer=40", "replace": "answer=42"}}]},
                  {"toolCalls": [{"name": "finish", "arguments": {"summary": "fixed"}}]}
                ]}
                """;
        RefineRequest request = request().implementation(ImplementationRequest.builder().intent("Make the answer right")
                .replay(script, "demo.json").defaultInstructions(false).build()).build();

        // when
        RefineResult result = run(request);

        // then
        assertThat(result.stopRule()).as(result.message()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(result.iterations()).extracting(i -> i.agent() == null ? 0 : i.agent().turns())
                .containsExactly(0, 2, 2);
        assertThat(result.usage().usage().inputTokens()).isEqualTo(100);
        assertThat(result.model()).startsWith("replay of demo.json");
    }

    @Test
    void shouldRestoreTheBestIterationWhenTheIterationsAreSpent() throws IOException {
        // given: three tests failing; the first attempt fixes two, the second breaks one of them again
        write("tests/cases/mul", "mul=6");
        write("src/app.txt", "add=1\nanswer=41\nmul=5\n");
        write("notes.txt", "the user's uncommitted note\n");
        server.enqueue(edit("c1", "add=1", "add=2"), edit("c2", "mul=5", "mul=6"), finish("c3", "two fixed"),
                edit("c4", "add=2", "add=3"), call("c5", "write_file",
                        "{\"path\":\"notes.txt\",\"content\":\"overwritten\\n\"}"), finish("c6", "oops"));

        // when
        RefineResult result = run(request().maxIterations(2).build());

        // then: iteration 1 (one failing) is back, the note as the user left it
        assertThat(result.outcome()).isEqualTo(Outcome.NOT_MET);
        assertThat(result.stopRule()).isEqualTo(StopRule.MAX_ITERATIONS);
        assertThat(result.iterations()).extracting(i -> i.validation().failing()).containsExactly(3L, 1L, 2L);
        assertThat(result.kept().keep()).isEqualTo(Keep.BEST);
        assertThat(result.kept().iteration()).isEqualTo(1);
        assertThat(result.kept().restored()).isTrue();
        assertThat(result.kept().restoreFailures()).isEmpty();
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=41\nmul=6\n");
        assertThat(read("notes.txt")).isEqualTo("the user's uncommitted note\n");
        assertCleanEnd();
    }

    @Test
    void shouldNotTakeAnAttemptWhereNoTestRanForTheBest() throws IOException {
        // given: the attempt breaks the build, so no test runs (and none fails)
        server.enqueue(call("c1", "write_file", "{\"path\":\"src/app.txt\",\"content\":\"syntax error\\n\"}"),
                finish("c2", "rewrote it"));

        // when: without the tamper guard, whose findings would rank the attempt last anyway
        RefineResult result = run(request().maxIterations(1).tamperGuard(false)
                .validation(ValidationRequest.builder().command("sh tests/run.sh").reports("reports/TEST-*.xml")
                        .gate(QualityGate.builder().allowTestDecrease(true).allowMissingTests(true).build()).build())
                .build());

        // then: the untouched workspace, one failing test, is better than no test at all
        assertThat(result.iterations().get(1).validation().counts().tests()).isZero();
        assertThat(result.kept().iteration()).isZero();
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=41\n");
    }

    @Test
    void shouldRestoreTheStartWithKeepNoneAndKeepTheLastWithKeepLast() throws IOException {
        // given
        write("notes.txt", "the user's uncommitted note\n");
        server.enqueue(edit("c1", "answer=41", "answer=40"), call("c2", "write_file",
                "{\"path\":\"notes.txt\",\"content\":\"overwritten\\n\"}"), finish("c3", "tried"));

        // when
        RefineResult none = run(request().maxIterations(1).keep(Keep.NONE).build());

        // then
        assertThat(none.kept().iteration()).isZero();
        assertThat(none.kept().restored()).isTrue();
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=41\n");
        assertThat(read("notes.txt")).isEqualTo("the user's uncommitted note\n");

        // when
        server.enqueue(edit("c1", "answer=41", "answer=40"), finish("c2", "tried"));
        RefineResult last = run(request().maxIterations(1).keep(Keep.LAST).build());

        // then
        assertThat(last.kept().iteration()).isEqualTo(1);
        assertThat(last.kept().restored()).isFalse();
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=40\n");
        assertCleanEnd();
    }

    @Test
    void shouldStopAtTheTokenBudgetInTheMiddleOfAnIterationAndNeverExceedIt() throws IOException {
        // given: the server counts 3,000 prompt tokens and 100 answer tokens a call; the run may use 7,000
        server.enqueue(edit("c1", "answer=41", "answer=40").withUsage(3_000, 100, 0, 0),
                call("c2", "read_file", "{\"path\":\"src/app.txt\"}").withUsage(3_000, 100, 0, 0),
                finish("c3", "never sent"));

        // when
        RefineResult result = run(request().maxTokens(7_000L).build());

        // then: the third call's prompt (3,000 and what the second call added) would not have fit, so it was not
        // made; the attempt was still tested (tests cost no tokens), and the run stayed within the limit
        assertThat(result.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(result.stopRule()).isEqualTo(StopRule.MAX_TOKENS);
        assertThat(result.message()).contains("maxTokens reached: 6200 tokens used").contains("the next call's prompt");
        assertThat(server.requests()).hasSize(2);
        assertThat(result.usage().usage().totalTokens()).isEqualTo(6_200).isLessThanOrEqualTo(7_000);
        // each call may answer with at most what is left after its prompt: the second's prompt is the first's
        // 3,000 plus the reply and tool result since, so at most 7,000 - 3,100 - 3,000 = 900 are left
        List<Integer> caps = server.requests().stream().map(request -> request.json().path("max_tokens").asInt())
                .toList();
        assertThat(caps.get(0)).isBetween(1, 7_000 - 1);
        assertThat(caps.get(1)).isBetween(1, 900 - 1);
        IterationRecord one = result.iterations().get(1);
        assertThat(one.agent().status()).isEqualTo(AgentStatus.LIMIT);
        assertThat(one.validation().failingTests()).containsExactly("Cases.answer");
        assertThat(testRuns()).isEqualTo(2);
        // keep: best: iterations 0 and 1 both fail one test; 0 has the smallest diff
        assertThat(result.kept().iteration()).isZero();
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=41\n");
        assertCleanEnd();
    }

    @Test
    void shouldJudgeAndKeepTheWorkThatAMoneyLimitCutShort() throws IOException {
        // given: gpt-4.1-mini at $0.40 in and $1.60 out per 1M tokens; each call counts 10,000 prompt tokens
        // ($0.004) and 100 answer tokens; after two calls ($0.00832) a third prompt would not fit under $0.01
        server.enqueue(edit("c1", "answer=41", "answer=42").withUsage(10_000, 100, 0, 0), call("c2", "write_file",
                "{\"path\":\"NOTES.md\",\"content\":\"answer fixed\\n\"}").withUsage(10_000, 100, 0, 0),
                finish("c3", "never sent"));

        // when
        RefineResult result = run(request().maxCostUsd(0.01).build());

        // then: the paid-for work was tested, passed, and stays; the money spent stayed within the limit
        assertThat(server.requests()).hasSize(2);
        assertThat(result.usage().cost().usd()).isLessThanOrEqualTo(0.01);
        IterationRecord one = result.iterations().get(1);
        assertThat(one.agent().status()).isEqualTo(AgentStatus.LIMIT);
        assertThat(one.agent().stopReason().message()).startsWith("maxCostUsd reached: $0.0083 spent and the next "
                + "call's prompt of about");
        assertThat(one.passed()).isTrue();
        assertThat(result.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=42\n");
        assertCleanEnd();
    }

    @Test
    void shouldStopAtTheMoneyLimitAfterJudgingTheAttemptThatReachedIt() {
        // given: as above, with a wrong fix
        server.enqueue(edit("c1", "answer=41", "answer=40").withUsage(10_000, 100, 0, 0), call("c2", "write_file",
                "{\"path\":\"NOTES.md\",\"content\":\"tried\\n\"}").withUsage(10_000, 100, 0, 0),
                finish("c3", "never sent"));

        // when
        RefineResult result = run(request().maxCostUsd(0.01).build());

        // then
        assertThat(server.requests()).hasSize(2);
        assertThat(result.stopRule()).isEqualTo(StopRule.MAX_COST);
        assertThat(result.message()).contains("maxCostUsd reached");
        assertThat(result.iterations().get(1).validation()).isNotNull();
        assertThat(result.iterations()).hasSize(2);
        assertThat(result.usage().cost().usd()).isLessThanOrEqualTo(0.01);
    }

    @Test
    void shouldStopWithAnErrorWhenTheModelFailsAfterJudgingTheWorkDoneSoFar() {
        // given: the model fails after the agent's first change
        server.enqueue(edit("c1", "answer=41", "answer=40"), ScriptedModelServer.Fault.status(500, "overloaded"));

        // when
        RefineResult result = run(request().build());

        // then
        assertThat(result.stopRule()).isEqualTo(StopRule.ERROR);
        assertThat(result.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(result.message()).contains("the agent could not go on (iteration 1)");
        IterationRecord one = result.iterations().get(1);
        assertThat(one.agent().status()).isEqualTo(AgentStatus.ERROR);
        assertThat(one.validation().failingTests()).containsExactly("Cases.answer");
        assertCleanEnd();
    }

    @Test
    void shouldStopAtTheRunsWallTimeBeforeTheNextIteration() {
        // given: the clock passes the timeout during iteration 1
        server.enqueue(edit("c1", "answer=41", "answer=40"), finish("c2", "tried"));
        RefineListener slow = new RefineListener() {
            @Override
            public void iterationFinished(IterationRecord record, RefineResult soFar) {
                clock.advance(Duration.ofMinutes(6));
            }
        };

        // when
        RefineResult result = run(request().timeout(Duration.ofMinutes(10)).build(), slow);

        // then
        assertThat(result.stopRule()).isEqualTo(StopRule.TIMEOUT);
        assertThat(result.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(result.message()).contains("timeout reached", "before iteration 2");
        assertThat(result.iterations()).hasSize(2);
    }

    @Test
    void shouldCutTheTestCommandToTheWallTimeTheRunHasLeft() throws IOException {
        // given: 8 seconds of the run's 10 minutes are left from iteration 1 on (the run's clock stands still:
        // enough for the model calls, not for the slow tests)
        server.enqueue(call("c1", "write_file", "{\"path\":\"src/slow\",\"content\":\"x\"}"),
                finish("c2", "slowed down"));
        RefineListener late = new RefineListener() {
            @Override
            public void iterationStarted(int number, int maxIterations) {
                if (number == 1) {
                    clock.advance(Duration.ofMinutes(10).minusSeconds(8));
                }
            }
        };

        // when
        RefineResult result = run(request().timeout(Duration.ofMinutes(10)).build(), late);

        // then: killed at the run's limit, the attempt not chosen, the start back
        assertThat(result.stopRule()).isEqualTo(StopRule.TIMEOUT);
        assertThat(result.message()).contains("during the test command of iteration 1");
        IterationRecord one = result.iterations().get(1);
        assertThat(one.validation().timeLimitReached()).isTrue();
        assertThat(one.validation().exitCode()).isNull();
        assertThat(result.kept().iteration()).isZero();
        assertThat(root.resolve("src/slow")).doesNotExist();
        assertCleanEnd();
    }

    @Test
    void shouldStopWhenTwoIterationsInARowMakeNoProgress() {
        // given: the agent changes nothing, twice
        server.enqueue(finish("c1", "nothing to do"), finish("c2", "still nothing"), finish("c3", "never sent"));

        // when
        RefineResult result = run(request().maxIterations(5).build());

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.NOT_MET);
        assertThat(result.stopRule()).isEqualTo(StopRule.NO_PROGRESS);
        assertThat(result.iterations()).extracting(IterationRecord::number).containsExactly(0, 1, 2);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void shouldStopWhenTheAgentCannotProceed() {
        // given
        server.enqueue(call("c1", "finish", "{\"summary\":\"the intent contradicts the tests\","
                + "\"outcome\":\"cannot_proceed\"}"));

        // when
        RefineResult result = run(request().build());

        // then
        assertThat(result.outcome()).isEqualTo(Outcome.NOT_MET);
        assertThat(result.stopRule()).isEqualTo(StopRule.CANNOT_PROCEED);
        assertThat(result.message()).contains("the intent contradicts the tests");
        assertThat(result.iterations()).hasSize(2);
    }

    @Test
    void shouldEndWithAnErrorAndAResultWhenThePromptCannotBeBuilt() throws IOException {
        // when: a token budget too small for the rules and the intent
        RefineResult result = run(request().implementation(implementation().tokenBudget(50).build()).build());

        // then
        assertThat(result.stopRule()).isEqualTo(StopRule.ERROR);
        assertThat(result.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(result.message()).contains("tokenBudget");
        assertThat(server.requests()).isEmpty();
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=41\n");
        assertCleanEnd();
    }

    @Test
    void shouldRefuseTheAgentsEditOfATestSource() throws IOException {
        // given: the agent tries to make the test expect what the code does
        server.enqueue(call("c1", "write_file", "{\"path\":\"tests/cases/answer\",\"content\":\"answer=41\"}"),
                finish("c2", "changed the test"));

        // when
        RefineResult result = run(request().maxIterations(1).build());

        // then: refused, the test as it was, the gate still failing
        assertThat(server.requests().get(1).body()).contains("tests/cases/answer' is read-only",
                "tests/**");
        assertThat(read("tests/cases/answer")).isEqualTo("answer=42");
        assertThat(result.stopRule()).isEqualTo(StopRule.MAX_ITERATIONS);
        assertThat(result.iterations().get(1).validation().failingTests()).containsExactly("Cases.answer");
        assertThat(server.requests().get(0).body()).as("the prompt states the rule").contains("tests/**");
    }

    @Test
    void shouldCatchATestDeletedByACommandAndRestoreIt() throws IOException {
        // given: the agent may run rm, and deletes the failing test with it
        server.enqueue(call("c1", "run_command", "{\"command\":\"rm tests/cases/answer\"}"),
                finish("c2", "removed the failing test"));
        RefineRequest request = request().implementation(implementation().commands(List.of("rm")).build())
                .maxIterations(1).build();

        // when
        RefineResult result = run(request);

        // then: the tamper guard failed the gate, naming the test; keep: best chose the untouched workspace
        IterationRecord one = result.iterations().get(1);
        assertThat(one.validation().failing()).isZero();
        assertThat(one.validation().reasons()).extracting(Reason::condition)
                .contains(GateCondition.TEST_DECREASE);
        assertThat(one.validation().reasons()).filteredOn(reason -> reason.condition().isTamperGuard())
                .extracting(Reason::message).anyMatch(message -> message.contains("Cases.answer"));
        assertThat(result.stopRule()).isEqualTo(StopRule.MAX_ITERATIONS);
        assertThat(result.kept().iteration()).isZero();
        assertThat(read("tests/cases/answer")).isEqualTo("answer=42");
    }

    @Test
    void shouldRerunAFlakyFailureBeforeSpendingAnIteration() throws IOException {
        // given: all right, but one test fails on its first run only
        write("src/app.txt", "add=2\nanswer=42\n");
        write("tests/cases/flaky", "add=2");

        // when
        RefineResult result = run(request().rerunFailures(2).build());

        // then: the rerun passed: no model call, the test reported flaky
        assertThat(result.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        IterationRecord zero = result.iterations().get(0);
        assertThat(zero.validation().reruns()).isEqualTo(1);
        assertThat(zero.validation().flakyTests()).containsExactly("Cases.flaky");
        assertThat(server.requests()).isEmpty();
        assertThat(testRuns()).isEqualTo(2);
    }

    @Test
    void shouldKeepTheProviderKeyAndRegisteredSecretsFromTheTestCommand() throws IOException {
        // given
        write("src/app.txt", "add=2\nanswer=42\n");

        // when
        run(request().build());

        // then
        String testEnvironment = read("reports/env.txt");
        assertThat(testEnvironment).contains("GREETING=hello").doesNotContain(KEY, "OPENAI_API_KEY", "db-secret-77");
    }

    @Test
    void shouldRefuseToRunAfterAnInterruptedRunAndSayHowToRecover() throws IOException {
        // given: what a run killed during iteration 1 leaves: its marker, its store, its partial work
        write("notes.txt", "the user's uncommitted note\n");
        RefineRequest request = request().build();
        leaveAKilledRun(request);

        // when / then: nothing changed, the way out named
        assertThatThrownBy(() -> run(request)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("did not end").hasMessageContaining("--recover restore")
                .hasMessageContaining("--recover discard")
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("recover"));
        assertThat(read("src/app.txt")).isEqualTo("half-done\n");
        assertThat(root.resolve(RefineRequest.MARKER_PATH)).exists();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldRestoreTheStartOfAnInterruptedRunAndThenRun() throws IOException {
        // given
        write("notes.txt", "the user's uncommitted note\n");
        RefineRequest request = request().recover(Recover.RESTORE).build();
        Instant killedRunStart = leaveAKilledRun(request);
        server.enqueue(edit("c1", "answer=41", "answer=42"), finish("c2", "fixed"));

        // when
        RefineResult result = run(request);

        // then: the killed run's work undone before iteration 0, the user's note back, then a normal run
        assertThat(result.recovery().action()).isEqualTo(Recover.RESTORE);
        assertThat(result.recovery().runStarted()).isEqualTo(killedRunStart);
        assertThat(result.recovery().restored()).isNotEmpty();
        assertThat(result.iterations().get(0).validation().failingTests()).containsExactly("Cases.answer");
        assertThat(result.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(read("notes.txt")).isEqualTo("the user's uncommitted note\n");
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=42\n");
        assertThat(root.resolve("scratch.txt")).doesNotExist();
        assertCleanEnd();
    }

    @Test
    void shouldKeepTheWorkspaceOfAnInterruptedRunWithRecoverDiscard() throws IOException {
        // given
        RefineRequest request = request().recover(Recover.DISCARD).maxIterations(1).keep(Keep.LAST).build();
        leaveAKilledRun(request);
        server.enqueue(finish("c1", "nothing"));

        // when
        RefineResult result = run(request);

        // then
        assertThat(result.recovery().action()).isEqualTo(Recover.DISCARD);
        assertThat(read("src/app.txt")).isEqualTo("half-done\n");
        assertCleanEnd();
    }

    @Test
    void shouldRecoverTheUsersChangesAfterARunWasKilledWithSigkill() throws Exception {
        // given: a refine run in a process of its own, whose attempt changed the user's note and made the tests
        // slow; killed with SIGKILL while its test command runs
        write("notes.txt", "the user's uncommitted note\n");
        Path script = Files.createTempFile("killed-run", ".json");
        Files.writeString(script, """
                {"model": "gpt-4.1-mini", "turns": [
                  {"toolCalls": [{"name": "write_file", "arguments": {"path": "src/app.txt", "content": "answer=40\\n"}}]},
                  {"toolCalls": [{"name": "write_file", "arguments": {"path": "notes.txt", "content": "overwritten\\n"}}]},
                  {"toolCalls": [{"name": "write_file", "arguments": {"path": "src/slow", "content": "x"}}]},
                  {"toolCalls": [{"name": "finish", "arguments": {"summary": "tried 40"}}]}
                ]}
                """);
        Path output = Files.createTempFile("killed-run", ".log");
        Process killed = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledRunMain.class.getName(), root.toString(),
                script.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Path sleeping = root.resolve("reports/sleeping");
        try {
            for (int i = 0; i < 1200 && !Files.exists(sleeping) && killed.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(sleeping).as("the killed run's test command started; its output:\n%s",
                    Files.readString(output)).exists();
        } finally {
            killed.destroyForcibly(); // SIGKILL: no cleanup of the run's own
            killed.waitFor();
            // its test command is in a session of its own and outlives it: end it (we started it)
            String pid = Files.exists(sleeping) ? Files.readString(sleeping).strip() : "";
            if (!pid.isEmpty()) {
                ProcessHandle.of(Long.parseLong(pid)).ifPresent(command -> {
                    command.descendants().forEach(ProcessHandle::destroyForcibly);
                    command.destroyForcibly();
                });
            }
            Files.deleteIfExists(script);
            Files.deleteIfExists(output);
        }
        assertThat(root.resolve(RefineRequest.MARKER_PATH)).exists();
        assertThat(read("notes.txt")).isEqualTo("overwritten\n");

        // when: the next run is refused, then recovers
        assertThatThrownBy(() -> run(request().build())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("did not end");
        Files.delete(sleeping);
        server.enqueue(edit("c1", "answer=41", "answer=42"), finish("c2", "fixed"));
        RefineResult result = run(request().recover(Recover.RESTORE).build());

        // then: the killed run's work undone, the user's note back, then a normal run to a passing gate
        assertThat(result.recovery().action()).isEqualTo(Recover.RESTORE);
        assertThat(result.iterations().get(0).validation().failingTests()).containsExactly("Cases.answer");
        assertThat(result.stopRule()).isEqualTo(StopRule.GATE_PASSED);
        assertThat(read("notes.txt")).isEqualTo("the user's uncommitted note\n");
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=42\n");
        assertThat(root.resolve("src/slow")).doesNotExist();
        assertCleanEnd();
    }

    /** Records the start and writes the marker as a run does, then changes files as its agent would have. */
    private Instant leaveAKilledRun(RefineRequest request) throws IOException {
        LocalWorkspace workspace = new LocalWorkspace(root, environment);
        WorkspaceState start = workspace.recordState(request.stateRequest(null));
        killedRunStore = start.store();
        Instant started = Instant.parse("2026-01-02T03:04:05Z");
        new RunMarker(workspace).write(start, started);
        write("src/app.txt", "half-done\n");
        write("notes.txt", "overwritten by the killed run\n");
        write("scratch.txt", "created by the killed run\n");
        return started;
    }

    @Test
    void shouldEndAbortedWhenInterruptedAndStillReportEveryIteration() throws IOException {
        // given: the build is aborted as iteration 1 starts
        server.enqueue(edit("c1", "answer=41", "answer=40"), finish("c2", "never sent"));
        List<String> reports = new ArrayList<>();
        RefineListener listener = new RefineListener() {
            @Override
            public void iterationStarted(int number, int maxIterations) {
                if (number == 1) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void iterationFinished(IterationRecord record, RefineResult soFar) {
                reports.add(RefineRunJson.toJson(soFar, UnaryOperator.identity()));
            }

            @Override
            public void finished(RefineResult result) {
                reports.add(RefineRunJson.toJson(result, UnaryOperator.identity()));
            }
        };

        // when
        RefineResult result = run(request().build(), listener);

        // then: aborted, the interrupt kept for the caller, the reports written, the workspace as before
        assertThat(Thread.interrupted()).isTrue();
        assertThat(result.stopRule()).isEqualTo(StopRule.ABORTED);
        assertThat(result.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(server.requests()).isEmpty();
        assertThat(reports).hasSize(3);
        JsonNode last = new ObjectMapper().readTree(reports.get(2));
        assertThat(last.path("stopRule").asText()).isEqualTo("ABORTED");
        assertThat(last.path("iterations")).hasSize(2);
        assertThat(new ObjectMapper().readTree(reports.get(0)).path("finished").asBoolean()).isFalse();
        assertThat(read("src/app.txt")).isEqualTo("add=2\nanswer=41\n");
        assertCleanEnd();
    }

    @Test
    void shouldEndAbortedWhenInterruptedDuringTheTestCommand() throws Exception {
        // given: the attempt makes the tests slow; the build is aborted while they run
        server.enqueue(call("c1", "write_file", "{\"path\":\"src/slow\",\"content\":\"x\"}"),
                finish("c2", "slowed down"));
        RefineResult[] result = new RefineResult[1];
        Thread refine = new Thread(() -> result[0] = run(request().build()));
        refine.start();
        Path sleeping = root.resolve("reports/sleeping");
        for (int i = 0; i < 600 && !Files.exists(sleeping); i++) {
            Thread.sleep(50);
        }
        assertThat(sleeping).as("the test command has started").exists();

        // when
        refine.interrupt();
        refine.join(60_000);

        // then: the attempt is reported without a validation; the workspace as before the run
        assertThat(refine.isAlive()).isFalse();
        assertThat(result[0].stopRule()).isEqualTo(StopRule.ABORTED);
        IterationRecord one = result[0].iterations().get(1);
        assertThat(one.agent().status()).isEqualTo(AgentStatus.CHANGED);
        assertThat(one.validation()).isNull();
        assertThat(result[0].kept().iteration()).isZero();
        assertThat(root.resolve("src/slow")).doesNotExist();
        assertCleanEnd();
    }

    @Test
    void shouldWriteTheRunJsonWithSecretsMasked() throws IOException {
        // given
        server.enqueue(edit("c1", "answer=41", "answer=42"), finish("c2", "fixed with " + KEY));
        RefineRequest request = request().build();

        // when
        RefineResult result = run(request);
        JsonNode json = new ObjectMapper().readTree(RefineRunJson.toJson(result, request::redact));

        // then
        assertThat(json.path("kind").asText()).isEqualTo("refine");
        assertThat(json.path("finished").asBoolean()).isTrue();
        assertThat(json.path("outcome").asText()).isEqualTo("PASSED");
        assertThat(json.path("stopRule").asText()).isEqualTo("GATE_PASSED");
        assertThat(json.path("usage").path("calls").asInt()).isEqualTo(2);
        JsonNode one = json.path("iterations").get(1);
        assertThat(one.path("agent").path("summary").asText()).isEqualTo("fixed with ****");
        assertThat(one.path("validation").path("verdict").asText()).isEqualTo("PASSED");
        assertThat(one.path("diff").path("linesAdded").asInt()).isEqualTo(1);
        assertThat(json.path("iterations").get(0).path("validation").path("failingTests").get(0).asText())
                .isEqualTo("Cases.answer");
        assertThat(json.path("kept").path("iteration").asInt()).isEqualTo(1);
        assertThat(json.toString()).doesNotContain(KEY);
    }

    @Test
    void shouldRefuseBadParametersNamingThem() {
        assertThatThrownBy(() -> request().maxIterations(0).build()).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("maxIterations must be between 1 and 100, was 0");
        assertThatThrownBy(() -> request().rerunFailures(6).build())
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("rerunFailures"));
        assertThatThrownBy(() -> request().implementation(implementation().maxTokens(100L).build()).build())
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("maxTokens"))
                .hasMessageContaining("on the refine request");
        assertThatThrownBy(() -> request().maxCostUsd(-1.0).build())
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("maxCostUsd"));
        assertThatThrownBy(() -> request().validation(ValidationRequest.builder().reports("r.xml").build()).build())
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("command"));
        assertThatThrownBy(() -> request().validation(ValidationRequest.builder().command("x").reports("r.xml")
                .gate(QualityGate.builder().allowTestDecrease(true).build()).build()).build())
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("tamperGuard"));
        assertThatThrownBy(() -> request().implementation(implementation().model(OpenAiModelConfig.builder()
                        .model("my-local-model").provider(OpenAiModelConfig.Provider.COMPATIBLE)
                        .baseUrl(server.baseUrl()).build()).build()).maxCostUsd(1.0).build())
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("maxCostUsd"))
                .hasMessageContaining("'my-local-model' has no price");
        assertThatThrownBy(() -> request().feedbackTokens(10).build())
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("feedbackTokens"));
    }

    @Test
    void shouldRefuseAStateStoreInsideTheWorkspaceNamingTheParameterBeforeAnyChange() {
        // when / then
        RefineRequest request = request().stateStore(root.resolve("store").toString()).build();
        assertThatThrownBy(() -> run(request)).isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).parameter()).hasValue("stateStore"))
                .hasMessageContaining("inside the workspace");
        assertThat(root.resolve(RefineRequest.MARKER_DIRECTORY)).doesNotExist();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void shouldDeriveTheAgentsPolicyAndTheBudgetFromTheRequest() {
        // when
        RefineRequest request = request().implementation(implementation().maxTurns(7).build()).maxTokens(1000L)
                .build();
        RefineRequest unguarded = request.toBuilder().tamperGuard(false).build();

        // then
        assertThat(request.agentRequest().policy().readOnly()).contains("tests/**", "**/*_test.go");
        assertThat(request.agentRequest().policy().hidden()).contains(".aiwf/**");
        assertThat(request.agentRequest().context().testSourceGlobs()).isEqualTo(RefineRequest.DEFAULT_TEST_SOURCE_GLOBS);
        assertThat(request.budget().turnsPerIteration()).isTrue();
        assertThat(request.budget().maxTurns()).hasValue(7);
        assertThat(request.budget().maxTokens()).hasValue(1000L);
        assertThat(unguarded.agentRequest().policy().readOnly()).doesNotContain("tests/**");
        assertThat(request.validationRequest().environmentPolicy().removeVariables()).contains("OPENAI_API_KEY");
        assertThat(request.validationRequest().environmentPolicy().nameRules()).isFalse();
    }
}
