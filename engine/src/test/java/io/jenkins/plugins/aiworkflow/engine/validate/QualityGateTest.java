package io.jenkins.plugins.aiworkflow.engine.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.aiworkflow.engine.InvalidRequestException;
import io.jenkins.plugins.aiworkflow.engine.report.ProblemKind;
import io.jenkins.plugins.aiworkflow.engine.report.ReportProblem;
import io.jenkins.plugins.aiworkflow.engine.report.TestCaseResult;
import io.jenkins.plugins.aiworkflow.engine.report.TestCounts;
import io.jenkins.plugins.aiworkflow.engine.report.TestId;
import io.jenkins.plugins.aiworkflow.engine.report.TestProblem;
import io.jenkins.plugins.aiworkflow.engine.report.TestReport;
import io.jenkins.plugins.aiworkflow.engine.report.TestStatus;
import io.jenkins.plugins.aiworkflow.engine.report.TextLimits;
import io.jenkins.plugins.aiworkflow.engine.workspace.CommandResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Gate semantics as a table: evidence and gate options in, verdict and failing conditions out. */
class QualityGateTest {
    /** A report with {@code passed} passing tests, the named failures and skips, and flaky ones. */
    static Evidence evidence(int passed, List<String> failed, int skipped, int flaky) {
        return new Evidence(passed, failed, skipped, flaky, null, null, List.of());
    }

    record Evidence(int passed, List<String> failed, int skipped, int flaky, CommandResult command, Baseline baseline,
                    List<ReportProblem> problems) {
        Evidence withCommand(int exitCode, boolean timedOut) {
            return new Evidence(passed, failed, skipped, flaky, new CommandResult("mvn test", exitCode, timedOut,
                    Instant.EPOCH, Duration.ofSeconds(3), ""), baseline, problems);
        }

        Evidence withBaseline(long tests, long skippedBefore, List<String> failedBefore) {
            List<TestId> ids = failedBefore.stream().map(name -> new TestId("com.acme.T", name)).toList();
            long failures = failedBefore.size();
            return new Evidence(passed, failed, skipped, flaky, command,
                    new Baseline("before.json", new TestCounts(tests, tests - failures - skippedBefore, failures, 0,
                            skippedBefore, 0), Set.copyOf(ids)), problems);
        }

        Evidence withProblem(ReportProblem.Kind kind) {
            return new Evidence(passed, failed, skipped, flaky, command, baseline,
                    List.of(new ReportProblem("TEST-broken.xml", kind, "broken")));
        }

        GateInput input() {
            TestReport.Builder report = TestReport.builder(TextLimits.DEFAULT).addFile("TEST-a.xml");
            for (int i = 0; i < passed; i++) {
                report.testCase(test("passes" + i, TestStatus.PASSED, false));
            }
            for (String name : failed) {
                report.testCase(test(name, TestStatus.FAILED, false));
            }
            for (int i = 0; i < skipped; i++) {
                report.testCase(test("skips" + i, TestStatus.SKIPPED, false));
            }
            for (int i = 0; i < flaky; i++) {
                report.testCase(test("flaky" + i, TestStatus.PASSED, true));
            }
            problems.forEach(report::addProblem);
            return new GateInput(report.build(), command, baseline, List.of("**/TEST-*.xml"), List.of());
        }
    }

    static TestCaseResult test(String name, TestStatus status, boolean flaky) {
        TestCaseResult.Builder builder = TestCaseResult.builder().className("com.acme.T").name(name).status(status)
                .flaky(flaky);
        if (status == TestStatus.FAILED) {
            builder.addProblem(new TestProblem(ProblemKind.FAILURE, "AssertionError", "no", ""));
        }
        return builder.build();
    }

    static Arguments row(String description, Evidence evidence, UnaryOperator<QualityGate.Builder> options,
                         GateCondition... failing) {
        return Arguments.of(description, evidence, options, List.of(failing));
    }

