package io.jenkins.plugins.aiworkflow.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.aiworkflow.engine.agent.AgentResult;
import io.jenkins.plugins.aiworkflow.engine.agent.AgentStatus;
import io.jenkins.plugins.aiworkflow.engine.agent.StopReason;
import io.jenkins.plugins.aiworkflow.engine.ledger.LimitReached;
import io.jenkins.plugins.aiworkflow.engine.ledger.Totals;
import io.jenkins.plugins.aiworkflow.engine.llm.Cost;
import io.jenkins.plugins.aiworkflow.engine.llm.Usage;
import io.jenkins.plugins.aiworkflow.engine.log.EngineLog;
import io.jenkins.plugins.aiworkflow.engine.refine.IterationRecord;
import io.jenkins.plugins.aiworkflow.engine.refine.Keep;
import io.jenkins.plugins.aiworkflow.engine.refine.Outcome;
import io.jenkins.plugins.aiworkflow.engine.refine.Recover;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineRequest;
import io.jenkins.plugins.aiworkflow.engine.refine.RefineResult;
import io.jenkins.plugins.aiworkflow.engine.refine.StopRule;
import io.jenkins.plugins.aiworkflow.engine.report.ProblemKind;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TestStatus;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.validate.Baseline;
import io.jenkins.plugins.aiworkflow.engine.validate.GateCondition;
import io.jenkins.plugins.aiworkflow.engine.validate.QualityGate;
import io.jenkins.plugins.aiworkflow.engine.validate.Reason;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationRequest;
import io.jenkins.plugins.aiworkflow.engine.validate.ValidationResult;
import io.jenkins.plugins.aiworkflow.engine.validate.Validator;
import io.jenkins.plugins.aiworkflow.engine.validate.Verdict;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import io.jenkins.plugins.aiworkflow.engine.workspace.FileChange;
import io.jenkins.plugins.aiworkflow.engine.workspace.LocalWorkspace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepResultsTest {
    private static final String SECRET = "sk-secret-0123456789";
    private static final UnaryOperator<String> REDACTOR = text -> text.replace(SECRET, "****");
    private static final Instant START = Instant.parse("2026-12-05T01:00:00Z");
    private static final String REPORT = """
            <testsuite name="com.acme.FooTest">
              <testcase classname="com.acme.FooTest" name="passes" time="0.5"/>
              <testcase classname="com.acme.FooTest" name="fails" time="0.25">
                <failure message="expected &lt;1&gt; but was &lt;2&gt;" type="AssertionError">at Foo.java:3</failure>
              </testcase>
              <testcase classname="com.acme.FooTest" name="wobbly"><flakyFailure message="once"/></testcase>
            </testsuite>
            """;

    @TempDir
    Path root;

    @Test
    void shouldReturnTheDocumentedKeysOfAValidation() throws IOException {
        // given: a test command that wrote a report with a failure and a flaky test
        Files.writeString(root.resolve("report.txt"), REPORT);
        ValidationResult result = new Validator().validate(ValidationRequest.builder().reports("*.xml")
                .command("cp report.txt TEST-foo.xml").build(), new LocalWorkspace(root), new EngineLog());

        // when
        Map<String, Object> map = StepResults.validation(result);

        // then
        assertDocumentedKeys(Step.VALIDATE, map);
        assertThat(map).containsKey("command");
        assertThat(map.get("passed")).isEqualTo(false);
        assertThat(map.get("verdict")).isEqualTo("FAILED");
        assertThat(map.get("reasons")).asList().extracting(reason -> asMap(reason).get("condition"))
                .containsExactly("maxFailures", "minPassRate");
        assertThat(map.get("totals")).isEqualTo(Map.of("tests", 3L, "passed", 2L, "failures", 1L, "errors", 0L,
                "skipped", 0L, "flaky", 1L, "executed", 3L, "passRate", 2.0 / 3));
        assertThat(map.get("failures")).isEqualTo(List.of(Map.of("id", "com.acme.FooTest.fails", "className",
                "com.acme.FooTest", "name", "fails", "status", "FAILED", "message", "expected <1> but was <2>")));
        assertThat(map.get("failuresNotListed")).isEqualTo(0L);
        assertThat(map.get("newFailures")).isEqualTo(List.of("com.acme.FooTest.fails"));
        assertThat(map.get("flaky")).isEqualTo(List.of("com.acme.FooTest.wobbly"));
        assertThat(asMap(map.get("command"))).containsEntry("exitCode", 0).containsEntry("timedOut", false)
                .containsEntry("command", "cp report.txt TEST-foo.xml");
        assertPlain(map);
    }

    @Test
    void shouldLeaveOutWhatDoesNotApplyRatherThanNull() {
        // given: no command, no test
        ValidationResult result = new ValidationResult(Verdict.of(List.of(), List.of()), TestReport.empty(), null,
                null, List.of(), List.of(), List.of("*.xml"), QualityGate.defaults(), Duration.ofMillis(5));

        // when
        Map<String, Object> map = StepResults.validation(result);

        // then
        assertDocumentedKeys(Step.VALIDATE, map);
        assertThat(map).doesNotContainKey("command");
        assertThat(asMap(map.get("totals"))).doesNotContainKey("passRate");
        assertThat(map.get("passed")).isEqualTo(true);
        assertPlain(map);
    }

    @Test
    void shouldBoundTheMapOfAValidationWith300000Failures() {
        // given: 300,000 failing tests kept in full, with long names and messages, and many long reasons
        TestCaseResult failure = TestCaseResult.builder().reportFile("TEST-big.xml").suiteName("Big")
                .className("com.acme." + "Deep".repeat(250)).name("shouldWork" + "x".repeat(1_000))
                .status(TestStatus.FAILED)
                .addProblem(new TestProblem(ProblemKind.FAILURE, "AssertionError", "m".repeat(2_000) + SECRET,
                        "d"))
                .build();
        TestReport.Builder builder = TestReport.builder(new TextLimits(100_000, 10, 10, 300_000, Integer.MAX_VALUE,
                Integer.MAX_VALUE));
        for (int i = 0; i < 300_000; i++) {
            builder.testCase(failure);
        }
        TestReport report = builder.build();
        List<Reason> reasons = Collections.nCopies(1_000, new Reason(GateCondition.MAX_FAILURES, "r".repeat(100_000)));
        List<String> notes = Collections.nCopies(1_000, "n".repeat(100_000));
        ValidationResult result = new ValidationResult(new Verdict(Verdict.Status.FAILED, reasons, notes), report,
                new CommandResult("c".repeat(100_000), 1, false, START, Duration.ofSeconds(1), "o".repeat(100_000)),
                new Baseline("base.json", TestCounts.ZERO, Set.of()), report.failures(), List.of(), List.of("*.xml"),
                QualityGate.defaults(), Duration.ofSeconds(2));
        assertThat(report.failures()).hasSize(300_000);

        // when
        Map<String, Object> map = StepResults.validation(result, REDACTOR);

        // then
        assertPlain(map);
        assertThat(characters(map)).isLessThan(StepResults.MAX_MAP_CHARS);
        assertThat(map.get("failures")).asList().hasSize(StepResults.MAX_LISTED);
        assertThat(map.get("failuresNotListed")).isEqualTo(300_000L - StepResults.MAX_LISTED);
        assertThat(map.get("newFailures")).asList().hasSize(StepResults.MAX_LISTED);
        assertThat(map.get("newFailuresNotListed")).isEqualTo(300_000L - StepResults.MAX_LISTED);
        assertThat(map.get("reasons")).asList().hasSize(StepResults.MAX_LISTED);
        assertThat(map.get("notes")).asList().hasSize(StepResults.MAX_LISTED);
        Map<?, ?> first = (Map<?, ?>) ((List<?>) map.get("failures")).get(0);
        assertThat((String) first.get("message")).hasSizeLessThan(StepResults.MAX_FAILURE_MESSAGE_CHARS + 50)
                .contains("chars truncated ...]").endsWith("****").doesNotContain(SECRET);
        assertThat((String) first.get("name")).hasSizeLessThan(StepResults.MAX_NAME_CHARS + 50).startsWith("should");
    }

    @Test
    void shouldReturnTheDocumentedKeysOfAnImplementation() {
        // given
        AgentResult result = new AgentResult(AgentStatus.LIMIT,
                StopReason.limit(LimitReached.Limit.TOKENS, "maxTokens reached"), "Changed A; key " + SECRET,
                List.of(new FileChange("src/A.java", FileChange.Kind.MODIFIED)), "--- a/A\n+++ b/A\n+" + SECRET + "\n",
                new Totals(3, new Usage(4000, 1000, 2500, 200), Cost.usd(0.012345678912345), Duration.ofSeconds(2),
                        Duration.ZERO), 3, List.of());

        // when
        Map<String, Object> map = StepResults.implementation(result, REDACTOR);

        // then
        assertDocumentedKeys(Step.IMPLEMENT, map);
        assertPlain(map);
        assertThat(map.get("status")).isEqualTo("LIMIT");
        assertThat(map.get("stopReason")).isEqualTo(Map.of("kind", "LIMIT", "message", "maxTokens reached", "limit",
                "TOKENS"));
        assertThat(map.get("summary")).isEqualTo("Changed A; key ****");
        assertThat(map.get("changedFiles")).isEqualTo(List.of(Map.of("path", "src/A.java", "kind", "MODIFIED")));
        assertThat(map.get("diff")).isEqualTo("--- a/A\n+++ b/A\n+****\n");
        assertThat(map.get("diffTruncated")).isEqualTo(false);
        assertThat(map.get("usage")).isEqualTo(Map.of("calls", 3, "inputTokens", 4000L, "cachedInputTokens", 2500L,
                "outputTokens", 1000L, "reasoningTokens", 200L, "totalTokens", 5000L, "costUsd", 0.0123456789,
                "costKnown", true));
        assertThat(map.get("turns")).isEqualTo(3);
    }

    @Test
    void shouldBoundTheMapOfAnImplementationWithA10MegabyteDiff() {
        // given: a 10 MB diff with the secret at both ends, 100,000 changed files, a huge summary
        String diff = SECRET + "\n" + "+line\n".repeat(10 * 1024 * 1024 / 6) + SECRET;
        List<FileChange> files = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            files.add(new FileChange("src/generated/F" + i + ".java", FileChange.Kind.CREATED));
        }
        AgentResult result = new AgentResult(AgentStatus.CHANGED, new StopReason(StopReason.Kind.FINISHED,
                "s".repeat(1_000_000)), "z".repeat(1_000_000), files, diff, Totals.NONE, 1, List.of());

        // when
        Map<String, Object> map = StepResults.implementation(result, REDACTOR);

        // then
        assertPlain(map);
        assertThat(characters(map)).isLessThan(StepResults.MAX_MAP_CHARS);
        assertThat((String) map.get("diff")).hasSizeLessThan(StepResults.MAX_DIFF_CHARS + 50)
                .startsWith("****\n+line").endsWith("+line\n****").contains("chars truncated ...]")
                .doesNotContain(SECRET);
        assertThat(map.get("diffTruncated")).isEqualTo(true);
        assertThat(map.get("changedFiles")).asList().hasSize(StepResults.MAX_LISTED_FILES);
        assertThat(map.get("changedFilesNotListed")).isEqualTo(100_000L - StepResults.MAX_LISTED_FILES);
        assertThat((String) map.get("summary")).hasSizeLessThan(StepResults.MAX_SUMMARY_CHARS + 50);
    }

    @Test
    void shouldReturnTheDocumentedKeysOfARefinement() {
        // given: passed at iteration 1 after iteration 0 failed; an interrupted run was restored first
        RefineResult result = new RefineResult(Outcome.PASSED, StopRule.GATE_PASSED, "the gate passed at iteration 1",
                "OpenAI model gpt-4.1", 5, List.of(iteration0(), iteration(1, true, 800)),
                new RefineResult.Kept(Keep.BEST, 1, false, null, "iteration 1 passed the gate"),
                usage(12_000, 800, 0.0125), START, Duration.ofSeconds(60),
                new RefineResult.Recovery(START.minusSeconds(600), Recover.RESTORE, List.of(), List.of(),
                        "restored the workspace of the run started at 00:50, key " + SECRET));

        // when
        Map<String, Object> map = StepResults.refinement(result, REDACTOR);

        // then
        assertDocumentedKeys(Step.REFINE, map);
        assertPlain(map);
        assertThat(map).containsKeys("kept", "recovery");
        assertThat(map.get("passed")).isEqualTo(true);
        assertThat(map.get("outcome")).isEqualTo("PASSED");
        assertThat(map.get("stopRule")).isEqualTo("GATE_PASSED");
        assertThat(map.get("kept")).isEqualTo(Map.of("keep", "BEST", "iteration", 1, "restored", false, "message",
                "iteration 1 passed the gate"));
        assertThat(((Map<?, ?>) map.get("recovery")).get("message").toString()).endsWith("key ****");
        List<?> iterations = (List<?>) map.get("iterations");
        assertThat(iterations).hasSize(2);
        assertThat(iterations.get(0)).isEqualTo(Map.of("number", 0, "passed", false, "verdict", "FAILED", "tests",
                Map.of("total", 10L, "passed", 9L, "failed", 1L, "errors", 0L, "skipped", 0L), "failing", 1L,
                "tokens", 0L, "costUsd", 0.0));
        assertThat(iterations.get(1)).isEqualTo(mapOf("number", 1, "passed", true, "verdict", "PASSED", "tests",
                Map.of("total", 10L, "passed", 10L, "failed", 0L, "errors", 0L, "skipped", 0L), "failing", 0L,
                "status", "CHANGED", "turns", 4, "changedFileCount", 1, "linesAdded", 2L, "linesRemoved", 1L,
                "tokens", 12_800L, "costUsd", 0.0125));
        assertThat(((Map<?, ?>) map.get("usage")).get("totalTokens")).isEqualTo(12_800L);
    }

    @Test
    void shouldBoundTheMapOfARefinementOfTheMostIterations() {
        // given: the most iterations a run may have, with huge texts everywhere
        List<IterationRecord> iterations = new ArrayList<>();
        iterations.add(iteration0());
        for (int i = 1; i <= RefineRequest.MAX_MAX_ITERATIONS; i++) {
            iterations.add(iteration(i, false, 100_000));
        }
        RefineResult result = new RefineResult(Outcome.NOT_MET, StopRule.MAX_ITERATIONS, "m".repeat(1_000_000),
                "OpenAI model gpt-4.1", RefineRequest.MAX_MAX_ITERATIONS, iterations,
                new RefineResult.Kept(Keep.BEST, 1, true, null, "k".repeat(1_000_000)), usage(1, 1, 1), START,
                Duration.ofHours(2), null);

        // when
        Map<String, Object> map = StepResults.refinement(result, REDACTOR);

        // then
        assertPlain(map);
        assertDocumentedKeys(Step.REFINE, map);
        assertThat(characters(map)).isLessThan(StepResults.MAX_MAP_CHARS);
        assertThat(map.get("iterations")).asList().hasSize(RefineRequest.MAX_MAX_ITERATIONS + 1);
        assertThat((String) map.get("message")).hasSizeLessThan(StepResults.MAX_TEXT_CHARS + 50);
    }

    @Test
    void shouldMapAPartialRefinementAsRunning() {
        // given: what a listener gets after iteration 0
        RefineResult partial = new RefineResult(null, null, "", "replay of x", 5, List.of(iteration0()), null,
                Totals.NONE, START, Duration.ofSeconds(3), null);

        // when
        Map<String, Object> map = StepResults.refinement(partial, UnaryOperator.identity());

        // then
        assertPlain(map);
        assertThat(map.get("outcome")).isEqualTo("RUNNING");
        assertThat(map.get("stopRule")).isEqualTo("NONE");
        assertThat(map).doesNotContainKey("kept");
    }

    @Test
    void shouldComeBackEqualFromSerializationAsPipelineStoresIt() throws Exception {
        // given: the three maps
        Files.writeString(root.resolve("TEST-foo.xml"), REPORT);
        List<Map<String, Object>> maps = List.of(
                StepResults.validation(new Validator().validate(ValidationRequest.builder().reports("*.xml").build(),
                        new LocalWorkspace(root), new EngineLog())),
                StepResults.implementation(new AgentResult(AgentStatus.CHANGED, new StopReason(StopReason.Kind.FINISHED,
                        "done"), "ok", List.of(new FileChange("a", FileChange.Kind.CREATED)), "+a", Totals.NONE, 1,
                        List.of()), REDACTOR),
                StepResults.refinement(new RefineResult(Outcome.NOT_MET, StopRule.MAX_ITERATIONS, "spent", "m", 1,
                        List.of(iteration0(), iteration(1, false, 10)), new RefineResult.Kept(Keep.LAST, 1, false,
                        null, "last"), usage(1, 1, 0.5), START, Duration.ofSeconds(1), null), REDACTOR));
        for (Map<String, Object> map : maps) {
            // when
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(map);
            }
            Object back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = in.readObject();
            }

            // then
            assertThat(back).isEqualTo(map);
        }
    }

    @Test
    void shouldDocumentEveryKeyOnceWithItsType() {
        for (Step step : Step.values()) {
            List<String> names = new ArrayList<>();
            for (StepResults.ResultKey key : StepResults.keys(step)) {
                names.add(key.name());
                assertThat(key.description()).as(key.name()).isNotBlank();
                assertThat(key.type()).as(key.name()).isIn("boolean", "string", "number", "map", "list of maps",
                        "list of strings");
            }
            assertThat(names).as(step.functionName()).doesNotHaveDuplicates();
        }
    }

    private static IterationRecord iteration0() {
        return new IterationRecord(0, null, new IterationRecord.ValidationPart(Verdict.Status.FAILED,
                List.of(new Reason(GateCondition.MAX_FAILURES, "1 test(s) failed")),
                new TestCounts(10, 9, 1, 0, 0, 0), 1, List.of("com.acme.PriceTest.shouldRound"), 0, List.of(),
                List.of(), 0, false), null, 0, START, Duration.ofSeconds(3));
    }

    private static IterationRecord iteration(int number, boolean passed, int textChars) {
        List<FileChange> files = List.of(new FileChange("src/main/java/com/acme/Price.java",
                FileChange.Kind.MODIFIED));
        List<String> failing = passed ? List.of() : Collections.nCopies(100, "t".repeat(textChars));
        IterationRecord.ValidationPart validation = new IterationRecord.ValidationPart(passed
                ? Verdict.Status.PASSED : Verdict.Status.FAILED, List.of(), new TestCounts(10, 10 - failing.size()
                / 10, failing.size() / 10, 0, 0, 0), passed ? 0 : 1, failing, 0, failing, failing, 0, false);
        IterationRecord.AgentPart agent = new IterationRecord.AgentPart(AgentStatus.CHANGED,
                new StopReason(StopReason.Kind.FINISHED, "s".repeat(textChars)), "z".repeat(textChars), 4,
                usage(12_000, 800, 0.0125), files);
        return new IterationRecord(number, agent, validation, new IterationRecord.DiffPart(files, 2, 1,
                "d".repeat(textChars), false), 0, START.plusSeconds(number * 60L), Duration.ofSeconds(60));
    }

    private static Totals usage(long input, long output, double usd) {
        return new Totals(3, new Usage(input, output, 0, 0), Cost.usd(usd), Duration.ofSeconds(5), Duration.ZERO);
    }

    private static Map<String, Object> mapOf(Object... entries) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2) {
            map.put((String) entries[i], entries[i + 1]);
        }
        return map;
    }

    /** The map's keys are documented, in the documented order, with every key that is always there. */
    private static void assertDocumentedKeys(Step step, Map<String, Object> map) {
        List<String> documented = new ArrayList<>();
        List<String> always = new ArrayList<>();
        for (StepResults.ResultKey key : StepResults.keys(step)) {
            documented.add(key.name());
            if (key.always()) {
                always.add(key.name());
            }
        }
        assertThat(documented).containsSubsequence(new ArrayList<>(map.keySet()));
        assertThat(map.keySet()).containsAll(always);
    }

    /** Only String, Long, Integer, Double, Boolean, ArrayList and LinkedHashMap with String keys; never null. */
    static void assertPlain(Object value) {
        assertThat(value).isNotNull();
        if (value instanceof Map<?, ?> map) {
            assertThat(map).isInstanceOf(LinkedHashMap.class);
            map.forEach((key, entry) -> {
                assertThat(key).isInstanceOf(String.class);
                assertPlain(entry);
            });
        } else if (value instanceof List<?> list) {
            assertThat(list).isInstanceOf(ArrayList.class);
            list.forEach(StepResultsTest::assertPlain);
        } else {
            assertThat(value).isInstanceOfAny(String.class, Long.class, Integer.class, Double.class, Boolean.class);
            if (value instanceof String text) {
                assertThat(text).doesNotContain(SECRET);
            }
        }
    }

    /** Characters of all keys and strings. */
    private static long characters(Object value) {
        if (value instanceof Map<?, ?> map) {
            long sum = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                sum += entry.getKey().toString().length() + characters(entry.getValue());
            }
            return sum;
        }
        if (value instanceof List<?> list) {
            long sum = 0;
            for (Object entry : list) {
                sum += characters(entry);
            }
            return sum;
        }
        return value instanceof String text ? text.length() : 8;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