    static Stream<Arguments> table() {
        UnaryOperator<QualityGate.Builder> defaults = gate -> gate;
        return Stream.of(
                row("all passed", evidence(10, List.of(), 0, 0), defaults),
                row("no test at all", evidence(0, List.of(), 0, 0), defaults, GateCondition.REQUIRE_TESTS),
                row("only skipped tests", evidence(0, List.of(), 3, 0), defaults, GateCondition.REQUIRE_TESTS),
                row("no test, not required", evidence(0, List.of(), 0, 0), gate -> gate.requireTests(false)),
                row("one failure", evidence(9, List.of("a"), 0, 0), defaults,
                        GateCondition.MAX_FAILURES, GateCondition.MIN_PASS_RATE),
                row("failures within maxFailures, pass rate off", evidence(8, List.of("a", "b"), 0, 0),
                        gate -> gate.maxFailures(2).minPassRate(0)),
                row("failures within maxFailures but under the pass rate", evidence(8, List.of("a", "b"), 0, 0),
                        gate -> gate.maxFailures(2).minPassRate(0.9), GateCondition.MIN_PASS_RATE),
                row("pass rate met exactly", evidence(9, List.of("a"), 0, 0),
                        gate -> gate.maxFailures(5).minPassRate(0.9)),
                row("skipped tests do not lower the pass rate", evidence(9, List.of("a"), 50, 0),
                        gate -> gate.maxFailures(5).minPassRate(0.9)),
                row("flaky allowed by default", evidence(5, List.of(), 0, 2), defaults),
                row("flaky refused", evidence(5, List.of(), 0, 2), gate -> gate.allowFlaky(false), GateCondition.FLAKY),
                row("command exit 0", evidence(3, List.of(), 0, 0).withCommand(0, false), defaults),
                row("command exit 1", evidence(3, List.of(), 0, 0).withCommand(1, false), defaults,
                        GateCondition.EXIT_CODE),
                row("command exit 1 accepted", evidence(3, List.of(), 0, 0).withCommand(1, false),
                        gate -> gate.acceptedExitCodes(List.of(0, 1))),
                row("command timed out", evidence(3, List.of(), 0, 0).withCommand(137, true),
                        gate -> gate.acceptedExitCodes(List.of(0, 137)), GateCondition.EXIT_CODE),
                row("truncated report", evidence(3, List.of(), 0, 0).withProblem(ReportProblem.Kind.TRUNCATED),
                        defaults, GateCondition.REPORT_PROBLEMS),
                row("truncated report allowed", evidence(3, List.of(), 0, 0).withProblem(ReportProblem.Kind.TRUNCATED),
                        gate -> gate.allowReportProblems(true)),
                row("a file that is no report", evidence(3, List.of(), 0, 0)
                        .withProblem(ReportProblem.Kind.NOT_A_REPORT), defaults),
                row("fewer tests than the baseline", evidence(8, List.of(), 0, 0).withBaseline(10, 0, List.of()),
                        defaults, GateCondition.TEST_DECREASE),
                row("fewer tests allowed", evidence(8, List.of(), 0, 0).withBaseline(10, 0, List.of()),
                        gate -> gate.allowTestDecrease(true)),
                row("more skips than the baseline", evidence(8, List.of(), 2, 0).withBaseline(10, 1, List.of()),
                        defaults, GateCondition.SKIP_INCREASE),
                row("more skips allowed", evidence(8, List.of(), 2, 0).withBaseline(10, 1, List.of()),
                        gate -> gate.allowSkipIncrease(true)),
                row("a failing test of the baseline missing, the count kept", evidence(10, List.of(), 0, 0)
                        .withBaseline(10, 0, List.of("gone")), defaults, GateCondition.MISSING_TESTS),
                row("a failing test of the baseline missing, allowed", evidence(10, List.of(), 0, 0)
                        .withBaseline(10, 0, List.of("gone")), gate -> gate.allowMissingTests(true)),
                row("a failing test of the baseline skipped now", evidence(9, List.of(), 1, 0)
                        .withBaseline(10, 0, List.of("skips0")), defaults, GateCondition.SKIP_INCREASE,
                        GateCondition.NEWLY_SKIPPED_TESTS),
                row("a failing test of the baseline skipped now, allowed", evidence(9, List.of(), 1, 0)
                        .withBaseline(10, 0, List.of("skips0")), gate -> gate.allowSkipIncrease(true)
                        .allowNewlySkippedTests(true)),
                row("same failure as the baseline, new failures only", evidence(9, List.of("old"), 0, 0)
                        .withBaseline(10, 0, List.of("old")), gate -> gate.newFailuresOnly(true)),
                row("same failure as the baseline, all failures count", evidence(9, List.of("old"), 0, 0)
                        .withBaseline(10, 0, List.of("old")), defaults,
                        GateCondition.MAX_FAILURES, GateCondition.MIN_PASS_RATE),
                row("a new failure besides the old one", evidence(8, List.of("old", "new"), 0, 0)
                        .withBaseline(10, 0, List.of("old")), gate -> gate.newFailuresOnly(true),
                        GateCondition.MAX_FAILURES, GateCondition.MIN_PASS_RATE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void shouldDecideOnTheEvidence(String description, Evidence evidence, UnaryOperator<QualityGate.Builder> options,
                                   List<GateCondition> failing) {
        // given
        QualityGate gate = options.apply(QualityGate.builder()).build();

        // when
        Verdict verdict = gate.evaluate(evidence.input());

        // then
        assertThat(verdict.reasons()).extracting(Reason::condition).containsExactlyElementsOf(failing);
        assertThat(verdict.status()).isEqualTo(failing.isEmpty() ? Verdict.Status.PASSED : Verdict.Status.FAILED);
    }

    @Test
    void shouldNameTheConditionTheNumbersAndTheTestsInItsReasons() {
        // given
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            failed.add("shouldBar" + i);
        }

        // when
        Verdict verdict = QualityGate.defaults().evaluate(evidence(88, failed, 0, 0).input());

        // then
        assertThat(verdict.reasons()).extracting(Reason::message).containsExactly(
                "12 test(s) failed, maxFailures is 0: com.acme.T.shouldBar0, com.acme.T.shouldBar1, "
                        + "com.acme.T.shouldBar2, com.acme.T.shouldBar3, com.acme.T.shouldBar4, com.acme.T.shouldBar5, "
                        + "com.acme.T.shouldBar6, com.acme.T.shouldBar7, com.acme.T.shouldBar8, com.acme.T.shouldBar9, "
                        + "and 2 more",
                "pass rate is 88.00% (88 of 100 executed test(s) passed), minPassRate is 100.00%");
    }

    /** {@code failed} failing tests named t0, t1 ... of which the report keeps the first {@code kept}. */
    private static TestReport manyFailures(int failed, int kept, int flaky) {
        TestReport.Builder report = TestReport.builder(new TextLimits(100, 100, 100, kept)).addFile("TEST-a.xml");
        for (int i = 0; i < failed; i++) {
            report.testCase(test("t" + i, TestStatus.FAILED, false));
        }
        for (int i = 0; i < flaky; i++) {
            report.testCase(test("f" + i, TestStatus.PASSED, true));
        }
        return report.build();
    }

    @Test
    void shouldCountFailuresBeyondTheKeptOnesAndSayHowManyAreNotListed() {
        // given: 1,000 failures, of which 5 are kept
        TestReport report = manyFailures(1_000, 5, 300);

        // when
        Verdict verdict = QualityGate.builder().maxFailures(999).allowFlaky(false).build()
                .evaluate(new GateInput(report, null, null, List.of("*.xml"), List.of()));

        // then
        assertThat(verdict.reasons()).extracting(Reason::condition)
                .containsExactly(GateCondition.MAX_FAILURES, GateCondition.MIN_PASS_RATE, GateCondition.FLAKY);
        assertThat(verdict.reasons().get(0).message()).startsWith("1000 test(s) failed, maxFailures is 999: "
                + "com.acme.T.t0, com.acme.T.t1, com.acme.T.t2, com.acme.T.t3, com.acme.T.t4, and 995 more failed "
                + "test(s) not listed (only the first 5 of each kind are kept, maxDetailedCases)");
        assertThat(verdict.reasons().get(1).message()).contains("300 of 1300 executed test(s) passed");
        assertThat(verdict.reasons().get(2).message()).startsWith("300 flaky test(s) passed only on a rerun: ")
                .contains("and 295 more flaky test(s) not listed");
    }

    @Test
    void shouldCountUnlistedFailuresAsNewWhenOnlyNewFailuresCount() {
        // given: the baseline lists the 5 kept failures; 995 more are not listed, so they cannot be matched
        TestReport report = manyFailures(1_000, 5, 0);
        Baseline baseline = new Baseline("before.json", new TestCounts(1_000, 0, 1_000, 0, 0, 0),
                Set.of(new TestId("com.acme.T", "t0"), new TestId("com.acme.T", "t1"), new TestId("com.acme.T", "t2"),
                        new TestId("com.acme.T", "t3"), new TestId("com.acme.T", "t4")));

        // when
        Verdict verdict = QualityGate.builder().newFailuresOnly(true).minPassRate(0).build()
                .evaluate(new GateInput(report, null, baseline, List.of("*.xml"), List.of()));

        // then: fails safe
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.reasons()).singleElement().satisfies(reason -> {
            assertThat(reason.condition()).isEqualTo(GateCondition.MAX_FAILURES);
            assertThat(reason.message()).startsWith("995 new test failure(s) (5 more already failed in the "
                    + "baseline), maxFailures is 0: 995 failed test(s) are not listed (only the first 5 of each kind "
                    + "are kept, maxDetailedCases), so whether they are new cannot be told: they count as new");
        });
    }

    @Test
    void shouldCountFailuresTheBaselineDidNotListAsNew() {
        // given: the baseline failed 1,000 tests but listed only t0
        TestReport report = manyFailures(2, 5, 0);
        Baseline baseline = new Baseline("before.json", new TestCounts(1_000, 0, 1_000, 0, 0, 0),
                Set.of(new TestId("com.acme.T", "t0")), 999);

        // when
        Verdict verdict = QualityGate.builder().newFailuresOnly(true).minPassRate(0).allowTestDecrease(true).build()
                .evaluate(new GateInput(report, null, baseline, List.of("*.xml"), List.of()));

        // then
        assertThat(verdict.reasons()).singleElement().satisfies(reason -> assertThat(reason.message())
                .startsWith("1 new test failure(s) (1 more already failed in the baseline), maxFailures is 0: "
                        + "com.acme.T.t1; the baseline did not list 999 of its failures, so a test not listed there "
                        + "counts as new"));
    }

    @Test
    void shouldReportFlakyTestsAsNotesWhenAllowed() {
        // when
        Verdict verdict = QualityGate.defaults().evaluate(evidence(3, List.of(), 0, 1).input());

        // then
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.notes()).containsExactly("1 flaky test(s) passed only on a rerun: com.acme.T.flaky0");
    }

    @Test
    void shouldExplainAnEmptyReportSetInTheRequireTestsReason() {
        // given
        GateInput input = new GateInput(TestReport.empty(), null, null, List.of("build/test-results/**/*.xml"),
                List.of());

        // when
        Verdict verdict = QualityGate.defaults().evaluate(input);

        // then
        assertThat(verdict.reasons()).singleElement().hasToString(
                "no test was executed (no report file matched build/test-results/**/*.xml), requireTests is true");
    }

    @Test
    void shouldRefuseNewFailuresOnlyWithoutABaseline() {
        // given
        QualityGate gate = QualityGate.builder().newFailuresOnly(true).build();

        // then
        assertThatThrownBy(() -> gate.evaluate(evidence(1, List.of(), 0, 0).input()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("newFailuresOnly needs a baseline");
    }

    @Test
    void shouldRefuseOptionsOutOfRange() {
        assertThatThrownBy(() -> QualityGate.builder().minPassRate(95)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("minPassRate must be between 0.0 and 1.0 (a share, 0.95 for 95%), was 95.0");
        assertThatThrownBy(() -> QualityGate.builder().maxFailures(-1)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("maxFailures must be >= 0, was -1");
        assertThatThrownBy(() -> QualityGate.builder().acceptedExitCodes(List.of()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at least one exit code");
    }
}
